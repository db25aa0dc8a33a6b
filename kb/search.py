"""Listings reached through the KB root's routes: keyword pages (and, next, search)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag

from .models.base import readable


def keyword_view(root, request, keyword):
    from .models import KBArticlePage

    tag = get_object_or_404(Tag, slug=keyword)
    articles = readable(
        KBArticlePage.objects.descendant_of(root).filter(locale_id=root.locale_id), request
    ).filter(tagged_items__tag=tag)
    articles = list(articles.order_by("title").distinct())
    if not articles:
        # A keyword used only on pages this reader may not see does not exist for them.
        raise Http404
    context = {"page": root, "self": root, "keyword": tag, "articles": articles}
    return TemplateResponse(request, "kb/keyword_page.html", context)
