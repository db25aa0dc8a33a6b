"""Every e-mail the portal sends, queued by the real flows (services), not by hand-made
contexts: so the contexts are the ones production renders, and a new template that no flow
here sends shows up as missing (`EMAIL_TEMPLATES`)."""

from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings

from helpdesk.accounts import email_change, reset, welcome
from helpdesk.accounts.services import password_set
from helpdesk.models import OutboxMessage
from helpdesk.services.replies import ticket_reply
from helpdesk.services.tickets import ticket_create, ticket_update_fields
from tests.factories import ContactFactory, TechnicianFactory

EMAIL_DIR = Path(settings.BASE_DIR) / "templates" / "emails"


def email_templates():
    """Template names of every e-mail (each has a _subject.txt, a .txt and an .html)."""
    subjects = EMAIL_DIR.glob("*_subject.txt")
    return sorted(path.name.removesuffix("_subject.txt") for path in subjects)


def queue_every_email(*, language="en"):
    """Run each flow that sends mail, for people who read `language`; returns the outbox
    rows by template name. The e-mails are queued in `language`, as production does."""
    seen = OutboxMessage.objects.order_by("-id").values_list("id", flat=True).first() or 0
    technician = TechnicianFactory(
        email=f"tina.tech.{language}@example.com",
        first_name="Tina",
        last_name="Tech",
        language=language,
    )
    contact = ContactFactory(
        user__email=f"ada.{language}@acme.example",
        user__first_name="Ada",
        user__last_name="Lovelace",
        user__language=language,
        customer__name=f"Acme {language.upper()}",
    )
    user = contact.user
    ticket = ticket_create(user=user, title="XR-200 jams", description="<p>XR-200 0x4711</p>")
    ticket_reply(ticket=ticket, user=technician, body="<p>XR-200 0x4712</p>")
    ticket_reply(ticket=ticket, user=user, body="<p>XR-200 0x4713</p>")
    ticket_update_fields(ticket=ticket, user=technician, values={"status": "resolved"})
    reset.request_code(email=user.email)
    welcome.contact_send_welcome(contact=contact)
    password_set(user=user, password="A-new-passw0rd-for-Ada")
    email_change.email_change_request(user=user, new_email=f"ada.{language}.new@acme.example")
    queued = OutboxMessage.objects.filter(id__gt=seen).order_by("id")
    confirm = queued.get(template="email_change_confirm").context["confirm_url"]
    secret = urlsplit(confirm).path.rstrip("/").rsplit("/", 1)[-1]
    email_change.email_change_confirm(token=email_change.live_email_token(secret))
    return {message.template: message for message in queued.all()}


def context_data(message):
    """The context's texts: names, titles, addresses, links — data, never UI text. The ticket
    facts (field labels and values in the recipient's language) are checked like UI text."""
    return {
        str(value)
        for key, value in message.context.items()
        if value not in (None, "") and key != "facts"
    }
