"""Admin report "Article helpfulness": votes, % helpful, recent comments per article, sortable,
exportable (CSV/XLSX by Wagtail's report view); an article with at least 5 votes and under 50 %
helpful is flagged "needs review"."""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Q,
    Value,
    When,
)
from django.db.models.functions import NullIf
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.reports import ReportView

from .models import ArticleRating, KBArticlePage
from .models.rating import HELPFUL_THRESHOLD, REVIEW_MIN_VOTES

ORDERINGS = {
    "title": "title",
    "-title": "-title",
    "votes": "votes",
    "-votes": "-votes",
    "helpful": "helpful_pct",
    "-helpful": "-helpful_pct",
}
RECENT_COMMENTS = 3


def with_helpfulness(articles):
    """`articles` annotated with votes, helpful votes, % helpful (None without votes) and the
    review flag: the one definition of "needs review" (report and "All articles" listing)."""
    # Counted in one join and GROUP BY: a correlated count subquery would be repeated in every
    # expression below that reads `votes` or `helpful_votes` (eleven per row).
    return articles.annotate(
        votes=Count("ratings"),
        helpful_votes=Count("ratings", filter=Q(ratings__helpful=True)),
    ).annotate(
        helpful_pct=ExpressionWrapper(
            F("helpful_votes") * 100.0 / NullIf(F("votes"), 0), output_field=FloatField()
        ),
        needs_review=Case(
            When(
                votes__gte=REVIEW_MIN_VOTES,
                helpful_votes__lt=F("votes") * HELPFUL_THRESHOLD,
                then=Value(True),
            ),
            default=Value(False),
            output_field=BooleanField(),
        ),
    )


def helpfulness():
    """Articles with votes, annotated as `with_helpfulness` says."""
    return with_helpfulness(KBArticlePage.objects.all()).filter(votes__gt=0)


class HelpfulnessReportView(ReportView):
    page_title = _("Article helpfulness")
    header_icon = "help"
    results_template_name = "kb/admin/helpfulness_results.html"
    index_url_name = "kb_helpfulness_report"
    index_results_url_name = "kb_helpfulness_report_results"
    list_export = ["title", "votes", "helpful_votes", "helpful_pct", "needs_review"]
    export_headings = {
        "title": _("Article"),
        "votes": _("Votes"),
        "helpful_votes": _("Helpful votes"),
        # xgettext:no-python-format — a heading, never %-formatted.
        "helpful_pct": _("% helpful"),
        "needs_review": _("Needs review"),
    }

    def get_queryset(self):
        ordering = ORDERINGS.get(self.request.GET.get("ordering", ""), "helpful_pct")
        queryset = helpfulness()
        if self.request.GET.get("needs_review") == "1":
            queryset = queryset.filter(needs_review=True)
        return queryset.order_by(ordering, "title")

    def decorate_paginated_queryset(self, object_list):
        articles = list(object_list)
        comments = {}
        recent = (
            ArticleRating.objects.filter(article__in=articles)
            .exclude(comment="")
            .order_by("-updated")
            .values_list("article_id", "comment")
        )
        for article_id, comment in recent:
            comments.setdefault(article_id, [])
            if len(comments[article_id]) < RECENT_COMMENTS:
                comments[article_id].append(comment)
        for article in articles:
            article.recent_comments = comments.get(article.pk, [])
        return articles

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["orderings"] = ORDERINGS
        context["current_ordering"] = self.request.GET.get("ordering", "helpful")
        return context
