"""POST /api/v1/auth/token/ — e-mail + password for an API token."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from ..accounts import api_tokens, two_factor
from .common import error_responses
from .throttling import AuthThrottle


def token_error_responses():
    """400 (wrong credentials or fields) and 429 (throttled); no 401/403 without auth."""
    return {code: doc for code, doc in error_responses(400, 415).items() if code not in (401, 403)}


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(label=_("E-mail address"))
    password = serializers.CharField(label=_("Password"), style={"input_type": "password"})
    otp = serializers.CharField(
        label=_("Code from your authenticator app"),
        max_length=20,
        required=False,
        help_text="Staff, where two-factor authentication is required: a current code of their "
        "authenticator app, or one of their recovery codes.",
    )
    name = serializers.CharField(
        label=_("Name"),
        max_length=100,
        required=False,
        help_text="What the token is for, as the user sees it in My profile (default: API).",
    )

    def validate(self, attrs):
        user = authenticate(
            self.context["request"], email=attrs["email"], password=attrs["password"]
        )
        # The login backend applies may_sign_in. Same words for an unknown address, a wrong
        # password, an inactive account and withdrawn access.
        if user is None:
            raise serializers.ValidationError(
                _("The e-mail address or password is not correct."), code="invalid_credentials"
            )
        # Staff reach every customer's tickets: a password alone is not enough (C-44).
        if two_factor.second_factor_required(user) and not two_factor.code_is_valid(
            user, attrs.get("otp")
        ):
            raise serializers.ValidationError(
                {"otp": [_("Enter a current code from your authenticator app.")]},
                code="second_factor_required",
            )
        attrs["user"] = user
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Shown once; only its hash is stored.")
    expires_at = serializers.DateTimeField()


class ObtainTokenView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AuthThrottle]
    throttle_scope = "auth"

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: TokenResponseSerializer, **token_error_responses()},
        summary="Exchange e-mail and password for an API token",
        tags=["auth"],
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        token, key = api_tokens.issue(user=data["user"], name=data.get("name") or "API")
        return Response({"token": key, "expires_at": api_tokens.expires_at(token)})
