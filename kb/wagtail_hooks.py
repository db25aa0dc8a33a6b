"""Admin and serving hooks of the knowledge base."""

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_listing import AllArticlesView
from .downloads import document_response
from .media.access import may_fetch
from .models import ArticleRating
from .report import HelpfulnessReportView


@hooks.register("before_serve_document")
def serve_kb_document(document, request):
    """A document is downloaded only by someone who may read a live KB page whose published
    content uses it (as an attachment or in the body); any other is refused to non-staff.
    Allowed downloads get the KB's own response, so Wagtail's never runs."""
    if not may_fetch(document, request):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("account:login"))
        raise Http404
    return document_response(document, request)


@hooks.register("register_admin_urls")
def register_kb_report_urls():
    view = HelpfulnessReportView
    return [
        path("reports/kb-helpfulness/", view.as_view(), name="kb_helpfulness_report"),
        path(
            "reports/kb-helpfulness/results/",
            view.as_view(results_only=True),
            name="kb_helpfulness_report_results",
        ),
    ]


@hooks.register("register_admin_urls")
def register_all_articles_urls():
    return [
        path("kb/articles/", AllArticlesView.as_view(), name="kb_all_articles"),
        path(
            "kb/articles/results/",
            AllArticlesView.as_view(results_only=True),
            name="kb_all_articles_results",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_all_articles_menu_item():
    return MenuItem(
        _("All articles"),
        reverse("kb_all_articles"),
        name="kb-all-articles",
        icon_name="doc-full",
        order=250,
    )


@hooks.register("register_reports_menu_item")
def register_kb_report_menu_item():
    return MenuItem(
        _("Article helpfulness"),
        reverse("kb_helpfulness_report"),
        name="kb-helpfulness",
        icon_name="help",
        order=800,
    )


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Ratings are written by portal users only; the admin may look and delete, never edit."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class ArticleRatingViewSet(SnippetViewSet):
    model = ArticleRating
    icon = "help"
    menu_label = _("Article ratings")
    list_display = ["article", "user", "helpful", "comment", "updated"]
    list_filter = ["helpful", "updated"]
    inspect_view_enabled = True


register_permission_policy(ArticleRating, ReadOnlyPolicy(ArticleRating))
register_snippet(ArticleRatingViewSet)
