"""Staff 2FA (C-17, C-44): TOTP from django-otp, required when ADMIN_REQUIRE_2FA is on (default
on in production). A staff user without a confirmed device is sent to enrolment, one with a
device to the code page; no page of the admin or the portal opens first, and a staff session
on /api/ is refused. The token endpoint asks staff for a code too (`code_is_valid`).
Enrolment ends with ten recovery codes, shown once; the code page takes one instead of a TOTP."""

from base64 import b32encode
from logging import WARNING

from django import forms
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms.core.logs import security_event

from . import recovery_codes


class CodeForm(forms.Form):
    token = forms.CharField(
        label=_("Code from your authenticator app"),
        help_text=_("Without your app, enter one of your recovery codes."),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )


def _confirmed_device(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def second_factor_required(user) -> bool:
    """Staff (who reach every customer's data) need a verified second factor, when required."""
    return bool(
        getattr(settings, "ADMIN_REQUIRE_2FA", False) and user.is_authenticated and user.is_staff
    )


def code_is_valid(user, typed) -> bool:
    """A current code of the user's confirmed authenticator, or one of their recovery codes."""
    typed = (typed or "").strip()
    device = _confirmed_device(user)
    if device is None or not typed:
        return False
    if typed.isdigit():
        return device.verify_token(typed)
    return recovery_codes.use(user, typed) is not None


class AdminTwoFactorMiddleware:
    """After django_otp's OTPMiddleware: a staff session opens nothing before its second factor
    is verified — no admin page, no portal page (a redirect to the code page) and no API call
    (403 in the API's error shape). Open: signing in and out, the code page itself."""

    OPEN_ADMIN = ("login/", "logout/", "jsi18n/")
    OPEN_ACCOUNT = ("login/", "logout/", "2fa/")
    UNGUARDED = ("/static/", "/media/", "/favicon.ico")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if second_factor_required(user) and not user.is_verified() and not self._open(request.path):
            if request.path.startswith("/api/"):
                return self._api_refusal()
            return redirect("account:two_factor")
        return self.get_response(request)

    def _open(self, path):
        if path.startswith(self.UNGUARDED):
            return True
        if path.startswith("/admin/"):
            return path[len("/admin/") :].startswith(self.OPEN_ADMIN)
        # /<lang>/account/…: the language prefix is two letters.
        rest = path[4:] if path[3:4] == "/" else path
        return rest.startswith("account/") and rest[len("account/") :].startswith(self.OPEN_ACCOUNT)

    @staticmethod
    def _api_refusal():
        message = _("Verify your second factor first (in the admin), then try again.")
        body = {"error": {"code": "second_factor_required", "message": str(message), "fields": {}}}
        return JsonResponse(body, status=403)


@never_cache
@require_http_methods(["GET", "POST"])
def two_factor(request):
    """Enrol (no confirmed device yet) or verify (device exists) in one page."""
    user = request.user
    if not (user.is_authenticated and user.is_staff):
        return redirect("wagtailadmin_login")
    device = _confirmed_device(user)
    enrolling = device is None
    if enrolling:
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, confirmed=False, defaults={"name": "Authenticator"}
        )
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        typed = form.cleaned_data["token"].strip()
        # App codes are digits; recovery codes have letters (and only count once enrolled).
        if enrolling or typed.isdigit():
            used = device if device.verify_token(typed) else None
        else:
            used = recovery_codes.use(user, typed)
        if used is not None:
            if enrolling:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                security_event("second_factor_enrolled", user=user)
            otp_login(request, used)
            security_event("second_factor_verified", user=user, recovery_code=used is not device)
            if enrolling:  # shown once: nothing else ever displays them
                return render(
                    request,
                    "helpdesk/accounts/two_factor_recovery.html",
                    {"codes": recovery_codes.issue(user)},
                )
            return redirect(reverse("wagtailadmin_home"))  # never `next`: no open redirect
        security_event("second_factor_refused", user=user, level=WARNING)
        form.add_error("token", _("This code is not correct. Please try again."))
    return render(
        request,
        "helpdesk/accounts/two_factor.html",
        {
            "form": form,
            "enrolling": enrolling,
            "config_url": device.config_url if enrolling else "",
            "secret": _base32(device.bin_key) if enrolling else "",
        },
        status=400 if form.is_bound else 200,
    )


def _base32(key: bytes) -> str:
    return b32encode(key).decode()
