"""The article: body blocks, attached documents, keywords and related articles."""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, ReferenceIndex
from wagtail.search import index

from helpdesk.core.permissions import active_contact

from ..conditional import generation, mark_article_response, per_generation
from ..fallback import with_source_language
from .access import reads_everything
from .base import KBPage, kb_site, readable, restricted_paths_for
from .blocks import ArticleBodyBlock
from .rating import ArticleRating, rate_article, source_article


class RatingForm(forms.Form):
    helpful = forms.TypedChoiceField(
        choices=[("yes", _("Yes")), ("no", _("No"))], coerce=lambda value: value == "yes"
    )
    comment = forms.CharField(required=False, max_length=1000)


class KBArticleTag(TaggedItemBase):
    content_object = ParentalKey(
        "kb.KBArticlePage", on_delete=models.CASCADE, related_name="tagged_items"
    )


# The extra tag of the messages the vote form answers with.
RATING_MESSAGE = "kb-rating"


class KBArticlePage(KBPage):
    summary = models.TextField(_("Summary"), blank=True)
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("Body"))
    keywords = ClusterTaggableManager(through=KBArticleTag, blank=True, verbose_name=_("Keywords"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("keywords"),
        InlinePanel("attachments", label=_("Attached files")),
        InlinePanel("related_links", label=_("Related articles")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.RelatedFields("keywords", [index.SearchField("name")]),
    ]
    parent_page_types = ["kb.KBSectionPage"]
    subpage_types = []
    fallback_message = _("This article is not yet available in %(language)s.")

    class Meta:
        verbose_name = _("Article")
        verbose_name_plural = _("Articles")

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Document and image downloads are checked against the pages that use them; index them
        # now rather than through the deferred task, so the check never sees a stale index.
        # Index the stored row, not `self`: saving a draft revision leaves the row (and its
        # attachments) as published, while `self` holds the draft (SECURITY C-45).
        ReferenceIndex.create_or_update_for_object(type(self).objects.get(pk=self.pk))

    @staticmethod
    def most_helpful(articles):
        """Articles by helpful votes (votes count for the source article of every copy).
        Only articles whose translation key has a helpful vote are counted: the keys are one
        uncorrelated IN list, so the per-key count runs once per voted article, not for every
        article twice (annotation and filter)."""
        helpful = ArticleRating.objects.filter(helpful=True)
        votes = (
            helpful.filter(article__translation_key=OuterRef("translation_key"))
            .values("article__translation_key")
            .annotate(total=Count("pk"))
            .values("total")
        )
        return (
            articles.filter(translation_key__in=helpful.values("article__translation_key"))
            .annotate(helpful_votes=Subquery(votes))
            .order_by("-helpful_votes", "title")
        )

    def related_articles(self, request):
        """Chosen related articles in this page's language, else others of the same section."""
        chosen_keys = KBRelatedArticle.objects.filter(
            page__translation_key=self.translation_key
        ).values("article__translation_key")
        articles = readable(KBArticlePage.objects.filter(locale_id=self.locale_id), request)
        articles = with_source_language(articles)
        chosen = articles.filter(translation_key__in=Subquery(chosen_keys)).exclude(pk=self.pk)
        chosen = list(chosen.order_by("title")[:5])
        return chosen or list(articles.sibling_of(self, inclusive=False).order_by("title")[:5])

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        mark_article_response(request, response)
        return response

    def is_restricted(self, request):
        """Whether a restriction covers this article (on it, a translation or an ancestor)."""
        return any(self.path.startswith(path) for path in restricted_paths_for(request))

    def body_cache_scope(self, request):
        """Who may be served this article's cached body: everyone for an unrestricted one,
        else only readers of the same customer (or staff), so a restricted body never comes
        out of the cache for somebody else."""
        if not self.is_restricted(request):
            return "public"
        if reads_everything(request.user):
            return "staff"
        contact = active_contact(request.user)
        return f"customer-{contact.customer_id}" if contact else "none"

    def reader_scope(self, request):
        """Whose readable pages a cached list of other articles was chosen from (the related
        articles may be restricted ones this reader's customer is allowed)."""
        if reads_everything(request.user):
            return "staff"
        contact = active_contact(request.user)
        return f"customer-{contact.customer_id}" if contact else "anonymous"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["kb_generation"] = generation()
        context["kb_site_id"] = kb_site(request).pk
        context["body_cache_scope"] = self.body_cache_scope(request)
        # Looked up (even built: building querysets is a measurable share of a cached article)
        # only when the cached fragment that shows them is missing.
        context["related_articles"] = SimpleLazyObject(lambda: self.related_articles(request))
        context["reader_scope"] = self.reader_scope(request)
        context["attachments"] = SimpleLazyObject(
            lambda: self.attachments.select_related("document")
        )
        context["article_keywords"] = SimpleLazyObject(lambda: self.keywords.all())
        context["kb_root"] = SimpleLazyObject(self.kb_root)  # for keyword links, when rendered
        if request.user.is_authenticated:
            context["my_rating"] = self.vote_of(request.user)
        context["page_messages"], context["rating_messages"] = _split_messages(request)
        return context

    def vote_of(self, user):
        """`user`'s vote on this article ({"helpful", "comment"}) or None. The vote counts for
        the source article (kb.models.rating). Both the source article's id and the reader's
        votes (a handful of rows) are kept per KB generation, which every vote moves on."""
        source_id = per_generation(
            "source-article", (self.translation_key,), lambda: source_article(self).pk
        )
        votes = per_generation(
            "votes-of",
            (user.pk,),
            lambda: {
                article_id: {"helpful": helpful, "comment": comment}
                for article_id, helpful, comment in ArticleRating.objects.filter(
                    user=user
                ).values_list("article_id", "helpful", "comment")
            },
        )
        return votes.get(source_id)

    @path("rating/", name="rating")
    def rating(self, request):
        """The vote form's target: POST only, CSRF-checked by Django, on a readable article
        (serve() has checked that before any route runs), by a logged-in user."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.is_authenticated:
            return redirect_to_login(self.get_url(request), reverse("account:login"))
        form = RatingForm(request.POST)
        if form.is_valid():
            rate_article(page=self, user=request.user, **form.cleaned_data)
            messages.success(request, gettext("Thank you for your feedback."), RATING_MESSAGE)
        else:
            messages.error(request, gettext("Please choose Yes or No."), RATING_MESSAGE)
        return redirect(self.get_url(request) + "#rating")


def _split_messages(request):
    """(the page's messages, the vote's): the vote's thanks or error are shown at the vote,
    where the page scrolls after voting. Messages are read only when there are some: reading
    marks them used, and a page that showed one-time messages gets no ETag."""
    stored = messages.get_messages(request)
    if not stored:
        return (), ()
    shown = list(stored)
    at_vote = [message for message in shown if RATING_MESSAGE in message.extra_tags.split()]
    return [message for message in shown if message not in at_vote], at_vote


class KBArticleDocument(Orderable):
    page = ParentalKey(KBArticlePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        "kb.KBDocument",
        verbose_name=_("Document"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("Attached file")


class KBRelatedArticle(Orderable):
    page = ParentalKey(KBArticlePage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(
        KBArticlePage, verbose_name=_("Article"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("article")]

    class Meta(Orderable.Meta):
        verbose_name = _("Related article")
