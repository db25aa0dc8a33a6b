"""Admin URLs of the helpdesk, mounted under /admin/ by the `register_admin_urls` hook.

The name "helpdesk_ticket" is a contract: e-mails link to it
(helpdesk.core.links.admin_ticket_link)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "helpdesk/tickets/<dbid:number>/",
        views.TicketView.as_view(),
        name="helpdesk_ticket",
    ),
    path(
        "helpdesk/tickets/<dbid:number>/reply/",
        views.TicketView.as_view(action="reply"),
        name="helpdesk_ticket_reply",
    ),
    path(
        "helpdesk/tickets/<dbid:number>/fields/",
        views.TicketView.as_view(action="fields"),
        name="helpdesk_ticket_fields",
    ),
    path(
        "helpdesk/tickets/<dbid:number>/assign/",
        views.TicketView.as_view(action="assign"),
        name="helpdesk_ticket_assign",
    ),
    path(
        "helpdesk/attachments/<dbid:pk>/",
        views.attachment_download,
        name="helpdesk_attachment",
    ),
]
