"""Forms that guide people (issue 28, item 4): where the focus starts, what a refused login
says, how the browser learns the upload limits, App settings as a choice list, and what the
footer's language links do."""

import re

import pytest

from helpdesk.models import PortalSettings
from tests.factories import ContactFactory
from tests.factories.helpdesk import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/en/account/login/"
PAUSE = "After 5 failed attempts, signing in with an address pauses for 15 minutes."


def attrs_of(html, element_id):
    """The attributes of the element with this id, as written."""
    return re.search(rf'<[a-z]+ [^>]*id="{element_id}"[^>]*>', html).group(0)


def test_a_fresh_new_ticket_form_starts_at_the_title_an_invalid_one_at_the_error(client, contact):
    client.force_login(contact.user)
    html = client.get("/en/tickets/new/").content.decode()
    assert "autofocus" in attrs_of(html, "id_title")
    assert html.count("autofocus") == 1

    response = client.post("/en/tickets/new/", {"title": "", "description": "Printer"})
    html = response.content.decode()
    assert "The ticket was not saved" in html
    assert "autofocus" not in html  # the focus goes to the field marked invalid instead
    assert 'aria-invalid="true"' in attrs_of(html, "id_title")
    assert '<script src="/static/home/forms.js" defer>' in html


def test_the_profile_page_opens_at_its_top_not_at_the_password_form(client, contact):
    client.force_login(contact.user)
    html = client.get("/en/account/profile/").content.decode()
    assert 'name="old_password"' in html
    assert "autofocus" not in html


@pytest.mark.parametrize("address", ["alice@acme.example", "nobody@acme.example"])
def test_every_failed_login_says_when_signing_in_pauses(client, portal, address):
    ContactFactory(user__email="alice@acme.example")
    html = client.post(LOGIN, {"username": address, "password": "wrong"}).content.decode()
    alert = html.split('class="form-errors" role="alert">', 1)[1].split("</div>", 1)[0]
    assert "The e-mail address or password is not correct." in alert and PAUSE in alert
    assert PAUSE not in client.get(LOGIN).content.decode()  # not before a failure


def test_a_paused_login_reads_exactly_like_a_wrong_password_for_any_address(client, portal):
    """C-17 stays: the lock is not announced, so it tells nothing about the address."""
    ContactFactory(user__email="alice@acme.example")

    def alert(address, password):
        html = client.post(LOGIN, {"username": address, "password": password}).content.decode()
        return html.split('class="form-errors" role="alert">', 1)[1].split("</div>", 1)[0]

    wrong = alert("alice@acme.example", "wrong")
    for _ in range(5):
        alert("alice@acme.example", "wrong")
        alert("nobody@acme.example", "wrong")
    assert alert("alice@acme.example", PASSWORD) == wrong  # locked: the right password fails
    assert alert("nobody@acme.example", "wrong") == wrong
    assert PAUSE in wrong


def test_file_inputs_carry_the_portals_limits_for_the_browser(client, contact, portal):
    row = PortalSettings.for_site(portal)
    row.max_upload_mb = 3
    row.save()
    client.force_login(contact.user)
    html = client.get("/de/tickets/new/").content.decode()
    field = re.search(r'<div class="field files-field"[^>]*>', html).group(0)
    assert f'data-max-bytes="{3 * 1024 * 1024}"' in field
    assert 'data-max-files="100"' in field  # Django refuses more in one request
    assert "„{name}“ überschreitet die Grenze von 3 MB." in field
    assert "Höchstens 100 Dateien auf einmal." in field


def test_app_settings_is_a_list_of_choices_with_the_stored_one_checked(client, contact):
    user = contact.user
    user.language = "fr"
    user.save()
    client.force_login(user)
    html = client.get("/en/account/settings/").content.decode()
    fieldset = html.split('<fieldset class="field choice-list"', 1)[1].split("</fieldset>", 1)[0]
    options = re.findall(r'<li><label for="[^"]+" lang="(\w+)"><input type="radio"', fieldset)
    assert options == ["en", "fr", "de", "es", "it"]
    assert re.search(r'value="fr"[^>]*checked', fieldset)
    assert "the e-mails it sends you use this language" in fieldset


def test_the_footer_says_its_links_change_this_visit_only(client, contact, portal):
    note = "These links change the language of this visit."
    anonymous = client.get(LOGIN).content.decode()
    assert note in anonymous and "/en/account/settings/" not in anonymous
    client.force_login(contact.user)
    html = client.get("/de/tickets/").content.decode()
    footer = html.split('<footer class="footer">', 1)[1]
    assert "Diese Links ändern die Sprache dieses Besuchs." in footer
    assert '<a href="/de/account/settings/">' in footer
