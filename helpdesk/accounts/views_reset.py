"""Password reset: request a code, then code + new password (SPEC §4.3).

The request step answers every address the same way (a redirect to the code page with the same
notice) and enqueues the same task for it; whether an account exists is decided in the task."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from cms.core.client_address import client_ip

from ..models.users import normalize_email
from . import limits, reset
from .backends import BACKEND_PATH
from .forms import ResetConfirmForm, ResetRequestForm
from .tasks import send_password_reset_code
from .views import home_url, set_language_cookie

SESSION_EMAIL = "password_reset_email"
HOUR = 3600


def _limit(name, default):
    return getattr(settings, name, default)


@require_http_methods(["GET", "POST"])
def password_reset_request(request):
    form = ResetRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        address = normalize_email(form.cleaned_data["email"])
        per_ip = limits.allow(
            "reset-ip",
            client_ip(request),
            limit=_limit("PASSWORD_RESET_REQUESTS_PER_IP", 20),
            window=HOUR,
        )
        # Counted per normalised address whether or not it exists: same behaviour for both.
        per_account = per_ip and limits.allow(
            "reset-account",
            address,
            limit=_limit("PASSWORD_RESET_REQUESTS_PER_ACCOUNT", 3),
            window=HOUR,
        )
        if per_account:
            portal = Site.find_for_request(request)
            send_password_reset_code.enqueue(
                email=address,
                language=translation.get_language(),
                portal_id=portal.pk if portal else None,
            )
        request.session[SESSION_EMAIL] = address
        messages.info(
            request,
            _(
                "If an account exists for this address, we sent a code to it. "
                "The code is valid for 10 minutes."
            ),
        )
        return redirect("account:password_reset_confirm")
    return render(
        request,
        "helpdesk/accounts/password_reset_request.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def password_reset_confirm(request):
    if request.method == "POST":
        form = ResetConfirmForm(request.POST)
    else:
        form = ResetConfirmForm(initial={"email": request.session.get(SESSION_EMAIL, "")})
    if request.method == "POST" and form.is_valid():
        if not limits.allow(
            "reset-confirm-ip",
            client_ip(request),
            limit=_limit("PASSWORD_RESET_CONFIRMS_PER_IP", 30),
            window=HOUR,
        ):
            form.add_error(None, reset.INVALID_CODE)
        else:
            data = form.cleaned_data
            try:
                user = reset.reset_with_code(
                    email=data["email"], code=data["code"], password=data["new_password1"]
                )
            except ValidationError as error:
                field = None if getattr(error, "code", None) == "invalid_code" else "new_password1"
                form.add_error(field, error)
            else:
                return _logged_in(request, user)
    return render(
        request,
        "helpdesk/accounts/password_reset_confirm.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )


def _logged_in(request, user):
    # login() gives the session a new key; the new password hash ends all other sessions.
    login(request, user, backend=BACKEND_PATH)
    request.session.pop(SESSION_EMAIL, None)
    with translation.override(user.language):
        messages.success(request, _("Your password was changed. You are logged in."))
        response = redirect(home_url())
    set_language_cookie(response, user.language)
    return response
