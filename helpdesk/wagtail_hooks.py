"""Wagtail admin registration for the helpdesk: one "Helpdesk" menu (tickets and
configuration) and the technician's ticket page. If wagtail_modeladmin is ever used, import it
here only: it fails when imported while models load."""

from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup

from .admin import config
from .admin import urls as admin_urls
from .admin import welcome as admin_welcome
from .admin.matrix import VisibilityMatrixViewSet
from .admin.tickets import TicketViewSet


class HelpdeskViewSetGroup(ViewSetGroup):
    menu_label = _("Helpdesk")
    menu_icon = "help"
    menu_order = 150
    items = (
        TicketViewSet,
        config.CustomerViewSet,
        config.ContactViewSet,
        config.StatusViewSet,
        config.PriorityViewSet,
        config.TicketTypeViewSet,
        config.ImpactViewSet,
        config.ProductFamilyViewSet,
        VisibilityMatrixViewSet,
        config.CustomFieldViewSet,
        config.BuiltinFieldSettingViewSet,
    )


@hooks.register("register_admin_viewset")
def register_helpdesk_viewsets():
    return HelpdeskViewSetGroup()


@hooks.register("register_admin_urls")
def register_helpdesk_admin_urls():
    return [path("", include(admin_urls))]


@hooks.register("register_admin_urls")
def register_welcome_admin_urls():
    return admin_welcome.urlpatterns


# "Send welcome e-mail" for the contacts ticked in the contact listing.
hooks.register("register_bulk_action", admin_welcome.SendWelcomeBulkAction)
