import pytest

from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def sidebar_links(html):
    sidebar = html.split('class="sidebar"', 1)[1].split("</nav>", 1)[0]
    return [chunk.split('"', 1)[0] for chunk in sidebar.split('href="')[1:]]


def test_sidebar_links_only_to_features_that_exist(client, portal):
    client.force_login(ContactFactory().user)
    links = sidebar_links(client.get("/en/").content.decode())
    assert links == ["/en/"]
    for link in links:
        assert client.get(link).status_code == 200


def test_sidebar_shows_a_feature_once_its_view_exists(client, portal, settings):
    settings.ROOT_URLCONF = "tests.home.urls_with_tickets"
    client.force_login(ContactFactory().user)
    html = client.get("/de/").content.decode()
    assert sidebar_links(html) == ["/de/", "/de/tickets/"]
    assert ">Tickets</a>" in html


def test_anonymous_visitors_get_no_links_that_need_a_login(client, portal, settings):
    settings.ROOT_URLCONF = "tests.home.urls_with_tickets"
    assert sidebar_links(client.get("/en/").content.decode()) == ["/en/"]
