"""The editors' flat "All articles" listing in the Wagtail admin: every article in every
language with its section, keywords, restriction and votes, filtered by section, keyword,
restriction (or the customer it is limited to) and "needs review" (the helpfulness report's
rule). Each title opens the page editor."""

import django_filters
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Substr
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BooleanColumn, Column, LiveStatusTagColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page

from helpdesk.models import Customer

from .models import KBArticlePage, KBRestriction, KBSectionPage
from .report import with_helpfulness


def _under_any(paths):
    """Pages at or below any of `paths` (nothing if there are none)."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def _paths_of(translation_keys):
    """Tree paths of every copy (any language) of the pages with these keys."""
    return Page.objects.filter(translation_key__in=translation_keys).values_list("path", flat=True)


def restricted_paths(customer=None):
    restrictions = KBRestriction.objects.exclude(customers=None)
    if customer is not None:
        restrictions = restrictions.filter(customers=customer)
    return list(_paths_of(restrictions.values("translation_key")))


class ArticleFilterSet(WagtailFilterSet):
    section = django_filters.ModelChoiceFilter(
        label=_("Section"),
        queryset=KBSectionPage.objects.filter(locale__language_code="en").order_by("path"),
        method="filter_section",
    )
    keyword = django_filters.ModelChoiceFilter(
        label=_("Keyword"),
        queryset=Tag.objects.filter(kb_kbarticletag_items__isnull=False)
        .distinct()
        .order_by("name"),
        method="filter_keyword",
    )
    restriction = django_filters.ChoiceFilter(
        label=_("Restriction"),
        choices=[("restricted", _("Limited to customers")), ("open", _("Not limited"))],
        method="filter_restriction",
    )
    customer = django_filters.ModelChoiceFilter(
        label=_("Limited to customer"),
        queryset=Customer.objects.filter(kb_restrictions__isnull=False).distinct().order_by("name"),
        method="filter_customer",
    )
    needs_review = django_filters.BooleanFilter(label=_("Needs review"))

    class Meta:
        model = KBArticlePage
        fields = []  # Wagtail adds its locale filter itself

    def filter_section(self, queryset, name, section):
        return queryset.filter(_under_any(_paths_of([section.translation_key])))

    def filter_keyword(self, queryset, name, tag):
        matching = KBArticlePage.objects.filter(tagged_items__tag=tag).values("pk")
        return queryset.filter(pk__in=matching)

    def filter_restriction(self, queryset, name, value):
        condition = _under_any(restricted_paths())
        return queryset.filter(condition) if value == "restricted" else queryset.exclude(condition)

    def filter_customer(self, queryset, name, customer):
        return queryset.filter(_under_any(restricted_paths(customer)))


def _section_title():
    """The parent section's title, in the query (no query per row)."""
    parent_path = Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Page.steplen)
    return Subquery(Page.objects.filter(path=parent_path).values("title")[:1])


class AllArticlesView(ReportView):
    page_title = _("All articles")
    header_icon = "doc-full"
    index_url_name = "kb_all_articles"
    index_results_url_name = "kb_all_articles_results"
    filterset_class = ArticleFilterSet
    default_ordering = "title"
    paginate_by = 50
    list_export = ["title", "section_title", "locale", "votes", "helpful_pct", "needs_review"]
    export_headings = {
        "title": _("Article"),
        "section_title": _("Section"),
        "locale": _("Language"),
        "votes": _("Votes"),
        "helpful_pct": _("% helpful"),
        "needs_review": _("Needs review"),
    }

    @property
    def columns(self):
        return [
            TitleColumn(
                "title",
                label=_("Article"),
                sort_key="title",
                get_url=lambda page: reverse("wagtailadmin_pages:edit", args=[page.pk]),
            ),
            Column("section_title", label=_("Section"), sort_key="section_title"),
            Column("language", label=_("Language"), sort_key="locale__language_code"),
            Column("keyword_names", label=_("Keywords")),
            Column("restricted_to", label=_("Limited to customers")),
            Column("votes", label=_("Votes"), sort_key="votes"),
            BooleanColumn("needs_review", label=_("Needs review"), sort_key="needs_review"),
            LiveStatusTagColumn(),
        ]

    def get_queryset(self):
        articles = KBArticlePage.objects.annotate(section_title=_section_title())
        return with_helpfulness(articles).select_related("locale")

    def decorate_paginated_queryset(self, object_list):
        pages = list(object_list)
        keywords = {}
        tagged = KBArticlePage.keywords.through.objects.filter(content_object__in=pages)
        rows = tagged.values_list("content_object_id", "tag__name").order_by("tag__name")
        for page_id, name in rows:
            keywords.setdefault(page_id, []).append(name)
        restrictions = self._restrictions()
        for page in pages:
            page.language = page.locale.get_display_name()
            page.keyword_names = ", ".join(keywords.get(page.pk, []))
            limited = {
                n for path, names in restrictions if page.path.startswith(path) for n in names
            }
            page.restricted_to = ", ".join(sorted(limited))
        return pages

    @staticmethod
    def _restrictions():
        """(tree path, customer names) of every restricted page copy."""
        names = {}
        for key, name in KBRestriction.customers.through.objects.values_list(
            "kbrestriction__translation_key", "customer__name"
        ):
            names.setdefault(key, []).append(name)
        copies = Page.objects.filter(translation_key__in=names)
        return [(path, names[key]) for path, key in copies.values_list("path", "translation_key")]
