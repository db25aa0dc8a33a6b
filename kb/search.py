"""Listings reached through the KB root's routes: search and keyword pages."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag

from .highlight import MAX_QUERY_LENGTH, clean_query, highlight, terms
from .models.base import readable

PAGE_SIZE = 10


def search_articles(queryset, query):
    """Wagtail search over an already scoped queryset (filters only on declared FilterFields),
    given plain words only, so odd input cannot break the backend's query syntax (C-30)."""
    words = terms(query)
    if not words:
        return queryset.none()
    return queryset.search(" ".join(words), operator="and")


def search_view(root, request):
    from .models import KBArticlePage

    raw = request.GET.get("q", "")
    query = clean_query(raw)
    context = {"page": root, "self": root, "query": query[:MAX_QUERY_LENGTH]}
    if len(raw) > MAX_QUERY_LENGTH:
        context["error"] = True
        return TemplateResponse(request, "kb/search_page.html", context, status=400)
    if query:
        articles = readable(
            KBArticlePage.objects.descendant_of(root).filter(locale_id=root.locale_id), request
        )
        page = Paginator(search_articles(articles, query), PAGE_SIZE).get_page(
            request.GET.get("page")
        )
        words = terms(query)
        context["results"] = page
        context["hits"] = [
            {
                "page": article,
                "title": highlight(article.title, words),
                "summary": highlight(article.summary, words),
            }
            for article in page
        ]
    return TemplateResponse(request, "kb/search_page.html", context)


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
