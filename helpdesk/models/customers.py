"""Customers (companies served by the helpdesk) and their contacts (portal end users)."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Customer(models.Model):
    name = models.CharField(_("Name"), max_length=200)
    portal = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name=_("Portal"),
        on_delete=models.PROTECT,
        related_name="customers",
    )
    allowed_ticket_types = models.ManyToManyField(
        "helpdesk.TicketType",
        verbose_name=_("Allowed ticket types"),
        blank=True,
        related_name="+",
        help_text=_("Leave empty to use the portal's default ticket types."),
    )
    is_active = models.BooleanField(_("Active"), default=True)

    class Meta:
        verbose_name = _("Customer")
        verbose_name_plural = _("Customers")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["portal", "name"], name="customer_unique_name_per_portal"
            ),
        ]

    def __str__(self):
        return self.name


# The one rule for a phone number, on the field: the admin, the portal's profile form and the
# API's /me/ all validate with it (C-36).
phone_number = RegexValidator(
    r"^[0-9+()./\- ]*$", _("Enter a phone number with digits, spaces and + ( ) - / . only.")
)


class Contact(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User"),
        on_delete=models.CASCADE,
        related_name="contact",
    )
    customer = models.ForeignKey(
        Customer, verbose_name=_("Customer"), on_delete=models.PROTECT, related_name="contacts"
    )
    job_title = models.CharField(_("Job title"), max_length=150, blank=True)
    phone = models.CharField(
        _("Phone number"), max_length=50, blank=True, validators=[phone_number]
    )
    is_main_contact = models.BooleanField(
        _("Main contact"),
        default=False,
        help_text=_("A main contact sees all tickets of their customer."),
    )
    portal_access = models.BooleanField(
        _("Portal access"),
        default=True,
        help_text=_("Whether this contact may log in to the portal."),
    )

    class Meta:
        verbose_name = _("Contact")
        verbose_name_plural = _("Contacts")
        ordering = ["customer__name", "user__email"]

    def __str__(self):
        return f"{self.user} ({self.customer})"
