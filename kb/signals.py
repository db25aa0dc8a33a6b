"""What moves the KB's cache generation (kb.conditional) and the portal frame's version (SHELL:
the sidebar's "Knowledge base" entry, also part of the ticket page's ETag): anything that can
change what a KB page shows or who may read it. Each receiver is tied to its senders, from
KbConfig.ready()."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import PageViewRestriction, Site, get_page_models
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from cms.core.versioned_cache import SHELL, bump
from helpdesk.models import Customer

from .conditional import bump_generation
from .models import ArticleRating, KBDocument, KBRestriction, KBSettings

UID = "kb-cache-generation"


def kb_changed(**kwargs):
    """Pages, their readers or the portals changed: KB pages and the frame's KB entry."""
    bump_generation()
    bump(SHELL)


def kb_content_changed(**kwargs):
    """A vote or a document: what KB pages show, not whether the KB is there for a reader."""
    bump_generation()


def _connect(receiver, senders, signals=(post_save, post_delete)):
    for sender in senders:
        for signal in signals:
            uid = f"{UID}-{id(signal)}-{sender._meta.label}"
            signal.connect(receiver, sender=sender, dispatch_uid=uid)


def connect_cache_invalidation():
    # Every page type (a new locale's copy and a draft save too: the read policy's tree paths,
    # kb.models.access, may have changed); Wagtail sends the page signals per specific class.
    page_signals = (post_save, post_delete, page_published, page_unpublished, page_slug_changed)
    _connect(kb_changed, get_page_models(), (*page_signals, post_page_move))
    _connect(kb_changed, (KBRestriction, KBSettings, Customer, Site, PageViewRestriction))
    _connect(kb_content_changed, (ArticleRating, KBDocument))
    through = (KBRestriction.customers.through, PageViewRestriction.groups.through)
    _connect(kb_changed, through, (m2m_changed,))
