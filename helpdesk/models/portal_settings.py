"""Per-portal branding and addresses, edited under Settings → Portal settings in the admin."""

from django import forms
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site

from cms.core.per_language import PerLanguageWidget
from cms.core.versioned_cache import cached

from .versions import PORTAL_CONFIG

# Only #rgb / #rrggbb reach the stylesheet, so the colour can never carry CSS of its own.
hex_colour = RegexValidator(
    r"^#(?:[0-9a-fA-F]{3}){1,2}$", _("Enter a colour as #rgb or #rrggbb, e.g. #1f6feb.")
)


@register_setting(icon="cog")
class PortalSettings(BaseSiteSetting):
    portal_name = models.CharField(_("Portal name"), max_length=100, default="Service Portal")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("Logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    primary_colour = models.CharField(
        _("Primary colour"), max_length=7, default="#1f6feb", validators=[hex_colour]
    )
    public_base_url = models.URLField(
        _("Public base URL"),
        blank=True,
        help_text=_(
            "The address users reach this portal at, e.g. https://support.example.com. "
            "Every link in an e-mail starts with it."
        ),
    )

    support_email = models.EmailField(
        _("Support e-mail"),
        blank=True,
        help_text=_("Team address told to contacts and notified about unassigned tickets."),
    )
    default_ticket_types = models.ManyToManyField(
        "helpdesk.TicketType",
        verbose_name=_("Default ticket types"),
        blank=True,
        related_name="+",
        help_text=_(
            "Types contacts may choose unless their customer has its own list. "
            "Empty: every active type."
        ),
    )
    max_upload_mb = models.PositiveIntegerField(
        _("Upload size limit (MB)"), default=10, validators=[MinValueValidator(1)]
    )
    contacts_may_close = models.BooleanField(_("Contacts may close their tickets"), default=True)
    contacts_may_reopen_resolved = models.BooleanField(
        _("Contacts may reopen resolved tickets"), default=True
    )
    contacts_may_reopen_closed = models.BooleanField(
        _("Contacts may reopen closed tickets"), default=False
    )
    reply_reopens_resolved = models.BooleanField(
        _("A contact's reply reopens a resolved ticket"), default=True
    )
    # Off by default: turning it on is a decision (and seed_demo never sends anything).
    welcome_auto_send = models.BooleanField(
        _("Send the welcome e-mail automatically"),
        default=False,
        help_text=_(
            "When a contact is given portal access (a new contact with access, or access "
            "switched on), they get the welcome e-mail with a link to set their password."
        ),
    )
    welcome_subject = models.JSONField(
        _("Welcome e-mail subject"),
        default=dict,
        blank=True,
        help_text=_("Per language; where empty, the standard subject is used."),
    )
    welcome_intro = models.JSONField(
        _("Welcome e-mail introduction"),
        default=dict,
        blank=True,
        help_text=_(
            "Per language, shown above the login details; where empty, the standard text is used."
        ),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("portal_name"),
                FieldPanel("logo"),
                FieldPanel("primary_colour"),
                FieldPanel("public_base_url"),
                FieldPanel("support_email"),
            ],
            heading=_("Branding and addresses"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("default_ticket_types", widget=forms.CheckboxSelectMultiple),
                FieldPanel("max_upload_mb"),
                FieldPanel("contacts_may_close"),
                FieldPanel("contacts_may_reopen_resolved"),
                FieldPanel("contacts_may_reopen_closed"),
                FieldPanel("reply_reopens_resolved"),
            ],
            heading=_("Tickets"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("welcome_auto_send"),
                FieldPanel("welcome_subject", widget=PerLanguageWidget()),
                FieldPanel("welcome_intro", widget=PerLanguageWidget(multiline=True)),
            ],
            heading=_("Welcome e-mail"),
        ),
    ]

    @classmethod
    def base_queryset(cls):
        return super().base_queryset().select_related("logo")

    @classmethod
    def for_request(cls, request):
        """The request's portal settings (with the logo), from the cache while PORTAL_CONFIG's
        version stands (any save of portal settings or an image moves it on): every portal
        page shows them, and they change a few times a year. Saving code uses `for_site`."""
        attribute = cls.get_cache_attr_name()
        if not hasattr(request, attribute):
            site = Site.find_for_request(request)
            if site is None:
                return super().for_request(request)
            key = ("portal-settings", site.pk)
            instance = cached(PORTAL_CONFIG, key, lambda: cls.for_site(site))
            instance._request = request
            setattr(request, attribute, instance)
        return getattr(request, attribute)

    class Meta:
        verbose_name = _("Portal settings")

    def __str__(self):
        return self.portal_name

    @property
    def max_upload_bytes(self):
        return self.max_upload_mb * 1024 * 1024
