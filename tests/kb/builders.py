"""Small builders for KB trees in tests (the factories of tests/factories/ stay helpdesk's)."""

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from kb.models import (
    KBArticleDocument,
    KBArticlePage,
    KBCategoryPage,
    KBSectionPage,
    KnowledgeBasePage,
)


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def kb_root(site):
    home = site.root_page.specific
    existing = KnowledgeBasePage.objects.child_of(home).first()
    return existing or publish(home, KnowledgeBasePage(title="Knowledge base", slug="kb"))


def category(root, title="Network", slug=None):
    return publish(root, KBCategoryPage(title=title, slug=slug or title.lower().replace(" ", "-")))


def section(parent, title="VPN", slug=None):
    return publish(parent, KBSectionPage(title=title, slug=slug or title.lower().replace(" ", "-")))


def article(parent, title="Connect to the VPN", slug=None, **fields):
    slug = slug or title.lower().replace(" ", "-").replace("<", "").replace(">", "")
    page = KBArticlePage(title=title, slug=slug, **fields)
    return publish(parent, page)


def document(title="vpn-guide.pdf"):
    Document = get_document_model()
    return Document.objects.create(title=title, file=ContentFile(b"%PDF-1.4 test", name=title))


def attach(page, doc):
    KBArticleDocument.objects.create(page=page, document=doc)
    page.save_revision().publish()
    page.refresh_from_db()
    return page
