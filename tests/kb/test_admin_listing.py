"""The editors' "All articles" listing in the Wagtail admin: filters narrow the rows, each row
links to the page editor, and only admin users reach it."""

import pytest
from django.urls import reverse

from kb.models import ArticleRating
from tests.factories import UserFactory

from .builders import article

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return UserFactory(email="editor@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def listing(client, kb, editor):
    printers = article(kb.section, "Printers")
    printers.keywords.add("printer")
    printers.save_revision().publish()
    for n in range(5):  # 1 of 5 helpful: needs review
        ArticleRating.objects.create(article=printers, user=UserFactory(), helpful=n == 0)
    client.force_login(editor)

    def titles(**params):
        response = client.get(reverse("kb_all_articles"), {"locale": "en", **params})
        assert response.status_code == 200
        html = response.content.decode()
        return {
            t for t in ("Connect to the VPN", "Acme gateway addresses", "Printers") if t in html
        }

    return titles


def test_unfiltered_lists_every_article_linked_to_its_editor(client, kb, listing):
    assert listing() == {"Connect to the VPN", "Acme gateway addresses", "Printers"}
    html = client.get(reverse("kb_all_articles")).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[kb.secret.pk]) in html
    assert "Acme Corp" in html  # the restriction column


def test_filters_narrow_the_rows(kb, listing, acme, globex):
    assert listing(section=kb.private_section.pk) == {"Acme gateway addresses"}
    assert listing(keyword=_tag_id("printer")) == {"Printers"}
    assert listing(restriction="restricted") == {"Acme gateway addresses"}
    assert listing(restriction="open") == {"Connect to the VPN", "Printers"}
    assert listing(customer=acme.pk) == {"Acme gateway addresses"}
    assert listing(needs_review="true") == {"Printers"}
    assert listing(needs_review="false") == {"Connect to the VPN", "Acme gateway addresses"}


def test_the_section_filter_covers_translations(client, kb, listing):
    response = client.get(reverse("kb_all_articles"), {"section": kb.private_section.pk})
    assert response.content.decode().count("Acme gateway addresses") >= 5  # en + 4 copies


def test_the_menu_links_the_listing(client, listing):
    assert reverse("kb_all_articles") in client.get(reverse("wagtailadmin_home")).content.decode()


def test_non_staff_cannot_reach_the_listing(client, kb, globex_user):
    url = reverse("kb_all_articles")
    assert client.get(url).status_code == 302
    client.force_login(globex_user)
    response = client.get(url)
    assert response.status_code in (302, 403)
    assert "Acme gateway" not in response.content.decode()


def _tag_id(name):
    from taggit.models import Tag

    return Tag.objects.get(name=name).pk
