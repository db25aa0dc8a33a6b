"""KB root → category → section. Each lists its readable children with counts; all queries
are per level, never per row, so page cost does not grow with the number of articles."""

from collections import Counter

from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField
from wagtail.models import Page

from ..fallback import with_source_language
from ..search import keyword_view, search_view
from .article import KBArticlePage
from .base import KBPage, readable

STEP = Page.steplen


def _counts_by_ancestor(paths, depth):
    """How many of `paths` lie below each ancestor path of the given depth."""
    return Counter(p[: depth * STEP] for p in paths)


class KnowledgeBasePage(KBPage):
    intro = RichTextField(_("Intro"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["home.PortalHomePage"]
    subpage_types = ["kb.KBCategoryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("Knowledge base")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        categories = list(readable(KBCategoryPage.objects.child_of(self), request))
        sections = list(readable(KBSectionPage.objects.descendant_of(self), request))
        articles = readable(KBArticlePage.objects.descendant_of(self), request)
        counts = _counts_by_ancestor(articles.values_list("path", flat=True), self.depth + 2)
        by_category = {}
        for section in sections:
            section.article_count = counts[section.path]
            by_category.setdefault(section.path[:-STEP], []).append(section)
        for category in categories:
            category.sections = by_category.get(category.path, [])
            category.article_count = sum(s.article_count for s in category.sections)
        context["categories"] = categories
        listed = with_source_language(articles)
        context["recent_articles"] = listed.order_by("-last_published_at")[:5]
        context["helpful_articles"] = KBArticlePage.most_helpful(listed)[:5]
        return context

    def route(self, request, path_components):
        # A descendant's URL is looked up by its url_path in one query (plus its specific row)
        # instead of one child lookup per level; everything else routes as usual.
        if path_components and not self._is_own_route(path_components):
            url_path = f"{self.url_path}{'/'.join(path_components)}/"
            descendant = (
                Page.objects.filter(url_path=url_path, path__startswith=self.path)
                .specific()
                .first()
            )
            if descendant is not None:
                return descendant.route(request, [])
        return super().route(request, path_components)

    def _is_own_route(self, path_components):
        try:
            self.resolve_subpage("/" + "/".join(path_components) + "/")
        except Http404:
            return False
        return True

    @path("")
    def index(self, request):
        return self.render(request)

    def readable_articles(self, request):
        """The articles of this KB in its language that the request's reader may read."""
        articles = KBArticlePage.objects.descendant_of(self).filter(locale_id=self.locale_id)
        return readable(articles, request)

    @path("search/")
    def search(self, request):
        # Built only when there is something to search for (the read policy's lookups).
        return search_view(self, request, articles=lambda: self.readable_articles(request))

    @path("keywords/<str:keyword>/")
    def keyword(self, request, keyword):
        return keyword_view(self, request, keyword, articles=self.readable_articles(request))


class KBCategoryPage(KBPage):
    summary = models.TextField(_("Summary"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["kb.KnowledgeBasePage"]
    subpage_types = ["kb.KBSectionPage"]

    class Meta:
        verbose_name = _("Category")
        verbose_name_plural = _("Categories")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        sections = list(readable(KBSectionPage.objects.child_of(self), request))
        articles = readable(KBArticlePage.objects.descendant_of(self), request)
        counts = _counts_by_ancestor(articles.values_list("path", flat=True), self.depth + 1)
        for section in sections:
            section.article_count = counts[section.path]
        context["sections"] = sections
        return context


class KBSectionPage(KBPage):
    summary = models.TextField(_("Summary"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("summary")]
    parent_page_types = ["kb.KBCategoryPage"]
    subpage_types = ["kb.KBArticlePage"]

    class Meta:
        verbose_name = _("Section")
        verbose_name_plural = _("Sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = readable(KBArticlePage.objects.child_of(self), request).order_by("title")
        articles = articles.only("id", "title", "summary", "path", "url_path", "depth")
        context["articles"] = with_source_language(articles)
        return context
