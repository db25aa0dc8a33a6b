"""Lookup values of the built-in ticket fields: status, priority, type, impact, product family.

Labels are stored per language code in JSON, so a sixth language needs data, not a migration."""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


def label_in(labels: dict, language: str | None, fallback: str) -> str:
    """The label for `language` (or the active one), else English, else `fallback`."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return labels.get(language) or labels.get(settings.LANGUAGE_CODE) or fallback


class Lookup(models.Model):
    code = models.SlugField(
        _("Code"),
        max_length=50,
        unique=True,
        help_text=_("Stable identifier used by filters, exports and the API."),
    )
    labels = models.JSONField(
        _("Labels"),
        default=dict,
        help_text=_('Label per language code, e.g. {"en": "High", "de": "Hoch"}.'),
    )
    order = models.PositiveIntegerField(_("Order"), default=0)
    is_active = models.BooleanField(_("Active"), default=True)

    class Meta:
        abstract = True
        ordering = ["order", "id"]

    def __str__(self):
        return self.label()

    def label(self, language=None):
        return label_in(self.labels or {}, language, self.code)


class StatusCategory(models.TextChoices):
    OPEN = "open", _("Open")
    PENDING = "pending", _("Pending")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


class Status(Lookup):
    category = models.CharField(
        _("Category"), max_length=10, choices=StatusCategory.choices, default=StatusCategory.OPEN
    )

    class Meta(Lookup.Meta):
        verbose_name = _("Status")
        verbose_name_plural = _("Statuses")

    @property
    def is_closed(self):
        return self.category == StatusCategory.CLOSED


class Priority(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("Priority")
        verbose_name_plural = _("Priorities")


class TicketType(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("Type")
        verbose_name_plural = _("Types")


class Impact(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("Impact")
        verbose_name_plural = _("Impacts")


class ProductFamily(Lookup):
    class Meta(Lookup.Meta):
        verbose_name = _("Product family")
        verbose_name_plural = _("Product families")
