"""/api/v1/ — the router that every API resource registers on."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from .attachments import AttachmentViewSet
from .auth import ObtainTokenView
from .fields import TicketFieldsView
from .me import MeView
from .replies import TicketRepliesView
from .tickets import TicketViewSet

app_name = "api"

router = DefaultRouter()
# JSON is the only renderer, and the viewsets' actions take no `format` argument: the
# `.json` suffix routes would only answer 500 (found by the security matrix).
router.include_format_suffixes = False
router.register("tickets", TicketViewSet, basename="ticket")
router.register("attachments", AttachmentViewSet, basename="attachment")

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="auth-token"),
    path("me/", MeView.as_view(), name="me"),
    path("ticket-fields/", TicketFieldsView.as_view(), name="ticket-fields"),
    path("tickets/<str:number>/replies/", TicketRepliesView.as_view(), name="ticket-replies"),
    *router.urls,
]
