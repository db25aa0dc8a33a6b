import pytest
from django.urls import NoReverseMatch, reverse

from home.navigation import SIDEBAR
from tests.factories import ContactFactory

pytestmark = pytest.mark.django_db


def sidebar_links(html):
    sidebar = html.split('class="sidebar"', 1)[1].split("</nav>", 1)[0]
    return [chunk.split('"', 1)[0] for chunk in sidebar.split('href="')[1:]]


def existing_entries():
    found = []
    for item in SIDEBAR:
        if item.resolver is not None:
            continue  # page entries (the KB) are covered by the next test
        try:
            found.append(reverse(item.url_name, args=item.args))
        except NoReverseMatch:
            continue
    return found


def test_sidebar_links_only_to_features_that_exist(client, portal):
    client.force_login(ContactFactory().user)
    links = sidebar_links(client.get("/en/").content.decode())
    assert links == existing_entries()
    for link in links:
        assert client.get(link).status_code == 200, link


def test_sidebar_shows_the_knowledge_base_once_its_page_exists(client, portal):
    from cms.core.locales import ensure_locales, sync_locale_trees
    from kb.models import KnowledgeBasePage

    client.force_login(ContactFactory().user)
    assert "/de/kb/" not in sidebar_links(client.get("/de/").content.decode())
    root = portal.root_page.specific.add_child(
        instance=KnowledgeBasePage(title="Knowledge base", slug="kb")
    )
    root.save_revision().publish()
    ensure_locales()
    sync_locale_trees()
    html = client.get("/de/").content.decode()
    assert "/de/kb/" in sidebar_links(html)
    assert ">Wissensdatenbank</a>" in html
    assert client.get("/de/kb/").status_code == 200


def test_anonymous_visitors_get_no_links_that_need_a_login(client, portal):
    assert sidebar_links(client.get("/en/").content.decode()) == ["/en/"]
