"""POST /api/v1/auth/token/ — e-mail + password for an API token."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .common import error_responses
from .throttling import AuthThrottle


def token_error_responses():
    """400 (wrong credentials or fields) and 429 (throttled); no 401/403 without auth."""
    return {code: doc for code, doc in error_responses(400, 415).items() if code not in (401, 403)}


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField(label=_("E-mail address"))
    password = serializers.CharField(label=_("Password"), style={"input_type": "password"})

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
        attrs["user"] = user
        return attrs


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField()


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
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
