"""The translator's flow through wagtail-localize's admin URLs (issue 8, "Done when"): submit a
KB article for translation into French, save a translated segment, publish, and the French page
shows it (no fallback notice any more)."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from kb.models import KBArticlePage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

FRENCH_TITLE = "Se connecter au VPN"
FRENCH_URL = "/fr/kb/network/vpn/connect-to-the-vpn/"


def test_translator_submits_translates_a_segment_and_publishes(
    client, kb, globex_user, django_capture_on_commit_callbacks
):
    french = Locale.objects.get(language_code="fr")
    translator = UserFactory(email="translator@example.com", is_staff=True, is_superuser=True)
    client.force_login(translator)

    submit = reverse("wagtail_localize:submit_page_translation", args=[kb.article.pk])
    response = client.post(submit, {"locales": [french.pk]})
    assert response.status_code == 302

    translation = Translation.objects.get(
        source__object_id=kb.article.translation_key, target_locale=french
    )
    title = StringSegment.objects.get(
        source=translation.source, context__path="title", string__data=kb.article.title
    )
    edit_string = reverse(
        "wagtail_localize:edit_string_translation", args=[translation.pk, title.pk]
    )
    # The translation editor saves each segment with a form-encoded PUT.
    form = f"value={FRENCH_TITLE}"
    response = client.put(edit_string, form, "application/x-www-form-urlencoded")
    assert response.status_code == 201, response.content[:200]

    page = KBArticlePage.objects.get(translation_key=kb.article.translation_key, locale=french)
    assert page.alias_of_id is None  # the alias copy became a real translation
    edit_page = reverse("wagtailadmin_pages:edit", args=[page.pk])
    with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes then
        response = client.post(edit_page, {"action": "publish"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live_revision.as_object().title == FRENCH_TITLE

    client.force_login(globex_user)
    html = client.get(FRENCH_URL).content.decode()
    assert f"<h1>{FRENCH_TITLE}</h1>" in html
    assert "kb-fallback" not in html
    assert "Set up the VPN client." in html  # untranslated segments fall back to the source
    english = client.get("/en/kb/network/vpn/connect-to-the-vpn/").content.decode()
    assert FRENCH_TITLE not in english
