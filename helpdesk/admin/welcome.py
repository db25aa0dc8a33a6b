"""Admin: send welcome e-mails to one contact, to every contact of a customer (buttons on their
edit pages), or to the contacts selected in the contact listing (a bulk action). Each first
shows who gets one and who is skipped (no portal access); only the POST (with CSRF) sends."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import TemplateView
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets import Button

from ..accounts.welcome import contacts_send_welcome, may_receive_welcome
from ..core.permissions import is_technician
from ..models import Contact, Customer


def may_send(user) -> bool:
    """Technicians (SPEC §4.4) and whoever may change contacts."""
    return is_technician(user) or user.has_perm("helpdesk.change_contact")


def contacts_for_sending():
    return Contact.objects.select_related("user", "customer__portal")


def send_and_report(request, contacts):
    """Send, then tell the sender how many went out and how many contacts were skipped."""
    sent = contacts_send_welcome(contacts=contacts)
    messages.success(
        request,
        ngettext(
            "%(count)d welcome e-mail was queued.",
            "%(count)d welcome e-mails were queued.",
            sent,
        )
        % {"count": sent},
    )
    skipped = len(contacts) - sent
    if skipped:
        messages.warning(
            request,
            ngettext(
                "%(count)d contact without portal access was skipped.",
                "%(count)d contacts without portal access were skipped.",
                skipped,
            )
            % {"count": skipped},
        )
    return sent


class SendWelcomeView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "helpdesk/accounts/admin_send_welcome.html"
    header_icon = "mail"
    page_title = gettext_lazy("Send welcome e-mail")
    scope = None  # "contact" or "customer"

    def dispatch(self, request, *args, **kwargs):
        if not may_send(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def contacts(self):
        if self.scope == "contact":
            return [get_object_or_404(contacts_for_sending(), pk=self.kwargs["pk"])]
        customer = get_object_or_404(Customer, pk=self.kwargs["pk"])
        return list(contacts_for_sending().filter(customer=customer))

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recipients=[c for c in self.contacts if may_receive_welcome(c)],
            skipped=[c for c in self.contacts if not may_receive_welcome(c)],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        send_and_report(request, self.contacts)
        return redirect(reverse("helpdesk_contacts:index"))


class SendWelcomeBulkAction(BulkAction):
    """ "Send welcome e-mail" for the contacts ticked in the listing; contacts who cannot log in
    are listed as skipped (Wagtail's "no access" list) and get nothing."""

    display_name = gettext_lazy("Send welcome e-mail")
    action_type = "send_welcome"
    aria_label = gettext_lazy("Send the welcome e-mail to the selected contacts")
    template_name = "helpdesk/accounts/admin_bulk_welcome.html"
    action_priority = 20
    models = [Contact]

    def dispatch(self, request, *args, **kwargs):
        if not may_send(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @classmethod
    def get_queryset(cls, model, object_ids):
        ids = [pk for pk in object_ids if str(pk).isdigit()]
        return list(contacts_for_sending().filter(pk__in=ids))

    def check_perm(self, contact):
        return may_receive_welcome(contact)  # the others are listed as skipped

    def prepare_action(self, objects, objects_without_access):
        self.skipped = objects_without_access["items_with_no_access"]

    def get_execution_context(self):
        return {"request": self.request, "skipped": self.skipped}

    @classmethod
    def execute_action(cls, objects, *, request, skipped):
        sent = send_and_report(request, [*objects, *skipped])
        return sent, 0


class ContactIndexView(IndexView):
    """The contact listing with tick boxes for the bulk action."""

    template_name = "helpdesk/accounts/admin_contact_index.html"

    @cached_property
    def columns(self):
        return [BulkActionsCheckboxColumn("bulk_actions", obj_type="contact"), *super().columns]

    def _get_title_column(self, *args, **kwargs):
        return super()._get_title_column(
            *args, **kwargs, get_title_id=lambda contact: f"contact_{contact.pk}_title"
        )


urlpatterns = [
    path(
        "helpdesk/welcome/contact/<dbid:pk>/",
        SendWelcomeView.as_view(scope="contact"),
        name="helpdesk_welcome_contact",
    ),
    path(
        "helpdesk/welcome/customer/<dbid:pk>/",
        SendWelcomeView.as_view(scope="customer"),
        name="helpdesk_welcome_customer",
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
