"""Single-use account secrets: password reset codes, welcome links and e-mail confirmations.

Only a keyed hash is stored (DESIGN rule 9). One live row per user and purpose: a newer request
replaces the older row, so an older code or link is dead the moment a new one exists."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TokenPurpose(models.TextChoices):
    PASSWORD_RESET = "password_reset", _("Password reset code")
    WELCOME = "welcome", _("Welcome link")
    EMAIL_CHANGE = "email_change", _("E-mail change confirmation")


class AccountToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User"),
        on_delete=models.CASCADE,
        related_name="account_tokens",
    )
    purpose = models.CharField(_("Purpose"), max_length=20, choices=TokenPurpose.choices)
    # HMAC-SHA256 (hex) of the secret; looked up directly for links, compared for codes.
    token_hash = models.CharField(max_length=64, db_index=True)
    # The address an e-mail change moves to once confirmed.
    new_email = models.EmailField(_("New e-mail address"), blank=True)
    created_at = models.DateTimeField(_("Created"), default=timezone.now)
    expires_at = models.DateTimeField(_("Expires"))
    # Wrong guesses so far; raised by a conditional UPDATE so parallel guesses cannot overshoot.
    attempts = models.PositiveSmallIntegerField(_("Attempts"), default=0)
    used_at = models.DateTimeField(_("Used"), null=True, blank=True)

    class Meta:
        verbose_name = _("Account token")
        verbose_name_plural = _("Account tokens")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"], name="account_token_one_per_purpose"
            )
        ]

    def __str__(self):
        return f"{self.get_purpose_display()} · {self.user}"
