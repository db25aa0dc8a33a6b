"""The "Article helpfulness" report and the read-only ratings snippet (SECURITY C-29)."""

import pytest
from django.urls import reverse

from kb.models import ArticleRating
from kb.report import helpfulness
from tests.factories import UserFactory

from .builders import article

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return UserFactory(email="editor@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def votes(kb):
    """A seeded set: 'Connect' 1 of 6 helpful (needs review); 'Printers' 4 of 5; 'Fonts' 1 of 2."""
    printers = article(kb.section, "Printers")
    fonts = article(kb.section, "Fonts")
    for page, helpful, total in ((kb.article, 1, 6), (printers, 4, 5), (fonts, 1, 2)):
        for n in range(total):
            ArticleRating.objects.create(
                article=page, user=UserFactory(), helpful=n < helpful, comment=f"c{n}"
            )
    return {"connect": kb.article, "printers": printers, "fonts": fonts}


def test_C29_report_counts_and_needs_review(votes):
    rows = {row.title: row for row in helpfulness()}
    assert (rows["Connect to the VPN"].votes, rows["Connect to the VPN"].helpful_votes) == (6, 1)
    assert round(rows["Connect to the VPN"].helpful_pct) == 17
    assert rows["Connect to the VPN"].needs_review is True
    assert rows["Printers"].needs_review is False  # 80 %
    assert rows["Fonts"].needs_review is False  # 50 % but only 2 votes


def test_the_report_page_lists_articles_and_exports(client, votes, editor):
    client.force_login(editor)
    url = reverse("kb_helpfulness_report")
    html = client.get(url).content.decode()
    assert "Article helpfulness" in html
    assert "Needs review" in html and "<svg" in html and "c5" in html
    html = client.get(url, {"needs_review": "1"}).content.decode()
    assert "Connect to the VPN" in html and "Printers" not in html
    csv = client.get(url, {"export": "csv"})
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content) if csv.streaming else csv.content
    assert b"Connect to the VPN" in body
    xlsx = client.get(url, {"export": "xlsx"})
    assert xlsx.status_code == 200


def test_ratings_snippet_is_read_only(client, votes, editor):
    client.force_login(editor)
    assert client.get(reverse("wagtailsnippets_kb_articlerating:list")).status_code == 200
    rating = ArticleRating.objects.first()
    assert client.get(reverse("wagtailsnippets_kb_articlerating:add")).status_code in (302, 403)
    edit = reverse("wagtailsnippets_kb_articlerating:edit", args=[rating.pk])
    assert client.get(edit).status_code in (302, 403)
    inspect = reverse("wagtailsnippets_kb_articlerating:inspect", args=[rating.pk])
    assert client.get(inspect).status_code == 200


def test_C29_api_rating_one_row_and_only_readable(client, kb, globex_user):
    client.force_login(globex_user)
    url = f"/api/v1/kb/articles/{kb.article.pk}/rating/"
    for helpful in (True, False, True):
        response = client.post(url, {"helpful": helpful}, content_type="application/json")
        assert response.status_code == 200
    assert ArticleRating.objects.filter(user=globex_user).count() == 1
    secret = f"/api/v1/kb/articles/{kb.secret.pk}/rating/"
    response = client.post(secret, {"helpful": True}, content_type="application/json")
    assert response.status_code == 404
    response = client.post(url, {}, content_type="application/json")
    assert response.status_code == 400 and "helpful" in response.json()["error"]["fields"]
