"""Admin URLs of the helpdesk, mounted under /admin/ by the `register_admin_urls` hook.

The name "helpdesk_ticket" is a contract: e-mails link to it (helpdesk.links.admin_ticket_link)."""

from django.urls import path

from . import views

urlpatterns = [
    path("helpdesk/tickets/<int:number>/", views.ticket_view, name="helpdesk_ticket"),
]
