from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="help")
class KBSettings(BaseSiteSetting):
    anonymous_access = models.BooleanField(
        _("Anonymous visitors may read the knowledge base"),
        default=False,
        help_text=_("Pages limited to customers stay hidden from anonymous visitors."),
    )

    class Meta:
        verbose_name = _("Knowledge base settings")
