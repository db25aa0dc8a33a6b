"""The technician's ticket page and the admin attachment download.

Reads go through the selectors, writes through the services (DESIGN rules 1 and 2): a view
only turns a form into a service call and a service's ValidationError back into form errors.
Wagtail's admin URL wrapper already requires a logged-in user with admin access and turns
PermissionDenied into its usual redirect; these views add the technician check."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .. import services
from ..core.permissions import is_technician
from ..core.sanitize import plain_text_to_html
from ..tickets.downloads import attachment_response
from ..tickets.field_schema import field_schema_for
from ..tickets.selectors import attachment_visible_to, tickets_visible_to
from . import display
from .forms import AssignForm, ReplyForm, TicketFieldsForm

TICKET_RELATIONS = (
    "customer",
    "customer__portal",
    "requester",
    "assignee",
    "status",
    "priority",
    "type",
    "impact",
    "product_family",
)


def require_technician(user):
    if not is_technician(user):
        raise PermissionDenied


@method_decorator(never_cache, name="dispatch")
class TicketView(WagtailAdminTemplateMixin, TemplateView):
    """GET shows the ticket; POST to one of its sub-paths (reply, fields, assign) runs that
    form. Success redirects back with a message; an error re-renders the page with the
    submitted form, its input kept and the service's messages next to the fields."""

    template_name = "helpdesk/admin/ticket.html"
    header_icon = "help"
    action = None  # set per URL: "reply", "fields" or "assign"

    def dispatch(self, request, *args, **kwargs):
        require_technician(request.user)
        self.ticket = (
            tickets_visible_to(request.user)
            .select_related(*TICKET_RELATIONS)
            .filter(number=kwargs["number"])
            .first()
        )
        if self.ticket is None:
            raise Http404
        if self.action and request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def language(self):
        return translation.get_language()

    @cached_property
    def schema(self):
        return field_schema_for(self.request.user, language=self.language)

    def ticket_url(self):
        return reverse("helpdesk_ticket", args=[self.ticket.number])

    def get_page_title(self):
        return gettext_lazy("Ticket %(number)s") % {"number": self.ticket.display_number}

    def get_page_subtitle(self):
        return self.ticket.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("helpdesk_tickets:index"), "label": _("Tickets")},
            {"url": "", "label": str(self.ticket)},  # "#1042 Printer on fire"
        ]

    def empty_forms(self):
        return {
            "reply": ReplyForm(prefix="reply"),
            "fields": TicketFieldsForm(prefix="fields", schema=self.schema, ticket=self.ticket),
            "assign": AssignForm(prefix="assign", initial={"assignee": self.ticket.assignee}),
        }

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        all_forms = {**self.empty_forms(), **(forms or {})}
        context.update(
            ticket=self.ticket,
            fields=display.field_rows(self.ticket, self.schema, self.language),
            entries=display.conversation(self.ticket),
            activities=display.activity_rows(self.ticket, self.schema),
            reply_form=all_forms["reply"],
            fields_form=all_forms["fields"],
            assign_form=all_forms["assign"],
            reply_url=reverse("helpdesk_ticket_reply", args=[self.ticket.number]),
            fields_url=reverse("helpdesk_ticket_fields", args=[self.ticket.number]),
            assign_url=reverse("helpdesk_ticket_assign", args=[self.ticket.number]),
        )
        return context

    def post(self, request, *args, **kwargs):
        handler = getattr(self, f"post_{self.action}")
        form = handler(request)
        if form is None:
            return redirect(self.ticket_url())
        context = self.get_context_data(forms={self.action: form})
        messages.error(request, _("The ticket could not be saved. Please check the form."))
        return self.render_to_response(context, status=400)

    def _call(self, form, service, **kwargs):
        """Run a service; on its ValidationError put the messages on the form."""
        try:
            return service(ticket=self.ticket, user=self.request.user, **kwargs), True
        except ValidationError as error:
            form.add_service_errors(error)
            return None, False

    def post_reply(self, request):
        form = ReplyForm(request.POST, request.FILES, prefix="reply")
        if not form.is_valid():
            return form
        internal = form.cleaned_data["is_internal"]
        _reply, ok = self._call(
            form,
            services.ticket_reply,
            body=plain_text_to_html(form.cleaned_data["body"]),
            files=form.cleaned_data["files"],
            is_internal=internal,
        )
        if not ok:
            return form
        messages.success(request, _("Internal note added.") if internal else _("Reply published."))
        return None

    def post_fields(self, request):
        form = TicketFieldsForm(
            request.POST, prefix="fields", schema=self.schema, ticket=self.ticket
        )
        if not form.is_valid():
            return form
        values = form.changed_values()
        if not values:
            messages.info(request, _("Nothing changed."))
            return None
        changes, ok = self._call(form, services.ticket_update_fields, values=values)
        if not ok:
            return form
        if changes:
            messages.success(request, _("Ticket fields saved."))
        else:
            messages.info(request, _("Nothing changed."))
        return None

    def post_assign(self, request):
        form = AssignForm(request.POST, prefix="assign")
        if not form.is_valid():
            return form
        assignee = form.cleaned_data["assignee"]
        _result, ok = self._call(form, services.ticket_assign, assignee=assignee)
        if not ok:
            return form
        if assignee:
            messages.success(request, _("Assigned to %(name)s.") % {"name": assignee})
        else:
            messages.success(request, _("The ticket is now unassigned."))
        return None


def attachment_download(request, pk):
    """A ticket attachment for a technician, through the one download response. A file that
    is not visible answers 404, the same as one that does not exist."""
    require_technician(request.user)
    attachment = attachment_visible_to(request.user, pk)
    if attachment is None:
        raise Http404
    return attachment_response(attachment, request)
