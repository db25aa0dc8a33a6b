"""Pages not yet translated (issue 8, items 6 and 7).

The locale trees are kept in sync by wagtail-localize: a page nobody has translated exists in
every language as an *alias* of the English page, so it is served, listed and found under each
language's URLs with the source content. `fallback_language` tells the template to say so.

`child_in_another_language` keeps the language switcher working when a translator gave a page
its own slug: the switcher swaps only the language prefix, so a child may be addressed by the
slug of another language's copy."""

from django.db.models import F
from django.utils.translation import get_language, get_language_info
from wagtail.models import Page


def fallback_language(page):
    """(local name of the current language, language code of the content) if `page` shows
    content written in another language (an alias of an untranslated page), else None."""
    current = get_language()
    content_language = page.locale.language_code
    if page.alias_of_id:
        content_language = (
            Page.objects.filter(pk=page.alias_of_id)
            .values_list("locale__language_code", flat=True)
            .first()
        )
    if not current or content_language is None or content_language == current:
        return None
    return get_language_info(current)["name_local"], content_language


def with_source_language(articles):
    """`articles`, each with `source_language`: the language an untranslated one (an alias)
    shows, else None. One join in the list's own query, so lists can mark those articles."""
    return articles.annotate(source_language=F("alias_of__locale__language_code"))


def child_in_another_language(parent, slug):
    """The live child of `parent` whose copy in some language has this slug: `parent`'s own
    language version if it has one, else that copy."""
    parents = Page.objects.filter(translation_key=parent.translation_key)
    for other in parents.exclude(pk=parent.pk):
        child = other.get_children().live().filter(slug=slug).first()
        if child is None:
            continue
        own = Page.objects.live().filter(
            translation_key=child.translation_key, locale_id=parent.locale_id
        )
        return (own.first() or child).specific
    return None
