"""A custom field added in the database appears in the new-ticket form, the ticket page, the
filter panel and the CSV columns with no code change — and vanishes from all four when hidden."""

import pytest

from helpdesk.models import CustomField
from tests.factories import TicketFactory

from .conftest import body
from .test_export import rows_of

pytestmark = pytest.mark.django_db


def places(client, ticket):
    new = body(client.get("/en/tickets/new/"))
    page = body(client.get(f"/en/tickets/{ticket.number}/"))
    listing = body(client.get("/en/tickets/"))
    panel = listing.split('class="filter-form"', 1)[1].split("</form>", 1)[0]
    header = rows_of(client.get("/en/tickets/export.csv"))[0]
    return new, page, panel, header


def test_a_new_custom_field_shows_up_in_all_four_places_and_vanishes_when_hidden(client, a_main):
    ticket = TicketFactory(contact=a_main.contact, custom_values={"region": "emea"})
    client.force_login(a_main)
    new, page, panel, header = places(client, ticket)
    assert "Sales region" not in new + page + panel and "Sales region" not in header

    # What an admin does in the admin: one row, no code.
    field = CustomField.objects.create(
        key="region",
        labels={"en": "Sales region"},
        field_type="dropdown",
        options=[
            {"code": "emea", "labels": {"en": "Europe & Africa"}},
            {"code": "apac", "labels": {"en": "Asia Pacific"}},
        ],
        visibility="editable",
    )
    new, page, panel, header = places(client, ticket)
    assert 'name="cf_region"' in new and "Sales region" in new
    assert "Sales region" in page and 'name="cf_region"' in page
    assert '<option value="emea" selected>Europe &amp; Africa</option>' in page
    assert 'name="cf_region"' in panel and "Asia Pacific" in panel
    assert "Sales region" in header

    field.visibility = "hidden"
    field.save()
    new, page, panel, header = places(client, ticket)
    for html in (new, page, panel):
        assert "cf_region" not in html and "Sales region" not in html
    assert "Europe &amp; Africa" not in page
    assert "Sales region" not in header
    assert client.get("/en/tickets/?cf_region=emea").status_code == 400


def test_a_view_only_custom_field_is_shown_but_not_offered_in_the_new_form(client, a_main):
    ticket = TicketFactory(contact=a_main.contact, custom_values={"sla": "Gold"})
    CustomField.objects.create(key="sla", labels={"en": "Service level"}, visibility="view_only")
    client.force_login(a_main)
    new, page, _panel, header = places(client, ticket)
    assert "Service level" not in new
    assert "Service level" in page and "Gold" in page and 'name="cf_sla"' not in page
    assert "Service level" in header
