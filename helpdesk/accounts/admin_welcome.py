"""Admin: send welcome e-mails to one contact, to selected contacts, or to every contact of a
customer. A GET shows what will be sent; only the POST (with CSRF) sends."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.views.generic import EditView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button

from ..models import Contact, Customer
from ..permissions import is_technician
from .welcome import contacts_send_welcome


def may_send(user) -> bool:
    """Technicians (SPEC §4.4) and whoever may change contacts."""
    return is_technician(user) or user.has_perm("helpdesk.change_contact")


class SendWelcomeView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "helpdesk/accounts/admin_send_welcome.html"
    header_icon = "mail"
    page_title = gettext_lazy("Send welcome e-mail")
    scope = None  # "contact", "customer" or "selected"

    def dispatch(self, request, *args, **kwargs):
        if not may_send(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def contacts(self):
        contacts = Contact.objects.select_related("user", "customer__portal")
        if self.scope == "contact":
            return [get_object_or_404(contacts, pk=self.kwargs["pk"])]
        if self.scope == "customer":
            customer = get_object_or_404(Customer, pk=self.kwargs["pk"])
            return list(contacts.filter(customer=customer))
        data = self.request.POST if self.request.method == "POST" else self.request.GET
        ids = [value for value in data.getlist("id") if value.isdigit()]
        return list(contacts.filter(pk__in=ids))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recipients=[c for c in self.contacts if c.portal_access and c.user.is_active],
            skipped=[c for c in self.contacts if not (c.portal_access and c.user.is_active)],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        sent = contacts_send_welcome(contacts=self.contacts)
        messages.success(
            request,
            ngettext(
                "%(count)d welcome e-mail was queued.",
                "%(count)d welcome e-mails were queued.",
                sent,
            )
            % {"count": sent},
        )
        return redirect(reverse("helpdesk_contacts:index"))


urlpatterns = [
    path(
        "helpdesk/welcome/contact/<int:pk>/",
        SendWelcomeView.as_view(scope="contact"),
        name="helpdesk_welcome_contact",
    ),
    path(
        "helpdesk/welcome/customer/<int:pk>/",
        SendWelcomeView.as_view(scope="customer"),
        name="helpdesk_welcome_customer",
    ),
    path(
        "helpdesk/welcome/contacts/",
        SendWelcomeView.as_view(scope="selected"),
        name="helpdesk_welcome_selected",
    ),
]


def welcome_button(url, label):
    return Button(label, url=url, icon_name="mail", priority=5)


class ContactEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if may_send(self.request.user):
            url = reverse("helpdesk_welcome_contact", args=[self.object.pk])
            buttons.append(welcome_button(url, _("Send welcome e-mail")))
        return buttons


class CustomerEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if may_send(self.request.user):
            url = reverse("helpdesk_welcome_customer", args=[self.object.pk])
            buttons.append(welcome_button(url, _("Send welcome e-mail to all contacts")))
        return buttons
