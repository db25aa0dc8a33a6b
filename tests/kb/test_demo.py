import json

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Site

from helpdesk.demo import INITECH_PORTAL_HOST
from helpdesk.models import User
from kb.models import ArticleRating, KBArticlePage, KBCategoryPage, KBRestriction, KBSectionPage

pytestmark = pytest.mark.django_db


def test_seed_builds_both_knowledge_bases_in_every_locale_and_is_idempotent():
    call_command("seed_demo", stdout=None)
    counts = (KBArticlePage.objects.count(), ArticleRating.objects.count())
    call_command("seed_demo", stdout=None)
    assert (KBArticlePage.objects.count(), ArticleRating.objects.count()) == counts

    english = Locale.objects.get(language_code="en")
    initech = Site.objects.get(hostname=INITECH_PORTAL_HOST).root_page
    main = KBArticlePage.objects.filter(locale=english).not_descendant_of(initech)
    assert main.count() >= 15
    assert KBCategoryPage.objects.filter(locale=english).count() >= 3 + 1
    assert KBSectionPage.objects.filter(locale=english).count() >= 6 + 1
    assert KBArticlePage.objects.filter(locale=english).descendant_of(initech).count() == 2
    used = {block.block_type for page in main for block in page.body}
    assert used == {"heading", "text", "image", "code", "callout", "table", "video"}
    assert KBRestriction.objects.count() == 1
    untranslated = KBArticlePage.objects.get(locale__language_code="de", title="Share a calendar")
    assert untranslated.alias_of_id is not None  # the tree sync's copy, shown with the notice
    for language in ("de", "fr", "es", "it"):
        assert_real_translations(language, english)
    assert ArticleRating.objects.count() >= 5

    carol = User.objects.get(email="carol@globex.example")
    alice = User.objects.get(email="alice@acme.example")
    dave = User.objects.get(email="dave@initech.example")
    assert not KBArticlePage.objects.readable_by(carol).filter(title__startswith="Acme").exists()
    assert KBArticlePage.objects.readable_by(alice).filter(title__startswith="Acme").exists()
    assert set(KBArticlePage.objects.readable_by(dave).values_list("title", flat=True)) == {
        "Submit a TPS report",
        "Order a stapler",
    }


def assert_real_translations(language, english):
    """Categories, sections and at least five articles translated (not alias copies)."""
    for model, minimum in ((KBCategoryPage, 4), (KBSectionPage, 8), (KBArticlePage, 5)):
        sources = dict(model.objects.filter(locale=english).values_list("translation_key", "title"))
        copies = model.objects.filter(locale__language_code=language, alias_of__isnull=True)
        assert copies.count() >= minimum, (language, model)
        changed = [page for page in copies if page.title != sources[page.translation_key]]
        assert len(changed) >= minimum - 2, (language, model)  # "VPN", "Wi-Fi" may stay
    article = KBArticlePage.objects.get(
        locale__language_code=language,
        translation_key=KBArticlePage.objects.get(
            locale=english, title="Reset your password"
        ).translation_key,
    )
    assert article.live and not article.has_unpublished_changes
    texts = json.dumps(list(article.body.raw_data), ensure_ascii=False)
    assert "10 min" in texts.lower() and "A code is valid" not in texts
