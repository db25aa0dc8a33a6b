"""Per-portal branding and addresses, edited under Settings → Portal settings in the admin."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

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

    panels = [
        FieldPanel("portal_name"),
        FieldPanel("logo"),
        FieldPanel("primary_colour"),
        FieldPanel("public_base_url"),
    ]

    class Meta:
        verbose_name = _("Portal settings")

    def __str__(self):
        return self.portal_name
