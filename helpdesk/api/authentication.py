"""The API's token authentication. A module of its own, importing no view: DRF loads it from
the settings while its own views module is still being imported."""

from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from ..accounts import api_tokens
from ..core.permissions import may_sign_in


class PortalTokenAuthentication(TokenAuthentication):
    """DRF's `Authorization: Token <key>` header, checked against the hashed, expiring tokens
    of helpdesk.accounts.api_tokens (C-43), with the sign-in rule of every door (may_sign_in,
    C-37): the token of a contact whose access is withdrawn stops working at once. The contact
    and customer come in the token's query, which the rule and every view read."""

    def authenticate_credentials(self, key):
        token = api_tokens.live_token(key)
        if token is None or not may_sign_in(token.user):
            raise exceptions.AuthenticationFailed()  # the same words for every refusal
        api_tokens.touch(token)
        return (token.user, token)
