"""Staff 2FA recovery codes (django-otp's static device): ten on enrolment, shown once, each
signs in once when the authenticator app is not at hand."""

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

COUNT = 10
DEVICE_NAME = "Recovery codes"


def clean(typed: str) -> str:
    """As stored: lower case, spaces and dashes (from the grouped display) ignored."""
    return "".join((typed or "").split()).replace("-", "").lower()


def _new_code() -> str:
    """8 base32 characters; never digits only, which the code page would take for an app code."""
    code = StaticToken.random_token()
    while code.isdigit():
        code = StaticToken.random_token()
    return code


def grouped(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


@transaction.atomic
def issue(user) -> list[str]:
    """Fresh codes for `user`; earlier ones stop working. Returns them for display, once."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
    codes = [_new_code() for _ in range(COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return [grouped(code) for code in codes]


def use(user, typed: str):
    """The recovery device if `typed` is one of the user's unused codes, else None. The code
    is deleted by one DELETE, so two parallel uses of the same code cannot both pass (django-otp's
    own check reads, then deletes). Wrong codes slow down further tries, as in django-otp."""
    device = StaticDevice.objects.filter(user=user, confirmed=True).first()
    if device is None or not device.verify_is_allowed()[0]:
        return None
    code = clean(typed)
    used, _detail = StaticToken.objects.filter(device=device, token=code).delete()
    if code and used:
        device.throttle_reset(commit=False)
        device.set_last_used_timestamp(commit=False)
        device.save()
        return device
    device.throttle_increment()
    return None


def remaining(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
