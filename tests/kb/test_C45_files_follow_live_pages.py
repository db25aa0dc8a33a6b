"""SECURITY C-45 (round 2, finding 6): a KB file leaves only for a reader of a **live** page
whose published content uses it. A document or image placed only in an unpublished draft is
served to nobody but staff, and an image of a customer-restricted article is as closed as the
article: `/media/` is a checked view, not a public folder. Portal logos stay public."""

import re

import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from helpdesk.models import PortalSettings
from kb.models import KBArticleDocument

from .builders import document

pytestmark = pytest.mark.django_db

SECRET = "/en/kb/network/acme-gateways/acme-gateway-addresses/"
OPEN = "/en/kb/network/vpn/connect-to-the-vpn/"


def image(name="diagram.png"):
    return get_image_model().objects.create(title=name, file=get_test_image_file(filename=name))


def image_block(picture):
    return [("image", {"image": picture, "caption": "The gateway"})]


def image_urls(html):
    return re.findall(r'<img[^>]* src="(/media/[^"]+)"', html)


def fetch(client, url):
    response = client.get(url)
    if response.status_code == 200:
        response.body = b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("where", ["attachment", "body"])
def test_C45_a_document_only_in_a_draft_is_served_to_staff_alone(
    client, kb, acme_user, admin_user, where
):
    page = kb.article
    draft_only = document("draft-only.pdf")
    if where == "attachment":
        page.attachments.add(KBArticleDocument(document=draft_only))
    else:
        page.body = [("video", {"document": draft_only, "caption": "Walkthrough"})]
    revision = page.save_revision()

    client.force_login(acme_user)
    assert client.get(OPEN).status_code == 200  # the live page itself is readable
    assert client.get(draft_only.url).status_code == 404
    client.force_login(admin_user)
    assert fetch(client, draft_only.url).status_code == 200  # an editor previews the draft

    revision.publish()
    client.force_login(acme_user)
    response = fetch(client, draft_only.url)
    assert response.status_code == 200 and response.body.startswith(b"%PDF")


def test_C45_an_image_only_in_a_draft_is_served_to_staff_alone(client, kb, acme_user, admin_user):
    picture = image()
    page = kb.article
    page.body = image_block(picture)
    page.save_revision()
    rendition = picture.get_rendition("max-800x600").url
    original = picture.file.url

    client.force_login(acme_user)
    assert image_urls(client.get(OPEN).content.decode()) == []  # the live page shows none
    assert client.get(rendition).status_code == 404
    assert client.get(original).status_code == 404
    client.force_login(admin_user)
    assert fetch(client, rendition).status_code == 200


def test_C45_the_image_of_a_restricted_article_only_for_its_readers(
    client, kb, acme_user, globex_user, admin_user
):
    picture = image("gateway-map.png")
    kb.secret.body = image_block(picture)
    kb.secret.save_revision().publish()

    client.force_login(acme_user)
    [src] = image_urls(client.get(SECRET).content.decode())
    assert src.startswith("/media/images/gateway-map")
    response = fetch(client, src)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png" and response.body.startswith(b"\x89PNG")
    assert response["Cache-Control"].startswith("private")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert fetch(client, picture.file.url).status_code == 200

    for outsider in (globex_user, None):
        if outsider:
            client.force_login(outsider)
        else:
            client.logout()
        assert client.get(src).status_code == 404
        assert client.get(picture.file.url).status_code == 404
        # Exactly what a file that never existed answers.
        assert client.get("/media/images/no-such-file.png").status_code == 404

    client.force_login(admin_user)
    assert fetch(client, src).status_code == 200


def test_C45_only_files_the_database_knows_are_served(client, kb, admin_user):
    client.force_login(admin_user)
    for path in ("/media/../cms/settings/base.py", "/media/%2e%2e/db.sqlite3", "/media/x.png"):
        assert client.get(path).status_code == 404


def test_a_logo_is_public_and_kept_by_browsers(client, portal):
    logo = image("northwind.png")
    row = PortalSettings.for_site(portal)
    row.logo = logo
    row.save()
    html = client.get("/en/account/login/").content.decode()
    [src] = [url for url in image_urls(html) if "northwind" in url]
    response = fetch(client, src)
    assert response.status_code == 200 and response.body.startswith(b"\x89PNG")
    assert response["Cache-Control"] == "public, max-age=86400"


def test_C45_media_is_the_checked_view_in_every_mode(settings):
    """`make run` (DEBUG) used to serve MEDIA_ROOT as a public folder; now no mode does."""
    import importlib

    from django.urls import clear_url_caches, resolve

    import cms.urls

    settings.DEBUG = True
    try:
        urls = importlib.reload(cms.urls)
        match = resolve("/media/original_images/gateway-map.png", urlconf=urls)
        assert (match.func.__module__, match.url_name) == ("kb.media.images", "media")
    finally:
        settings.DEBUG = False
        importlib.reload(cms.urls)
        clear_url_caches()


def test_an_image_answers_a_range_after_its_check(client, kb, acme_user, globex_user):
    picture = image("gateway-map.png")
    kb.secret.body = image_block(picture)
    kb.secret.save_revision().publish()
    whole = picture.file.open("rb").read()
    picture.file.close()
    client.force_login(acme_user)
    response = client.get(picture.file.url, HTTP_RANGE="bytes=0-7")
    assert response.status_code == 206 and response["Accept-Ranges"] == "bytes"
    assert b"".join(response.streaming_content) == whole[:8] == b"\x89PNG\r\n\x1a\n"
    assert response["Content-Range"] == f"bytes 0-7/{len(whole)}"
    client.force_login(globex_user)
    refused = client.get(picture.file.url, HTTP_RANGE="bytes=0-7")
    assert refused.status_code == 404 and "Content-Range" not in refused
