"""'Was this article helpful?' (SECURITY C-29)."""

import pytest
from django.test import Client

from kb.models import ArticleRating

pytestmark = pytest.mark.django_db

ARTICLE = "/{lang}/kb/network/vpn/connect-to-the-vpn/"
SECRET = "/en/kb/network/acme-gateways/acme-gateway-addresses/"


def vote(client, url, helpful="yes", comment=""):
    return client.post(url + "rating/", {"helpful": helpful, "comment": comment})


def test_C29_a_vote_is_recorded_and_voting_again_changes_it(client, kb, globex_user):
    client.force_login(globex_user)
    url = ARTICLE.format(lang="en")
    response = vote(client, url, "yes", "Clear steps")
    assert response.status_code == 302 and response["Location"].endswith("#rating")
    vote(client, url, "no")
    vote(client, ARTICLE.format(lang="de"), "no", "Zu kurz")  # the alias counts for the source
    rating = ArticleRating.objects.get()
    assert (rating.article_id, rating.helpful, rating.comment) == (kb.article.pk, False, "Zu kurz")
    html = client.get(url).content.decode()
    assert "You found this article not helpful." in html


def test_C29_post_only_and_login_required(client, kb, portal):
    url = ARTICLE.format(lang="en")
    from kb.models import KBSettings

    settings = KBSettings.for_site(portal)
    settings.anonymous_access = True
    settings.save()
    response = vote(client, url)
    assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert "Log in to vote." in client.get(url).content.decode()
    assert not ArticleRating.objects.exists()


def test_C29_get_is_refused(client, kb, globex_user):
    client.force_login(globex_user)
    assert client.get(ARTICLE.format(lang="en") + "rating/").status_code == 405


def test_C29_csrf_is_checked(kb, globex_user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(globex_user)
    assert vote(client, ARTICLE.format(lang="en")).status_code == 403
    assert not ArticleRating.objects.exists()


def test_C29_only_on_readable_articles(client, kb, globex_user):
    client.force_login(globex_user)
    assert vote(client, SECRET).status_code == 404
    assert not ArticleRating.objects.exists()


def test_C29_repeated_votes_leave_one_row(client, kb, globex_user):
    client.force_login(globex_user)
    for n in range(10):
        vote(client, ARTICLE.format(lang="en"), "yes" if n % 2 else "no")
    assert ArticleRating.objects.count() == 1
    assert ArticleRating.objects.get().helpful is True


def test_the_vote_form_works_without_js(client, kb, globex_user):
    client.force_login(globex_user)
    html = client.get(ARTICLE.format(lang="en")).content.decode()
    assert 'action="/en/kb/network/vpn/connect-to-the-vpn/rating/"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="helpful" value="yes"' in html and 'name="helpful" value="no"' in html


def test_the_kb_root_lists_the_most_helpful_articles_in_every_language(client, kb, globex_user):
    from tests.factories import UserFactory

    from .builders import article

    fonts = article(kb.section, "Fonts")
    for _n in range(3):
        ArticleRating.objects.create(article=kb.article, user=UserFactory(), helpful=True)
    ArticleRating.objects.create(article=fonts, user=UserFactory(), helpful=True)
    client.force_login(globex_user)
    html = client.get("/en/kb/").content.decode()
    helpful = html.split("Most helpful articles", 1)[1].split("</section>", 1)[0]
    assert helpful.index("Connect to the VPN") < helpful.index("Fonts")
    html = client.get("/de/kb/").content.decode()
    helpful = html.split('<section class="kb-helpful">', 1)[1].split("</section>", 1)[0]
    assert 'href="/de/kb/network/vpn/connect-to-the-vpn/"' in helpful


def test_the_page_shows_the_readers_vote_as_it_changes(client, kb, globex_user, acme_user):
    """Votes are read from a per-reader cache (KBArticlePage.vote_of); every vote renews it."""
    client.force_login(globex_user)
    url = ARTICLE.format(lang="en")
    assert "You found this article" not in client.get(url).content.decode()
    vote(client, url, "yes", "Clear steps")
    html = client.get(url).content.decode()
    assert "You found this article helpful." in html and ">Clear steps</textarea>" in html
    vote(client, ARTICLE.format(lang="it"), "no", "Troppo breve")
    html = client.get(url).content.decode()
    assert "You found this article not helpful." in html and ">Troppo breve</textarea>" in html
    client.force_login(acme_user)  # somebody else's vote is not theirs
    assert "You found this article" not in client.get(url).content.decode()
