import pytest
from django.contrib.auth.models import Group

from helpdesk.models import Contact
from helpdesk.tickets.selectors import tickets_visible_to, visible_ticket_or_none
from tests.factories import TicketFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tickets(a1, a2, b1):
    return {
        "tA1": TicketFactory(requester=a1, customer=a1.contact.customer),
        "tA2": TicketFactory(requester=a2, customer=a2.contact.customer),
        "tB1": TicketFactory(requester=b1, customer=b1.contact.customer),
    }


def numbers(user):
    return set(tickets_visible_to(user).values_list("number", flat=True))


def test_C02_contact_sees_only_own_tickets(a1, tickets):
    assert numbers(a1) == {tickets["tA1"].number}
    assert visible_ticket_or_none(a1, tickets["tA2"].number) is None


def test_C03_main_contact_sees_the_customers_tickets_only(a_main, tickets):
    assert numbers(a_main) == {tickets["tA1"].number, tickets["tA2"].number}


def test_C01_other_customer_sees_none_of_them(b1, tickets):
    assert numbers(b1) == {tickets["tB1"].number}
    assert visible_ticket_or_none(b1, tickets["tA1"].number) is None


def test_technician_sees_every_ticket(tech, tickets):
    assert numbers(tech) == {t.number for t in tickets.values()}


def test_staff_without_helpdesk_rights_sees_nothing(tickets):
    editor = UserFactory(is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    assert numbers(editor) == set()


def test_anonymous_and_garbage_numbers_see_nothing(tickets):
    from django.contrib.auth.models import AnonymousUser

    assert numbers(AnonymousUser()) == set()
    assert visible_ticket_or_none(AnonymousUser(), "1 OR 1=1") is None


def test_C05_demoted_main_contact_loses_the_company_tickets_at_once(a_main, tickets):
    assert len(numbers(a_main)) == 2
    Contact.objects.filter(user=a_main).update(is_main_contact=False)
    a_main.refresh_from_db()
    assert numbers(a_main) == set()


def test_C05_contact_moved_to_another_customer_loses_old_tickets(a1, globex, tickets):
    Contact.objects.filter(user=a1).update(customer=globex)
    a1.refresh_from_db()
    assert numbers(a1) == set()


def test_contact_without_portal_access_or_inactive_sees_nothing(a1, a2, tickets):
    Contact.objects.filter(user=a1).update(portal_access=False)
    a1.refresh_from_db()
    a2.is_active = False
    a2.save()
    assert numbers(a1) == set()
    assert numbers(a2) == set()
