"""What replaces the KB's cache generation (kb.conditional): anything that can change what a
KB page shows or who may read it."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from .conditional import bump_generation


def _page_changed(sender, instance, **kwargs):
    """Any page saved (a new locale's copy, a draft) or deleted: the read policy's tree paths
    (kb.access) may have changed."""
    if isinstance(instance, Page):
        bump_generation()


def connect_cache_invalidation():
    from helpdesk.models import Customer

    from .models import ArticleRating, KBDocument, KBRestriction, KBSettings

    uid = "kb-cache-generation"
    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(bump_generation, dispatch_uid=f"{uid}-{id(signal)}")
    post_delete.connect(_page_changed, dispatch_uid=f"{uid}-page-delete")
    post_save.connect(_page_changed, dispatch_uid=f"{uid}-page-save")
    watched = (KBRestriction, ArticleRating, KBSettings, Customer, KBDocument, Site)
    for model in (*watched, PageViewRestriction):
        post_save.connect(bump_generation, sender=model, dispatch_uid=f"{uid}-save-{model}")
        post_delete.connect(bump_generation, sender=model, dispatch_uid=f"{uid}-del-{model}")
    m2m_changed.connect(
        bump_generation, sender=KBRestriction.customers.through, dispatch_uid=f"{uid}-m2m"
    )
    m2m_changed.connect(
        bump_generation,
        sender=PageViewRestriction.groups.through,
        dispatch_uid=f"{uid}-privacy-groups",
    )
