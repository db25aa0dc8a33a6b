"""Staff 2FA for the Wagtail admin (C-17): TOTP from django-otp, required when
ADMIN_REQUIRE_2FA is on (default on in production). A staff user without a confirmed device is
sent to enrolment, one with a device to the code page; nothing else under /admin/ opens first.
Enrolment ends with ten recovery codes, shown once; the code page takes one instead of a TOTP."""

from base64 import b32encode

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

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


class AdminTwoFactorMiddleware:
    """After django_otp's OTPMiddleware: staff in /admin/ must be verified."""

    OPEN = ("login/", "logout/", "jsi18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if getattr(settings, "ADMIN_REQUIRE_2FA", False) and request.path.startswith("/admin/"):
            rest = request.path[len("/admin/") :]
            user = request.user
            if user.is_authenticated and not rest.startswith(self.OPEN) and not user.is_verified():
                return redirect("account:two_factor")
        return self.get_response(request)


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
            otp_login(request, used)
            if enrolling:  # shown once: nothing else ever displays them
                return render(
                    request,
                    "helpdesk/accounts/two_factor_recovery.html",
                    {"codes": recovery_codes.issue(user)},
                )
            return redirect(reverse("wagtailadmin_home"))  # never `next`: no open redirect
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
