"""/<lang>/tickets/… — mounted inside i18n_patterns, before Wagtail's catch-all."""

from django.urls import path

from . import export, views_actions, views_list, views_new, views_ticket

app_name = "tickets"

urlpatterns = [
    path("", views_list.ticket_list, name="list"),
    path("new/", views_new.ticket_new, name="new"),
    path("export.csv", export.ticket_export, name="export"),
    path("<dbid:number>/", views_ticket.ticket_detail, name="detail"),
    path("<dbid:number>/reply/", views_actions.ticket_reply_view, name="reply"),
    path("<dbid:number>/fields/", views_actions.ticket_fields_view, name="fields"),
    path("<dbid:number>/close/", views_actions.ticket_close_view, name="close"),
    path("<dbid:number>/reopen/", views_actions.ticket_reopen_view, name="reopen"),
    path(
        "<dbid:number>/attachments/<dbid:attachment_id>/",
        views_ticket.attachment_download,
        name="attachment",
    ),
]
