"""The portal shell's pages. Each portal (Wagtail Site) has a PortalHomePage as its root."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class PortalHomePage(Page):
    welcome_heading = models.CharField(
        _("Welcome heading"),
        max_length=200,
        blank=True,
        help_text=_("Shown above the intro; the portal name is used when empty."),
    )
    intro = models.TextField(_("Intro"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("welcome_heading"), FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["kb.KnowledgeBasePage"]

    class Meta:
        verbose_name = _("Portal home page")
