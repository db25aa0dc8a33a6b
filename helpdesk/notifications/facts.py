"""The ticket's fields as a notification shows them: in the recipient's language (lookup and
custom-field labels from their JSON, dates and numbers in the locale's format) and only the
fields that recipient may see (a contact never learns a hidden field from an e-mail).

Worked out when the e-mail is queued: the outbox row keeps its recipient's language, so the
stored strings are the ones the e-mail will show."""

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from ..tickets.display import field_display
from ..tickets.field_schema import field_schema_for


def recipient_language(user) -> str:
    language = getattr(user, "language", None)
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def ticket_facts(ticket, user) -> list:
    """[[label, value], …] of the fields `user` sees that have a value, then the last update."""
    with translation.override(recipient_language(user)):
        schema = field_schema_for(user, customer=ticket.customer)
        facts = [[spec.label, field_display(spec, ticket)] for spec in schema.visible()]
        updated = formats.date_format(timezone.localtime(ticket.updated_at), "DATETIME_FORMAT")
        return [fact for fact in facts if fact[1]] + [[_("Updated"), updated]]
