"""Ticket-side factories. Numbers come from a sequence here (fast, unique); the numbering
service itself is tested separately."""

import factory
from django.utils import timezone

from helpdesk.models import CustomField, Priority, Reply, Status, Ticket, TicketType

from .helpdesk import ContactFactory, UserFactory


def lookup(model, code):
    return model.objects.get(code=code)


class TicketFactory(factory.django.DjangoModelFactory):
    """A ticket of a contact (`requester` defaults to a new contact's user)."""

    class Meta:
        model = Ticket

    class Params:
        contact = factory.SubFactory(ContactFactory)

    number = factory.Sequence(lambda n: 500_000 + n)
    title = factory.Faker("sentence", nb_words=5)
    description = factory.LazyFunction(lambda: "<p>Something is broken.</p>")
    status = factory.LazyFunction(lambda: lookup(Status, "open"))
    priority = factory.LazyFunction(lambda: lookup(Priority, "medium"))
    type = factory.LazyFunction(lambda: lookup(TicketType, "incident"))
    requester = factory.LazyAttribute(lambda o: o.contact.user)
    customer = factory.LazyAttribute(lambda o: o.contact.customer)
    custom_values = factory.LazyFunction(dict)
    created_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)


class ReplyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reply

    ticket = factory.SubFactory(TicketFactory)
    author = factory.LazyAttribute(lambda o: o.ticket.requester)
    body = factory.LazyFunction(lambda: "<p>Any news?</p>")
    is_internal = False


class TechnicianFactory(UserFactory):
    """A staff user in the Technicians group (groups are created by migrate)."""

    is_staff = True

    @factory.post_generation
    def technicians_group(obj, create, extracted, **kwargs):
        if create:
            from django.contrib.auth.models import Group

            obj.groups.add(Group.objects.get(name="Technicians"))


class CustomFieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CustomField

    key = factory.Sequence(lambda n: f"field_{n}")
    labels = factory.LazyAttribute(lambda o: {"en": o.key.replace("_", " ").title()})
    field_type = "text"
    visibility = "editable"
