"""/api/v1/kb/ — the knowledge base's API (mounted by cms.urls before helpdesk's /api/v1/)."""

from django.urls import path

from .views import ArticleDetailView, ArticleListView, ArticleRatingView

app_name = "kb_api"

urlpatterns = [
    path("articles/", ArticleListView.as_view(), name="article-list"),
    path("articles/<dbid:pk>/", ArticleDetailView.as_view(), name="article-detail"),
    path("articles/<dbid:pk>/rating/", ArticleRatingView.as_view(), name="article-rating"),
]
