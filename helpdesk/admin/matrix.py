"""The portal-visibility matrix on one page: every ticket field (the five built-ins and each
custom field) with its portal visibility and required flag, saved together.

Rows are validated with the models' own `full_clean()` and saved in one transaction, so a
refused row leaves every row as it was. Saving drops the cached field schema (signals in
helpdesk.tickets.field_schema), so portal forms and the API follow at once."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet

from ..models import BuiltinFieldSetting, CustomField, Visibility

PERMISSIONS = ("helpdesk.change_builtinfieldsetting", "helpdesk.change_customfield")


def may_edit_matrix(user):
    return user.is_active and user.is_staff and user.has_perms(PERMISSIONS)


def matrix_rows():
    """(prefix, label, row object, kind) for every field, built-ins first."""
    rows = [
        (f"builtin-{setting.field}", setting.get_field_display(), setting, _("Built-in"))
        for setting in BuiltinFieldSetting.objects.all()
    ]
    rows += [
        (f"custom-{field.pk}", field.label(), field, field.get_field_type_display())
        for field in CustomField.objects.order_by("order", "id")
    ]
    return rows


class MatrixForm(forms.Form):
    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for prefix, _label, obj, _kind in rows:
            self.fields[f"{prefix}-visibility"] = forms.ChoiceField(
                choices=Visibility.choices, initial=obj.visibility, label=_("Portal visibility")
            )
            self.fields[f"{prefix}-required"] = forms.BooleanField(
                required=False, initial=obj.required, label=_("Required")
            )

    def table(self):
        return [
            {
                "label": label,
                "kind": kind,
                "inactive": not getattr(obj, "is_active", True),
                "visibility": self[f"{prefix}-visibility"],
                "required": self[f"{prefix}-required"],
            }
            for prefix, label, obj, kind in self.rows
        ]

    def save(self):
        """Apply and save every changed row; ValidationError names the refused rows."""
        changed, errors = [], []
        for prefix, label, obj, _kind in self.rows:
            visibility = self.cleaned_data[f"{prefix}-visibility"]
            required = self.cleaned_data[f"{prefix}-required"]
            if (obj.visibility, obj.required) == (visibility, required):
                continue
            obj.visibility, obj.required = visibility, required
            try:
                obj.full_clean()
            except ValidationError as error:
                errors += [f"{label}: {message}" for message in error.messages]
            changed.append(obj)
        if errors:
            raise ValidationError(errors)
        with transaction.atomic():
            for obj in changed:
                obj.save(update_fields=["visibility", "required"])
        return changed


class VisibilityMatrixView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "helpdesk/admin/visibility_matrix.html"
    page_title = gettext_lazy("Portal visibility")
    header_icon = "view"

    def dispatch(self, request, *args, **kwargs):
        if not may_edit_matrix(request.user):
            raise PermissionDenied
        self.form = MatrixForm(request.POST or None, rows=matrix_rows())
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, table=self.form.table(), **kwargs)

    def post(self, request, *args, **kwargs):
        if self.form.is_valid():
            try:
                changed = self.form.save()
            except ValidationError as error:
                self.form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Portal visibility saved (%(count)d changed).") % {"count": len(changed)},
                )
                return redirect(request.path)
        return self.render_to_response(self.get_context_data(), status=400)


class VisibilityMatrixViewSet(ViewSet):
    name = "helpdesk_visibility"
    url_prefix = "helpdesk/visibility"
    icon = "view"
    menu_label = gettext_lazy("Portal visibility")
    menu_order = 390

    def get_urlpatterns(self):
        return [path("", VisibilityMatrixView.as_view(), name="index")]

    @property
    def menu_url(self):
        return reverse(self.get_url_name("index"))

    @property
    def menu_item_class(self):
        class MatrixMenuItem(MenuItem):
            def is_shown(self, request):
                return may_edit_matrix(request.user)

        return MatrixMenuItem
