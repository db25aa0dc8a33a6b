"""Tickets, their public replies and internal notes, attachments and field activity."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms.core.storage import private_storage

from .customers import Customer


class TicketCounter(models.Model):
    """One row that hands out ticket numbers under `select_for_update` (never max()+1)."""

    last_number = models.PositiveBigIntegerField(default=1000)

    class Meta:
        verbose_name = _("Ticket counter")

    def __str__(self):
        return str(self.last_number)


class TicketSource(models.TextChoices):
    PORTAL = "portal", _("Portal")
    API = "api", _("API")
    ADMIN = "admin", _("Admin")


class Ticket(models.Model):
    number = models.PositiveBigIntegerField(_("Number"), unique=True, editable=False)
    title = models.CharField(_("Title"), max_length=200)
    description = models.TextField(_("Description"), blank=True)
    status = models.ForeignKey(
        "helpdesk.Status", verbose_name=_("Status"), on_delete=models.PROTECT, related_name="+"
    )
    priority = models.ForeignKey(
        "helpdesk.Priority",
        verbose_name=_("Priority"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    type = models.ForeignKey(
        "helpdesk.TicketType",
        verbose_name=_("Type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    impact = models.ForeignKey(
        "helpdesk.Impact",
        verbose_name=_("Impact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    product_family = models.ForeignKey(
        "helpdesk.ProductFamily",
        verbose_name=_("Product family"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    custom_values = models.JSONField(_("Custom fields"), default=dict, blank=True)
    customer = models.ForeignKey(
        Customer, verbose_name=_("Customer"), on_delete=models.PROTECT, related_name="tickets"
    )
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Requester"),
        on_delete=models.PROTECT,
        related_name="requested_tickets",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Technician"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_tickets",
        limit_choices_to={"is_staff": True},
    )
    source = models.CharField(
        _("Source"), max_length=10, choices=TicketSource.choices, default=TicketSource.PORTAL
    )
    # NULL (not "") when absent, so the unique constraint ignores tickets without a key.
    idempotency_key = models.CharField(  # noqa: DJ001
        max_length=100, null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(_("Created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("Updated"), default=timezone.now, editable=False)
    resolved_at = models.DateTimeField(_("Resolved"), null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("Closed"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("Ticket")
        verbose_name_plural = _("Tickets")
        ordering = ["-updated_at", "-id"]
        indexes = [
            # Keyset pagination over each sort key, scoped by customer (SPEC §8).
            models.Index(fields=["customer", "updated_at", "id"], name="ticket_cust_updated"),
            models.Index(fields=["customer", "created_at", "id"], name="ticket_cust_created"),
            models.Index(fields=["customer", "number"], name="ticket_cust_number"),
            models.Index(fields=["customer", "priority", "id"], name="ticket_cust_priority"),
            models.Index(fields=["customer", "status", "updated_at"], name="ticket_cust_status"),
            models.Index(fields=["requester", "updated_at", "id"], name="ticket_req_updated"),
            models.Index(fields=["assignee", "updated_at"], name="ticket_assignee_updated"),
            models.Index(fields=["updated_at", "id"], name="ticket_updated"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["requester", "idempotency_key"],
                condition=models.Q(idempotency_key__isnull=False),
                name="ticket_unique_idempotency_key",
            ),
        ]

    def __str__(self):
        return f"#{self.number} {self.title}"

    @property
    def display_number(self):
        return f"#{self.number}"


class Reply(models.Model):
    ticket = models.ForeignKey(
        Ticket, verbose_name=_("Ticket"), on_delete=models.CASCADE, related_name="replies"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Author"),
        on_delete=models.PROTECT,
        related_name="ticket_replies",
    )
    body = models.TextField(_("Message"))
    is_internal = models.BooleanField(
        _("Internal note"), default=False, help_text=_("Only technicians see internal notes.")
    )
    created_at = models.DateTimeField(_("Created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("Reply")
        verbose_name_plural = _("Replies")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at", "id"], name="reply_ticket_created")]

    def __str__(self):
        return f"{self.ticket.display_number} · {self.author}"


class Attachment(models.Model):
    """A file on a ticket (its description) or on one reply. Stored privately under a generated
    name; `name` is the sanitised original name shown to people."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("Ticket"), on_delete=models.CASCADE, related_name="attachments"
    )
    reply = models.ForeignKey(
        Reply,
        verbose_name=_("Reply"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(_("File"), storage=private_storage, upload_to="attachments/%Y/%m/")
    name = models.CharField(_("Name"), max_length=255)
    size = models.PositiveBigIntegerField(_("Size"))
    content_type = models.CharField(_("Content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("Created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("Attachment")
        verbose_name_plural = _("Attachments")
        ordering = ["created_at", "id"]

    def __str__(self):
        return self.name


class Activity(models.Model):
    """Who changed which field of a ticket, when. Shown to contacts only for fields their
    schema lets them see."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("Ticket"), on_delete=models.CASCADE, related_name="activities"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("By"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    field = models.CharField(_("Field"), max_length=60)
    old_value = models.JSONField(_("Old value"), null=True, blank=True)
    new_value = models.JSONField(_("New value"), null=True, blank=True)
    created_at = models.DateTimeField(_("When"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("Activity")
        verbose_name_plural = _("Activities")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at"], name="activity_ticket_created")]

    def __str__(self):
        return f"{self.ticket.display_number} {self.field}"
