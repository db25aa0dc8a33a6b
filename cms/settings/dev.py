"""`make run`: the portal's own error pages (tracebacks go to the console), console e-mail,
tasks run at once, demo hosts allowed. DEBUG=true shows Django's debug pages instead; they list
every URL pattern and setting, which is why a demo never shows them."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", ".localhost"])
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
