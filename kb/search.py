"""Listings reached through the KB root's routes: search and keyword pages.

On PostgreSQL a search ranks at most CANDIDATES articles, however many match. Wagtail's database
backend filters on the concatenated title and body vectors (no GIN index can answer that) and
ranks every match with ts_rank before it keeps the best ones, so a common word cost as much as
the knowledge base is large. Here the matches are first narrowed to at most CANDIDATES articles
inside the reader's scope (read policy, language and portal apply before the cap): title matches
first (the title's GIN index can find them), then articles matching in their body only, newest
(highest id) first in each group. Picking them ranks nothing; Wagtail then ranks only them.

The trade-off: when more than CANDIDATES articles match, the ranking sees the first CANDIDATES of
them, title matches before body-only ones, so an older match, or a body-only one, can be missing
from the hundred hits listed; the page then says "more than 100" and asks for more words. Other
backends (SQLite in development and tests, OpenSearch) rank every match, as before.
"""

from math import ceil

from django.contrib.postgres.search import SearchVectorExact
from django.db.models import F, Q
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
# Matches a search ranks at most, on PostgreSQL (see the module docstring).
CANDIDATES = 1000


def search_articles(queryset, query):
    """Wagtail search over an already scoped queryset (filters only on declared FilterFields),
    given plain words only, so odd input cannot break the backend's query syntax (C-30). On
    PostgreSQL only the candidates are ranked (`_candidates`); the web page and the API share
    this one policy."""
    words = terms(query)
    if not words:
        return queryset.none()
    text = " ".join(words)
    results = queryset.search(text, operator="and")
    tsquery = _postgres_tsquery(results)
    if tsquery is None:
        return results
    return queryset.filter(pk__in=_candidates(queryset, tsquery)).search(text, operator="and")


def _postgres_tsquery(results):
    """The tsquery Wagtail's PostgreSQL backend matches with (so candidates match exactly as the
    ranked search does), or None on any other backend."""
    from modelsearch.backends.database.postgres.postgres import PostgresSearchResults

    if not isinstance(results, PostgresSearchResults):
        return None
    compiler = results.query_compiler
    return compiler.build_tsquery(compiler.query, config=compiler.get_config(results.backend))


def _candidates(queryset, tsquery):
    """The pks of at most CANDIDATES matching articles of the scoped `queryset`: title matches,
    then body-only matches to fill up, newest first in each group. One subquery of the ranked
    search, not a query of its own: PostgreSQL reads a UNION ALL's branches in order and stops
    at the LIMIT, so the body branch runs only when titles leave room."""
    cap = max(CANDIDATES, MAX_RESULTS + 1)  # a capped search always fills the page: "more"

    def matches(vector):
        # On the one index entry joined, like Wagtail's own filter (not a second join).
        return SearchVectorExact(F(f"index_entries__{vector}"), tsquery)

    in_title = queryset.filter(matches("title"))
    in_body_only = queryset.filter(matches("body"), ~Q(matches("title")))
    first, fill = (group.order_by("-pk").values("pk")[:cap] for group in (in_title, in_body_only))
    return first.union(fill, all=True)[:cap]


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
