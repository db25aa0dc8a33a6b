import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data

from kb.models import KBArticlePage, KBRestriction
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return UserFactory(email="editor@example.com", is_staff=True, is_superuser=True)


def test_editor_sets_a_restriction_in_the_page_editor(client, kb, editor, acme, globex_user):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:edit", args=[kb.section.pk])
    assert "Limit to customers" in client.get(url).content.decode()
    data = nested_form_data(
        {
            "title": kb.section.title,
            "slug": kb.section.slug,
            "summary": "",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0},
        }
    )
    data["comments-MAX_NUM_FORMS"] = 1000
    data["restricted_customers"] = [acme.pk]
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert KBRestriction.customers_for(kb.section.translation_key) == [acme.pk]

    # The section's article and every translation of it are now hidden from Globex.
    hidden = KBArticlePage.objects.filter(translation_key=kb.article.translation_key)
    assert hidden.count() == 5
    assert not KBArticlePage.objects.readable_by(globex_user).filter(pk__in=hidden).exists()
    client.force_login(globex_user)
    for language in ("en", "de", "it"):
        page_url = f"/{language}/kb/network/vpn/connect-to-the-vpn/"
        assert client.get(page_url).status_code == 404

    # Clearing the choice lifts it again.
    client.force_login(editor)
    data.pop("restricted_customers")
    assert client.post(url, data).status_code == 302
    assert not KBRestriction.objects.filter(translation_key=kb.section.translation_key).exists()
