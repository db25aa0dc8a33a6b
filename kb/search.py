"""Listings reached through the KB root's routes: search and keyword pages."""

from math import ceil

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag

from .highlight import MAX_QUERY_LENGTH, clean_query, highlight, terms
from .models.base import readable

PAGE_SIZE = 10
# Hits a search lists (ten pages); beyond that the page says "more than 100" and asks for more
# words: counting every match would cost as much as the knowledge base is large.
MAX_RESULTS = 100


def search_articles(queryset, query):
    """Wagtail search over an already scoped queryset (filters only on declared FilterFields),
    given plain words only, so odd input cannot break the backend's query syntax (C-30)."""
    words = terms(query)
    if not words:
        return queryset.none()
    return queryset.search(" ".join(words), operator="and")


def _fetch(results):
    """The hits of sliced search results. Wagtail's PostgreSQL backend also selects the matched
    document vector (`_vector_`, needed only by its WHERE clause), building it for every match
    and carrying it through the ranking sort; nothing reads it, so it is left out. Other
    backends' results are read as they come."""
    get_queryset = getattr(results, "get_queryset", None)
    queryset = get_queryset() if get_queryset else None
    if queryset is None or "_vector_" not in queryset.query.annotation_select:
        return list(results)
    queryset.query.set_annotation_mask(set(queryset.query.annotation_select) - {"_vector_"})
    return list(queryset)


class ResultsPage:
    """One page of the best MAX_RESULTS hits, from a single ranked query: MAX_RESULTS + 1 rows
    (the extra row says whether there are more) instead of a COUNT over every match plus the
    page's query. Out-of-range or invalid page numbers give the nearest page, as Django's
    Paginator.get_page does."""

    def __init__(self, results, number):
        hits = _fetch(results[: MAX_RESULTS + 1])
        self.more = len(hits) > MAX_RESULTS
        self.limit = MAX_RESULTS
        hits = hits[:MAX_RESULTS]
        self.count = len(hits)
        self.num_pages = max(1, ceil(self.count / PAGE_SIZE))
        try:
            number = int(number)
        except (TypeError, ValueError):
            number = 1
        self.number = min(max(number, 1), self.num_pages)
        start = (self.number - 1) * PAGE_SIZE
        self.object_list = hits[start : start + PAGE_SIZE]

    def __iter__(self):
        return iter(self.object_list)

    def has_previous(self):
        return self.number > 1

    def has_next(self):
        return self.number < self.num_pages

    def has_other_pages(self):
        return self.num_pages > 1

    def previous_page_number(self):
        return self.number - 1

    def next_page_number(self):
        return self.number + 1


def search_view(root, request):
    from .models import KBArticlePage

    raw = request.GET.get("q", "")
    query = clean_query(raw)
    context = {"page": root, "self": root, "query": query[:MAX_QUERY_LENGTH]}
    if len(raw) > MAX_QUERY_LENGTH:
        context["error"] = True
        return TemplateResponse(request, "kb/search_page.html", context, status=400)
    if query:
        # The body is not shown on the results page: leave it in the database.
        articles = readable(
            KBArticlePage.objects.descendant_of(root).filter(locale_id=root.locale_id), request
        ).defer("body")
        page = ResultsPage(search_articles(articles, query), request.GET.get("page"))
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
