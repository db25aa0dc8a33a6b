import json

import pytest

from home.models import PortalHomePage
from kb.models import KBArticlePage, KBCategoryPage, KBSectionPage, KnowledgeBasePage

from .builders import article, category, kb_root, section

pytestmark = pytest.mark.django_db


def test_allowed_parent_and_child_types():
    assert KnowledgeBasePage.allowed_parent_page_models() == [PortalHomePage]
    assert KnowledgeBasePage.allowed_subpage_models() == [KBCategoryPage]
    assert KBCategoryPage.allowed_subpage_models() == [KBSectionPage]
    assert KBSectionPage.allowed_subpage_models() == [KBArticlePage]
    assert KBArticlePage.allowed_parent_page_models() == [KBSectionPage]
    assert KBArticlePage.allowed_subpage_models() == []
    assert KnowledgeBasePage in PortalHomePage.allowed_subpage_models()


def test_an_article_cannot_sit_directly_under_a_category(portal):
    root = kb_root(portal)
    network = category(root)
    assert not KBArticlePage.can_create_at(network)
    assert not KBSectionPage.can_create_at(root)
    assert KnowledgeBasePage.can_create_at(portal.root_page.specific) is False  # one per portal


def test_listings_show_children_with_counts(client, staff_user, portal):
    root = kb_root(portal)
    network = category(root, "Network")
    vpn = section(network, "VPN")
    wifi = section(network, "Wi-Fi", slug="wifi")
    for n in range(3):
        article(vpn, f"VPN article {n}")
    article(wifi, "Join the guest Wi-Fi", slug="guest-wifi")
    client.force_login(staff_user)
    staff_user.is_superuser = True
    staff_user.save()

    html = client.get("/en/kb/").content.decode()
    assert "Network" in html and "4 articles" in html and "(3)" in html and "(1)" in html
    html = client.get("/en/kb/network/").content.decode()
    assert "3 articles" in html and "1 article" in html
    html = client.get("/en/kb/network/vpn/").content.decode()
    assert "VPN article 2" in html and "3 articles" in html
    assert 'href="/en/kb/network/"' in html  # breadcrumbs


def test_an_article_renders_every_block_type(client, staff_user, portal):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from .builders import document

    image = get_image_model().objects.create(title="diagram", file=get_test_image_file())
    video = document("howto.pdf")
    body = json.dumps(
        [
            {"type": "heading", "value": "Before you start"},
            {"type": "text", "value": "<p>Open the <b>client</b>.</p>"},
            {"type": "image", "value": {"image": image.pk, "caption": "The client window"}},
            {"type": "code", "value": {"language": "bash", "code": "vpn connect <gateway>"}},
            {"type": "callout", "value": {"kind": "warning", "text": "<p>Keep it secret.</p>"}},
            {"type": "table", "value": {"data": [["Gateway", "Port"], ["gw1", "443"]]}},
            {"type": "video", "value": {"document": video.pk, "caption": "Walkthrough"}},
        ]
    )
    root = kb_root(portal)
    page = article(section(category(root)), "Connect", body=body, summary="How to connect.")
    page.keywords.add("vpn")
    page.save_revision().publish()
    staff_user.is_superuser = True
    staff_user.save()
    client.force_login(staff_user)
    html = client.get(page.url).content.decode()
    assert "<h2>Before you start</h2>" in html
    assert "<b>client</b>" in html
    assert "The client window" in html
    assert "vpn connect &lt;gateway&gt;" in html and 'data-language="bash"' in html
    assert "callout-warning" in html
    assert "<table>" in html and "gw1" in html
    assert "<video" in html and video.url in html
    assert 'href="/en/kb/keywords/vpn/"' in html
