"""Listings reached through the KB root's routes: search and keyword pages.

On PostgreSQL a search ranks at most CANDIDATES articles, however many match. Wagtail's database
backend filters on the concatenated title and body vectors (no GIN index can answer that) and
ranks every match with ts_rank before it keeps the best ones, so a common word cost as much as
the knowledge base is large. Here the matches are first narrowed to at most CANDIDATES articles
inside the reader's scope (read policy, language and portal apply before the cap): title matches
first (the title's GIN index can find them), then the other matches (a word in the body), newest
(highest id) first in each group; the match test is Wagtail's own. Picking them ranks nothing;
Wagtail then ranks only them.

The trade-off: when more than CANDIDATES articles match, the ranking sees the first CANDIDATES of
them, title matches before the others, so an older match, or one not in the title, can be missing
from the hundred hits listed; the page then says "more than 100" and asks for more words. Other
backends (SQLite in development and tests, OpenSearch) rank every match, as before.
"""

from math import ceil

from django.contrib.postgres.search import SearchVectorExact
from django.db.models import F, Q
from django.db.models.expressions import CombinedExpression
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from taggit.models import Tag

from .fallback import with_source_language
from .highlight import MAX_QUERY_LENGTH, clean_query, highlight, terms

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
    tsqueries = _postgres_tsqueries(results)
    if tsqueries is None:
        return results
    candidates = _candidates(queryset, *tsqueries)
    return queryset.filter(pk__in=candidates).search(text, operator="and")


def _postgres_tsqueries(results):
    """The tsquery Wagtail's PostgreSQL backend matches with (every word) and the same words
    joined by OR, built by Wagtail's own compiler so that candidates match exactly as the ranked
    search does; None on any other backend."""
    # Imported here: the backend module reads its index model when imported, and this module
    # is imported while the KB's models load.
    from modelsearch.backends.database.postgres.postgres import PostgresSearchResults
    from modelsearch.query import PlainText

    compiler = getattr(results, "query_compiler", None)
    if not isinstance(results, PostgresSearchResults) or not isinstance(compiler.query, PlainText):
        return None
    config = compiler.get_config(results.backend)
    every = compiler.build_tsquery(compiler.query, config=config)
    if every is None:
        return None
    any_word = PlainText(compiler.query.query_string, operator="or")
    return every, compiler.build_tsquery(any_word, config=config)


def _candidates(queryset, every_word, any_word):
    """The pks of at most CANDIDATES articles of the scoped `queryset` that Wagtail's search
    matches: those with every word in the title, then the others (every word in title and body
    together, Wagtail's test), newest first in each group. The others always have one of the
    words in the body, which the body's GIN index finds before the exact test (stop words drop
    out of both tsqueries alike). One subquery of the ranked search, not a query of its own:
    PostgreSQL reads a UNION ALL's branches in order and stops at the LIMIT, so the second branch
    runs only when titles leave room. That branch still tests every article with one of the
    words in its body: a search with few title matches costs about what Wagtail's own filter
    did; what the cap bounds is the ranking."""
    cap = max(CANDIDATES, MAX_RESULTS + 1)  # a capped search always fills the page: "more"
    # All on the one index entry joined (one filter() call each), like Wagtail's own filter.
    title, body = F("index_entries__title"), F("index_entries__body")
    in_title = SearchVectorExact(title, every_word)
    in_title_and_body = SearchVectorExact(CombinedExpression(title, "||", body), every_word)
    word_in_body = SearchVectorExact(body, any_word)
    first = queryset.filter(in_title)
    fill = queryset.filter(word_in_body, in_title_and_body, ~Q(in_title))
    first, fill = (group.order_by("-pk").values("pk")[:cap] for group in (first, fill))
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


def search_view(root, request, *, articles):
    """The KB root's search page; `articles()` gives the reader's scoped articles (the read
    policy, language and portal already applied), asked only when there is a query."""
    raw = request.GET.get("q", "")
    query = clean_query(raw)
    context = {"page": root, "self": root, "query": query[:MAX_QUERY_LENGTH]}
    if len(raw) > MAX_QUERY_LENGTH:
        context["error"] = True
        return TemplateResponse(request, "kb/search_page.html", context, status=400)
    if query:
        # The body is not shown on the results page: leave it in the database.
        scoped = articles().defer("body")
        page = ResultsPage(search_articles(scoped, query), request.GET.get("page"))
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


def keyword_view(root, request, keyword, *, articles):
    """The articles of the reader's scope (`articles`, a queryset) with this keyword."""
    tag = get_object_or_404(Tag, slug=keyword)
    tagged = articles.filter(tagged_items__tag=tag).order_by("title").distinct()
    articles = list(with_source_language(tagged))
    if not articles:
        # A keyword used only on pages this reader may not see does not exist for them.
        raise Http404
    context = {"page": root, "self": root, "keyword": tag, "articles": articles}
    return TemplateResponse(request, "kb/keyword_page.html", context)
