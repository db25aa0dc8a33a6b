"""The API's settings: DRF (authentication, rendering, errors, throttles) and its OpenAPI
schema. Imported by base.py."""

import environ
import orjson

env = environ.Env()

REST_FRAMEWORK = {
    # Token first so that an anonymous call is answered 401 with a WWW-Authenticate header.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "helpdesk.api.authentication.PortalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # orjson: a page of 100 tickets encodes in a tenth of the time of the stdlib encoder. UTC
    # times end in "Z", as DRF's own encoder writes them.
    "DEFAULT_RENDERER_CLASSES": ["drf_orjson_renderer.renderers.ORJSONRenderer"],
    # Error details are str subclasses (ErrorDetail), also as keys of the "fields" map.
    "ORJSON_RENDERER_OPTIONS": (orjson.OPT_UTC_Z, orjson.OPT_NON_STR_KEYS),
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
        "rest_framework.parsers.FormParser",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "helpdesk.api.errors.api_exception_handler",
    "DEFAULT_THROTTLE_CLASSES": [
        "helpdesk.api.throttling.AnonThrottle",
        "helpdesk.api.throttling.UserThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_THROTTLE_ANON", default="60/minute"),
        "user": env.str("API_THROTTLE_USER", default="1200/minute"),
        "auth": env.str("API_THROTTLE_AUTH", default="10/minute"),
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Service Portal API",
    "DESCRIPTION": "Tickets, replies, attachments and the knowledge base of the service portal.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "PREPROCESSING_HOOKS": ["helpdesk.api.schema.public_api_only"],
    # Ids in paths are database integers (cms.core.params): larger ones are not found.
    "PATH_CONVERTER_OVERRIDES": {
        "dbid": {"type": "integer", "format": "int64", "minimum": 1, "maximum": 2**63 - 1}
    },
}
