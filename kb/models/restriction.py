"""Per-customer restriction of KB pages, keyed on `translation_key` so that one row covers a page,
its translations and its aliases (and, through tree paths, everything below each of them)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class KBRestriction(models.Model):
    translation_key = models.UUIDField(_("Translation key"), unique=True)
    customers = models.ManyToManyField(
        "helpdesk.Customer", verbose_name=_("Customers"), related_name="kb_restrictions"
    )

    class Meta:
        verbose_name = _("Knowledge base restriction")
        verbose_name_plural = _("Knowledge base restrictions")

    def __str__(self):
        return str(self.translation_key)

    @classmethod
    def customers_for(cls, translation_key):
        return list(
            cls.objects.filter(translation_key=translation_key)
            .exclude(customers=None)
            .values_list("customers", flat=True)
        )

    @classmethod
    def set_for(cls, translation_key, customers):
        """Limit the page to `customers`; an empty choice lifts the restriction."""
        customers = list(customers)
        if not customers:
            cls.objects.filter(translation_key=translation_key).delete()
            return
        restriction = cls.objects.get_or_create(translation_key=translation_key)[0]
        restriction.customers.set(customers)
