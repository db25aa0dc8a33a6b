"""Mail outbox (DESIGN rule 7): a row per e-mail, written in the transaction that caused it,
delivered by `helpdesk.notifications.delivery.deliver_due` with back-off; failures stay for the
next run."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")  # gave up after the last attempt


class OutboxMessage(models.Model):
    recipient = models.EmailField(_("Recipient"))
    language = models.CharField(_("Language"), max_length=10)
    template = models.CharField(
        _("Template"),
        max_length=100,
        help_text=_("Name under templates/emails/, e.g. ticket_reply"),
    )
    context = models.JSONField(_("Context"), default=dict)
    status = models.CharField(
        _("Status"), max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("Attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("Next attempt"), default=timezone.now)
    last_error = models.TextField(_("Last error"), blank=True)
    created_at = models.DateTimeField(_("Created"), default=timezone.now)
    sent_at = models.DateTimeField(_("Sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("Outgoing e-mail")
        verbose_name_plural = _("Outgoing e-mails")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]

    def __str__(self):
        return f"{self.template} → {self.recipient}"
