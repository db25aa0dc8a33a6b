"""Database set-up and checks the journeys use between browser steps (demo data + a few rows)."""

import itertools
import re

from django.core import mail

from helpdesk.accounts.tokens import CODE_ALPHABET
from helpdesk.models import Contact, Customer, Ticket, User
from tests.factories import ContactFactory, UserFactory

_numbers = itertools.count(1)


def demo_user(email, language):
    """A demo account, with `language` as its stored choice (logging in switches to it)."""
    user = User.objects.get(email=email)
    user.language = language
    user.save(update_fields=["language"])
    return user


def new_contact(prefix, *, language="en", customer="Acme Corp", password):
    """A contact of its own, for journeys that change the account (password, language)."""
    user = UserFactory(email=f"{prefix}-{next(_numbers)}@acme.example", language=language)
    user.set_password(password)
    user.save(update_fields=["password"])
    return ContactFactory(user=user, customer=Customer.objects.get(name=customer)).user


def open_tickets_at(requester, location):
    return set(
        Ticket.objects.filter(
            requester=requester, status__code="open", custom_values__location=location
        ).values_list("number", flat=True)
    )


def company_ticket_numbers(email):
    customer = Contact.objects.get(user__email=email).customer
    return set(Ticket.objects.filter(customer=customer).values_list("number", flat=True))


def mail_to(address):
    return [message for message in mail.outbox if address in message.to]


def reset_code(message):
    """The 8-character code in a password-reset e-mail as it is shown there (two groups of four
    for readability, e.g. "SSDG ZWBQ"); no look-alike letters or digits."""
    found = re.findall(rf"\b[{CODE_ALPHABET}]{{4}} ?[{CODE_ALPHABET}]{{4}}\b", message.body)
    assert len(found) == 1, message.body
    return found[0]
