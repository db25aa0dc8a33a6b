"""Admin viewsets for the helpdesk configuration (customers, contacts, lookups, custom fields,
the portal-visibility matrix). Model permissions decide who sees them: Helpdesk managers
change everything; Technicians may look at customers and contacts."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.viewsets.model import ModelViewSet

from ..models import (
    BuiltinFieldSetting,
    Contact,
    Customer,
    CustomField,
    Impact,
    Priority,
    ProductFamily,
    Status,
    TicketType,
)
from .config_forms import BuiltinFieldSettingForm, CustomFieldForm, LabelsForm
from .welcome import ContactEditView, ContactIndexView, CustomerEditView


class ConfigViewSet(ModelViewSet):
    """Common ground: no copy view, and list relations fetched in the listing's one query."""

    copy_view_enabled = False
    list_select_related = []

    def get_index_view_kwargs(self, **kwargs):
        queryset = self.model._default_manager.select_related(*self.list_select_related)
        return super().get_index_view_kwargs(queryset=queryset, **kwargs)


def labels_json(panel_field="labels"):
    return FieldPanel(panel_field, widget=forms.Textarea(attrs={"rows": 4}))


class CustomerViewSet(ConfigViewSet):
    model = Customer
    name = "helpdesk_customers"
    url_prefix = "helpdesk/customers"
    icon = "group"
    menu_order = 200
    list_display = ["name", "portal", BooleanColumn("is_active", label=_("Active"))]
    list_filter = ["portal", "is_active"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("portal"),
        FieldPanel("allowed_ticket_types", widget=forms.CheckboxSelectMultiple),
        FieldPanel("is_active"),
    ]

    list_select_related = ["portal"]
    edit_view_class = CustomerEditView  # adds "Send welcome e-mail to all contacts"


class ContactViewSet(ConfigViewSet):
    model = Contact
    name = "helpdesk_contacts"
    url_prefix = "helpdesk/contacts"
    icon = "user"
    menu_order = 210
    list_display = [
        "user",
        Column("email", accessor="user.email", label=_("E-mail address")),
        "customer",
        BooleanColumn("is_main_contact", label=_("Main contact")),
        BooleanColumn("portal_access", label=_("Portal access")),
    ]
    list_filter = ["customer", "is_main_contact", "portal_access"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    panels = [
        FieldPanel("user"),
        FieldPanel("customer"),
        FieldRowPanel([FieldPanel("job_title"), FieldPanel("phone")]),
        FieldPanel("is_main_contact"),
        FieldPanel("portal_access"),
    ]

    list_select_related = ["user", "customer"]
    edit_view_class = ContactEditView  # adds "Send welcome e-mail"
    index_view_class = ContactIndexView  # tick boxes for the "Send welcome e-mail" bulk action


class LookupViewSet(ConfigViewSet):
    """Status, priority, type, impact, product family: ordered values with labels per
    language. Drag-and-drop reordering uses `order`."""

    icon = "list-ol"
    sort_order_field = "order"
    list_display = ["__str__", "code", BooleanColumn("is_active", label=_("Active"))]
    search_fields = ["code"]
    panels = [
        FieldPanel("code"),
        labels_json(),
        FieldPanel("is_active"),
    ]

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=LabelsForm).bind_to_model(self.model)


class StatusViewSet(LookupViewSet):
    model = Status
    name = "helpdesk_statuses"
    url_prefix = "helpdesk/statuses"
    menu_order = 300
    list_display = [*LookupViewSet.list_display, "category"]
    panels = [FieldPanel("code"), labels_json(), FieldPanel("category"), FieldPanel("is_active")]


def lookup_viewset(lookup_model, slug, order):
    return type(
        f"{lookup_model.__name__}ViewSet",
        (LookupViewSet,),
        {
            "model": lookup_model,
            "name": f"helpdesk_{slug}",
            "url_prefix": f"helpdesk/{slug}",
            "menu_order": order,
        },
    )


PriorityViewSet = lookup_viewset(Priority, "priorities", 310)
TicketTypeViewSet = lookup_viewset(TicketType, "types", 320)
ImpactViewSet = lookup_viewset(Impact, "impacts", 330)
ProductFamilyViewSet = lookup_viewset(ProductFamily, "product-families", 340)


class CustomFieldViewSet(ConfigViewSet):
    model = CustomField
    name = "helpdesk_custom_fields"
    url_prefix = "helpdesk/custom-fields"
    icon = "form"
    menu_order = 400
    sort_order_field = "order"
    list_display = [
        "__str__",
        "key",
        "field_type",
        "visibility",
        BooleanColumn("required", label=_("Required")),
        BooleanColumn("is_active", label=_("Active")),
    ]
    list_filter = ["field_type", "visibility", "is_active"]
    search_fields = ["key"]

    def get_edit_handler(self):
        return ObjectList(
            [
                FieldPanel("key"),
                labels_json(),
                FieldPanel("field_type"),
                FieldPanel("options", widget=forms.Textarea(attrs={"rows": 4})),
                MultiFieldPanel(
                    [FieldPanel("visibility"), FieldPanel("required"), FieldPanel("default")],
                    heading=_("Portal visibility"),
                ),
                FieldPanel("is_active"),
            ],
            base_form_class=CustomFieldForm,
        ).bind_to_model(self.model)


class BuiltinFieldSettingViewSet(ConfigViewSet):
    """The built-in half of the visibility matrix: one row per built-in field, created by a
    migration, so rows are edited, never added or deleted here."""

    model = BuiltinFieldSetting
    name = "helpdesk_field_visibility"
    url_prefix = "helpdesk/field-visibility"
    icon = "view"
    menu_label = _("Built-in field visibility")
    menu_order = 410
    list_display = [
        "__str__",
        "visibility",
        BooleanColumn("required", label=_("Required")),
        "default_code",
    ]
    panels = [FieldPanel("visibility"), FieldPanel("required"), FieldPanel("default_code")]

    def get_urlpatterns(self):
        return [
            pattern
            for pattern in super().get_urlpatterns()
            if pattern.name in {"index", "index_results", "edit"}
        ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def get_edit_handler(self):
        return ObjectList(self.panels, base_form_class=BuiltinFieldSettingForm).bind_to_model(
            self.model
        )
