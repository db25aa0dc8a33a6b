"""Journeys of a contact through the ticket pages, in English and another language."""

import csv
import io

import pytest
from wagtail.models import Site

from helpdesk.models import CustomField, PortalSettings, Ticket

from .browser import t
from .data import company_ticket_numbers, demo_user, open_tickets_at

LANGUAGES = ["en", "de"]


def focused(page):
    return page.evaluate("document.activeElement && document.activeElement.id")


def sidebar_link(ui, label, language):
    nav = ui.page.get_by_role("navigation", name=t("Main navigation", language))
    return nav.get_by_role("link", name=t(label, language), exact=True)


@pytest.mark.parametrize("language", LANGUAGES)
def test_filter_open_edit_and_reply_with_a_file(ui, language):
    bob = demo_user("bob@acme.example", language)
    expected = open_tickets_at(bob, "head_office")
    assert len(expected) >= 2  # the demo data gives the filter something to do

    ui.login("bob@acme.example", language=language)
    assert ui.path() == f"/{language}/"
    sidebar_link(ui, "Tickets", language).click()
    ui.page.wait_for_url(f"**/{language}/tickets/")
    ui.assert_accessible("ticket list")

    page = ui.page
    page.get_by_text(t("Filter", language), exact=True).click()
    page.check("input[name=status][value=open]")
    page.check("input[name=cf_location][value=head_office]")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Apply filters", language)).click()
    assert "status=open" in page.url and "cf_location=head_office" in page.url
    numbers = page.locator(".ticket-table td.col-number a").all_inner_texts()
    assert {int(n.lstrip("#")) for n in numbers} == expected
    ui.assert_accessible("ticket list, filtered")

    number = int(numbers[0].lstrip("#"))
    with page.expect_navigation():
        page.locator(".ticket-table td.col-title a").first.click()
    assert ui.path() == f"/{language}/tickets/{number}/"
    ui.assert_accessible("ticket page")

    ticket = Ticket.objects.get(number=number)
    new_priority = "critical" if ticket.priority.code != "critical" else "low"
    priority = page.locator("[data-prop=priority]")
    # A select saves as soon as it changes (the script hides its Save button).
    priority.locator("select").select_option(new_priority)
    page.wait_for_function(
        "el => el.textContent.trim() && el.textContent.trim() !== '…'",
        arg=priority.locator(".inline-status").element_handle(),
    )
    assert priority.locator(".error").count() == 0
    ticket.refresh_from_db()
    assert ticket.priority.code == new_priority

    text = f"Here is the log ({language})"
    page.locator(".editor-area").click()
    page.keyboard.type(text)
    page.set_input_files(
        "#id_files",
        files=[{"name": "vpn-log.txt", "mimeType": "text/plain", "buffer": b"10:02 tunnel down\n"}],
    )
    with page.expect_navigation():
        page.get_by_role("button", name=t("Publish", language)).click()
    last = page.locator(".timeline > li").last
    assert text in last.inner_text()
    assert last.get_by_role("link", name="vpn-log.txt").is_visible()
    reply = ticket.replies.order_by("-id").first()
    assert text in reply.body and reply.author == bob
    assert list(reply.attachments.values_list("name", flat=True)) == ["vpn-log.txt"]
    page.reload()
    assert page.locator("[data-prop=priority] select").input_value() == new_priority
    ui.assert_accessible("ticket page after the reply")


@pytest.fixture
def asset_tag_required(orm):
    """The demo's asset tag becomes a required field without a default for one test."""
    field = CustomField.objects.get(key="asset_tag")
    CustomField.objects.filter(pk=field.pk).update(required=True, default=None)
    yield field
    CustomField.objects.filter(pk=field.pk).update(required=field.required, default=field.default)


