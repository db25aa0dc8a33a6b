"""KB articles over the API: list/search (the new-ticket form's suggestions) and read. Every
query goes through the one reading policy; an unreadable article is a 404 like a missing one."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Locale

from cms.core.params import parse_int
from helpdesk.api.common import error_responses

from ..highlight import MAX_QUERY_LENGTH, clean_query
from ..models import KBArticlePage
from ..models.base import readable
from ..models.rating import rate_article
from ..search import search_articles

MAX_LIMIT = 20
DEFAULT_LIMIT = 10


class ArticleSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    language = serializers.CharField()
    url = serializers.CharField()
    updated = serializers.DateTimeField(allow_null=True)


class ArticleListSerializer(serializers.Serializer):
    results = ArticleSummarySerializer(many=True)


class ArticleSerializer(ArticleSummarySerializer):
    created = serializers.DateTimeField(allow_null=True)
    body_html = serializers.CharField()
    keywords = serializers.ListField(child=serializers.CharField())
    attachments = serializers.ListField(child=serializers.DictField())


def _language(request):
    code = request.query_params.get("lang") or translation.get_language() or ""
    codes = {code for code, _name in settings.LANGUAGES}
    return code if code in codes else settings.LANGUAGE_CODE


def _summary(article, request, language):
    return {
        "id": article.pk,
        "title": article.title,
        "summary": article.summary,
        "language": language,
        "url": article.get_url(request),
        "updated": article.last_published_at,
    }


def _limit(raw):
    if raw in (None, ""):
        return DEFAULT_LIMIT
    try:
        return parse_int(raw, maximum=MAX_LIMIT)
    except ValueError:
        message = _("Choose a limit from 1 to %(limit)d.") % {"limit": MAX_LIMIT}
        raise exceptions.ValidationError({"limit": [message]}) from None


class ArticleListView(APIView):
    @extend_schema(
        summary="Knowledge-base articles (search)",
        operation_id="kb_articles_list",
        parameters=[
            OpenApiParameter("q", str, description="Search words (at most 200 characters)."),
            OpenApiParameter("lang", str, description="Language code; default: the request's."),
            OpenApiParameter(
                "limit", int, description=f"1 to {MAX_LIMIT} (default {DEFAULT_LIMIT})."
            ),
        ],
        responses={200: ArticleListSerializer, **error_responses(400)},
        tags=["kb"],
    )
    def get(self, request):
        raw = request.query_params.get("q", "")
        if len(raw) > MAX_QUERY_LENGTH:
            raise exceptions.ValidationError(
                {"q": [_("Please enter at most %(limit)d characters.") % {"limit": 200}]}
            )
        query = clean_query(raw)
        limit = _limit(request.query_params.get("limit"))
        # The locale as an object: search may filter only on declared FilterFields (locale is).
        locale = Locale.objects.filter(language_code=_language(request)).first()
        articles = readable(KBArticlePage.objects.filter(locale=locale), request)
        if query:
            found = list(search_articles(articles, query)[:limit])
        else:
            found = list(articles.order_by("-last_published_at")[:limit])
        return Response({"results": [_summary(a, request, locale.language_code) for a in found]})


class ArticleDetailView(APIView):
    @extend_schema(
        summary="One knowledge-base article",
        responses={200: ArticleSerializer, **error_responses(404)},
        tags=["kb"],
    )
    def get(self, request, pk):
        article = readable(KBArticlePage.objects.filter(pk=pk), request).first()
        if article is None:
            raise exceptions.NotFound
        return Response(
            {
                **_summary(article, request, article.locale.language_code),
                "created": article.first_published_at,
                "body_html": str(article.body),
                "keywords": list(article.keywords.values_list("name", flat=True)),
                "attachments": [
                    {"id": item.document_id, "title": item.document.title, "url": item.document.url}
                    for item in article.attachments.select_related("document")
                ],
            }
        )


class RatingInSerializer(serializers.Serializer):
    helpful = serializers.BooleanField()
    comment = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class RatingOutSerializer(serializers.Serializer):
    article = serializers.IntegerField()
    helpful = serializers.BooleanField()
    comment = serializers.CharField()
    updated = serializers.DateTimeField()


class ArticleRatingView(APIView):
    @extend_schema(
        summary="Rate a knowledge-base article (voting again changes the vote)",
        request=RatingInSerializer,
        responses={200: RatingOutSerializer, **error_responses(400, 404)},
        tags=["kb"],
    )
    def post(self, request, pk):
        article = readable(KBArticlePage.objects.filter(pk=pk), request).first()
        if article is None:
            raise exceptions.NotFound
        data = RatingInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        rating = rate_article(page=article, user=request.user, **data.validated_data)
        return Response(
            {
                "article": rating.article_id,
                "helpful": rating.helpful,
                "comment": rating.comment,
                "updated": rating.updated,
            }
        )
