"""The abstract KB page: access check on serving, the restriction panel, the shared manager."""

from django.apps import apps
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page, PageManager, PageViewRestriction, Site

from ..anonymous_cache import mark_anonymous_cacheable
from ..conditional import per_generation
from ..fallback import child_in_another_language, fallback_language
from ..forms import KBPageForm
from .access import (
    KBPageQuerySet,
    page_is_readable,
    readable_filter,
    reads_everything,
    restricted_paths,
    wagtail_privacy_in_use,
)
from .restriction import KBRestriction

KBPageManager = PageManager.from_queryset(KBPageQuerySet)


def kb_site(request):
    if not hasattr(request, "_kb_site"):
        request._kb_site = Site.find_for_request(request)
    return request._kb_site


def readable(queryset, request):
    """`queryset.readable_by(...)` for this request, building the condition once per request."""
    return queryset.live().filter(_reading_condition(request))


def _reading_condition(request):
    """The read policy's condition for this request's reader, and its memo (what it is made
    of, for `page_is_readable`), built once per request."""
    if not hasattr(request, "_kb_readable"):
        request._kb_memo = {}
        request._kb_readable = readable_filter(request.user, kb_site(request), request._kb_memo)
    return request._kb_readable


def restricted_paths_for(request):
    """Every restricted page copy's path, from this request's readability check if it made one."""
    memo = getattr(request, "_kb_memo", {})
    if "restricted_paths" not in memo:
        memo["restricted_paths"] = restricted_paths()
    return [path for path, _allowed in memo["restricted_paths"]]


class KBPage(RoutablePageMixin, Page):
    """Every KB page is routable (the root answers search and keyword pages) and checks the
    reader before it renders: unreadable → login for anonymous visitors, 404 for everyone else."""

    base_form_class = KBPageForm
    settings_panels = [*Page.settings_panels, FieldPanel("restricted_customers")]

    objects = KBPageManager()
    fallback_message = _("This page is not yet available in %(language)s.")

    class Meta:
        abstract = True

    def deny_unreadable(self, request):
        user = request.user
        if reads_everything(user):
            return None
        _reading_condition(request)  # the memo; no queryset needed to check one loaded page
        if page_is_readable(self, request._kb_memo):
            return None
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("account:login"))
        raise Http404

    def serve(self, request, view=None, args=None, kwargs=None):
        denied = self.deny_unreadable(request)
        if denied is not None:
            return denied
        response = super().serve(request, view, args, kwargs)
        # What a page shows depends on who reads it: never store it in a shared cache.
        patch_cache_control(response, private=True, no_cache=True)
        mark_anonymous_cacheable(request, response)
        return response

    def get_view_restrictions(self):
        """Wagtail's privacy settings on this page and its ancestors, checked by Wagtail on
        every view (two queries); skipped while no page in any tree has one."""
        if not wagtail_privacy_in_use():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            child = path_components and child_in_another_language(self, path_components[0])
            if not child:
                raise
            return child.route(request, path_components[1:])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fallback = fallback_language(self)
        if fallback:
            language, context["content_lang"] = fallback  # marks the text's language (WCAG 3.1.2)
            context["fallback_notice"] = self.fallback_message % {"language": language}
        context["breadcrumbs"] = self.breadcrumbs(request)
        return context

    def breadcrumbs(self, request):
        """Title and URL of the ancestors from the portal home down (their readability follows
        from this page's), kept per KB generation: titles, slugs and moves all move it on."""

        def compute():
            ancestors = self.get_ancestors().filter(depth__gte=2)
            # The path within the site, as {% pageurl %} gives it; with the request, Wagtail
            # reads the sites' root paths once for all ancestors, not once per ancestor.
            return [
                {"title": page.title, "url": page.get_url_parts(request)[2]} for page in ancestors
            ]

        return per_generation("breadcrumbs", (self.pk,), compute)

    def kb_root(self):
        """The knowledge base this page belongs to (itself for the KB root). Named by its label:
        the root's page type is built on this one."""
        root_type = apps.get_model("kb", "KnowledgeBasePage")
        return root_type.objects.ancestor_of(self, inclusive=True).first()

    # The editor's "Limit to customers" (kb.forms), stored under the page's translation key so
    # that every translation and alias shares it.
    def limited_to_customers(self):
        return KBRestriction.customers_for(self.translation_key)

    def limit_to_customers(self, customers):
        KBRestriction.set_for(self.translation_key, customers)