@pytest.mark.parametrize("language", LANGUAGES)
def test_new_ticket_with_suggestions_and_a_missing_required_field(ui, language, asset_tag_required):
    demo_user("alice@acme.example", language)
    ui.login("alice@acme.example", language=language)
    page = ui.page
    with page.expect_navigation():
        sidebar_link(ui, "+ New ticket", language).click()
    assert ui.path() == f"/{language}/tickets/new/"
    ui.assert_accessible("new ticket")
    assert focused(page) == "id_title"  # a fresh form starts at the title

    title = page.locator("#id_title")
    title.press_sequentially("VPN disconnects", delay=40)
    suggestions = page.locator(".kb-suggestions")
    suggestions.wait_for(state="visible")
    suggested = suggestions.get_by_role("link").all_inner_texts()
    assert "VPN disconnects every hour" in suggested, suggested
    ui.assert_accessible("new ticket with suggestions")

    description = f"Since this morning ({language})"
    page.locator(".editor-area").click()
    page.keyboard.type(description)
    page.select_option("#id_priority", "high")

    # A file over the portal's limit is refused in the browser, before any upload.
    limit_mb = PortalSettings.for_site(Site.objects.get(is_default_site=True)).max_upload_mb
    too_big = {
        "name": "trace.log",
        "mimeType": "text/plain",
        "buffer": b"x" * ((limit_mb << 20) + 1),
    }
    page.set_input_files("#id_files", [too_big])
    page.get_by_role("button", name=t("Save", language), exact=True).click()
    refusal = page.locator(".files-field [role=alert]")
    refusal.wait_for(state="visible")
    assert "trace.log" in refusal.inner_text() and f"{limit_mb} MB" in refusal.inner_text()
    assert focused(page) == "id_files" and ui.path() == f"/{language}/tickets/new/"
    page.set_input_files("#id_files", [])
    assert refusal.is_hidden()

    with page.expect_navigation():
        page.get_by_role("button", name=t("Save", language), exact=True).click()
    assert ui.path() == f"/{language}/tickets/new/"
    assert focused(page) == "id_cf_asset_tag"  # the first field marked invalid
    alert = page.get_by_role("alert").first
    assert t("The ticket was not saved. Please check the marked fields.", language) in (
        alert.inner_text()
    )
    asset_field = page.locator(".field", has=page.locator("#id_cf_asset_tag"))
    assert asset_field.locator(".error").count() >= 1
    assert title.input_value() == "VPN disconnects"
    assert page.locator("#id_priority").input_value() == "high"
    assert description in page.locator(".editor-area").inner_text()
    assert not Ticket.objects.filter(title="VPN disconnects").exists()
    ui.assert_accessible("new ticket with errors")

    page.fill("#id_cf_asset_tag", "NB-4711")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Save", language), exact=True).click()
    ticket = Ticket.objects.get(title="VPN disconnects", requester__email="alice@acme.example")
    assert ui.path() == f"/{language}/tickets/{ticket.number}/"
    assert ticket.custom_values["asset_tag"] == "NB-4711"
    assert ticket.priority.code == "high"
    assert description in ticket.description
    assert "VPN disconnects" in page.locator("h1").inner_text()
    ticket.delete()  # the next language creates the same title


@pytest.mark.parametrize("language", ["en", "fr"])
def test_main_contact_exports_all_company_tickets(ui, language):
    demo_user("alice@acme.example", language)
    ui.login("alice@acme.example", language=language)
    page = ui.page
    ui.goto(f"/{language}/tickets/?scope=mine")
    company_tab = page.get_by_role(
        "link", name=t("All tickets of %(customer)s", language) % {"customer": "Acme Corp"}
    )
    with page.expect_navigation():
        company_tab.click()
    assert "scope=company" in page.url
    requesters = set(page.locator(".ticket-table tbody td:nth-child(5)").all_inner_texts())
    assert {"Alice Anderson", "Bob Baker"} <= requesters
    ui.assert_accessible("ticket list, all company tickets")

    with page.expect_download() as download_info:
        page.get_by_role("link", name=t("Export CSV", language)).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    content = download.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    header, body = rows[0], rows[1:]
    assert len(header) > 3
    numbers = {int(row[0].lstrip("#")) for row in body}
    assert numbers == company_ticket_numbers("alice@acme.example")
