"""The technicians' ticket list: a Wagtail ModelViewSet reduced to its listing.

Tickets are never edited through a generic model form (that would bypass the services and
their activity log and notifications), so only the index views are routed; a row opens the
custom ticket page ("helpdesk_ticket")."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.admin_url_finder import ModelAdminURLFinder
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from ..core.permissions import is_technician
from ..models import Ticket

LIST_RELATIONS = ("customer", "requester", "assignee", "status", "priority", "type")


def ticket_url(ticket):
    return reverse("helpdesk_ticket", args=[ticket.number])


class TicketFilterSet(WagtailFilterSet):
    class Meta:
        model = Ticket
        fields = ["status", "customer", "assignee", "priority", "type"]


class TicketIndexView(generic.IndexView):
    def dispatch(self, request, *args, **kwargs):
        # Model permissions alone would admit any staff user given view_ticket by hand.
        if not is_technician(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        # Every column's relation in the one query: the count stays flat with the table size.
        return Ticket.objects.select_related(*LIST_RELATIONS)

    def order_queryset(self, queryset):
        queryset = super().order_queryset(queryset)
        # A unique tie-breaker keeps pages stable when many tickets share a timestamp.
        return queryset.order_by(*queryset.query.order_by, "-id")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        query = self.search_query.strip()
        condition = Q(title__icontains=query)
        number = query.lstrip("#")
        if number.isdigit():
            condition |= Q(number=int(number))
        return queryset.filter(condition)

    @cached_property
    def columns(self):
        return [
            TitleColumn("display_number", label=_("Number"), sort_key="number", get_url=ticket_url),
            TitleColumn("title", label=_("Title"), sort_key="title", get_url=ticket_url),
            Column("customer", label=_("Customer"), sort_key="customer__name"),
            Column("requester", label=_("Requester")),
            Column("status", label=_("Status"), sort_key="status"),
            Column("priority", label=_("Priority"), sort_key="priority"),
            Column("assignee", label=_("Technician")),
            DateColumn("updated_at", label=_("Updated"), sort_key="updated_at"),
        ]

    def get_edit_url(self, instance):
        return ticket_url(instance)

    def get_add_url(self):
        return None  # tickets are opened by contacts, in the portal or through the API

    def get_copy_url(self, instance):
        return None

    def get_delete_url(self, instance):
        return None

    def get_inspect_url(self, instance):
        return None


class TicketURLFinder(ModelAdminURLFinder):
    """Where Wagtail (search, references) links a ticket: the custom ticket page."""

    def get_edit_url(self, instance):
        return ticket_url(instance) if is_technician(self.user) else None


class TicketViewSet(ModelViewSet):
    model = Ticket
    name = "helpdesk_tickets"
    url_prefix = "helpdesk/tickets"
    icon = "help"
    menu_label = _("Tickets")
    menu_order = 100
    index_view_class = TicketIndexView
    filterset_class = TicketFilterSet
    search_fields = ["title", "number"]
    search_backend_name = None  # ORM search: number or title, see search_queryset
    ordering = "-updated_at"
    list_per_page = 50
    copy_view_enabled = False
    add_to_reference_index = False
    url_finder_class = TicketURLFinder

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
        ]

    def get_common_view_kwargs(self, **kwargs):
        # Unrouted generic views must never be reversed.
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    @property
    def menu_item_class(self):
        base = super().menu_item_class

        class TechnicianMenuItem(base):
            def is_shown(self, request):
                return is_technician(request.user)

        return TechnicianMenuItem
