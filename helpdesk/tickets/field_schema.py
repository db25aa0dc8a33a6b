"""The field schema: which ticket fields a user sees and may change, with choices and defaults.

`field_schema_for(user)` is the one answer to "which fields?" (DESIGN rules 1 and 3). Portal
forms, API serializers, filters, the CSV export and templates are all built from it. The raw
configuration and each schema are cached per PORTAL_CONFIG version (helpdesk.models.versions),
which every save of a look-up, field setting, custom field, customer or portal setting moves on."""

from dataclasses import dataclass, field

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from cms.core.versioned_cache import cached

from ..core.permissions import active_contact, is_technician
from ..models import (
    BuiltinField,
    BuiltinFieldSetting,
    CustomField,
    Impact,
    PortalSettings,
    Priority,
    ProductFamily,
    Status,
    TicketType,
    Visibility,
)
from ..models.lookups import label_in
from ..models.versions import PORTAL_CONFIG

LOOKUP_MODELS = {
    BuiltinField.STATUS: Status,
    BuiltinField.PRIORITY: Priority,
    BuiltinField.TYPE: TicketType,
    BuiltinField.IMPACT: Impact,
    BuiltinField.PRODUCT_FAMILY: ProductFamily,
}
BUILTIN_LABELS = {
    BuiltinField.STATUS: _("Status"),
    BuiltinField.PRIORITY: _("Priority"),
    BuiltinField.TYPE: _("Type"),
    BuiltinField.IMPACT: _("Impact"),
    BuiltinField.PRODUCT_FAMILY: _("Product family"),
}
CUSTOM_PREFIX = "cf_"


@dataclass(frozen=True)
class Choice:
    code: str
    label: str
    id: int | None = None  # the lookup row, for built-in fields


@dataclass(frozen=True)
class FieldSpec:
    key: str  # "status" … "product_family", or a custom field's key
    label: str
    type: str  # "lookup" for built-ins, else a CustomFieldType value
    visibility: str
    required: bool
    default: object = None  # a lookup code, or a custom field's stored value
    choices: tuple[Choice, ...] = ()
    is_custom: bool = False

    @property
    def visible(self):
        return self.visibility != Visibility.HIDDEN

    @property
    def editable(self):
        return self.visibility == Visibility.EDITABLE

    @property
    def param(self):
        """Its name in query strings and forms: built-ins as they are, custom as cf_<key>."""
        return f"{CUSTOM_PREFIX}{self.key}" if self.is_custom else self.key

    def choice(self, code):
        return next((c for c in self.choices if c.code == code), None)

    def choice_label(self, code):
        found = self.choice(code)
        return found.label if found else code


@dataclass(frozen=True)
class FieldSchema:
    fields: tuple[FieldSpec, ...]
    staff: bool = False
    by_key: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self):
        self.by_key.update({spec.key: spec for spec in self.fields})

    def get(self, key):
        return self.by_key.get(key)

    def visible(self):
        return [spec for spec in self.fields if spec.visible]

    def editable(self):
        return [spec for spec in self.fields if spec.editable]

    def builtin(self):
        return [spec for spec in self.fields if not spec.is_custom]

    def custom(self):
        return [spec for spec in self.fields if spec.is_custom]


def _load_config():
    """Everything the schema needs from the database, in plain data (cacheable)."""
    settings = {row.field: row for row in BuiltinFieldSetting.objects.all()}
    config = {"builtin": [], "custom": []}
    for key in BuiltinField.values:
        row = settings.get(key)
        lookups = [
            {"id": item.id, "code": item.code, "labels": item.labels, "active": item.is_active}
            for item in LOOKUP_MODELS[key].objects.order_by("order", "id")
        ]
        config["builtin"].append(
            {
                "key": key,
                "visibility": row.visibility if row else Visibility.HIDDEN,
                "required": bool(row and row.required),
                "default": (row.default_code if row else "") or None,
                "lookups": lookups,
            }
        )
    for custom in CustomField.objects.filter(is_active=True).order_by("order", "id"):
        config["custom"].append(
            {
                "key": custom.key,
                "labels": custom.labels,
                "type": custom.field_type,
                "options": custom.options or [],
                "visibility": custom.visibility,
                "required": custom.required,
                "default": custom.default,
            }
        )
    return config


def field_config():
    return cached(PORTAL_CONFIG, ("field-config",), _load_config)


def allowed_type_ids(customer):
    """Ticket types the customer may use: its own list, else its portal's default, else all.
    Cached per customer until a customer, portal setting or ticket type changes (two queries
    on every portal page and API call otherwise)."""
    parts = ("allowed-types", customer.pk, customer.portal_id)
    return cached(PORTAL_CONFIG, parts, lambda: _allowed_type_ids(customer))


def _allowed_type_ids(customer):
    own = list(customer.allowed_ticket_types.values_list("id", flat=True))
    if own:
        return set(own)
    portal_defaults = PortalSettings.objects.filter(site_id=customer.portal_id).values_list(
        "default_ticket_types", flat=True
    )
    defaults = {type_id for type_id in portal_defaults if type_id is not None}
    return defaults or None  # None: every active type


def field_schema_for(user, *, language=None, customer=None):
    """The schema as `user` sees it. Technicians see and edit every field; contacts get the
    portal visibility, and only the ticket types their customer may use.

    `customer` overrides the contact's own customer (a technician filing for a customer)."""
    staff = is_technician(user)
    if customer is None and not staff:
        contact = active_contact(user)
        customer = contact.customer if contact else None
    # Built once per PORTAL_CONFIG version (any field setting, look-up, custom field, customer
    # or portal setting moves it on): every portal page and API call asks for it.
    # The built-in labels follow the active language, the look-up labels `language`.
    parts = ("field-schema", staff, customer.pk if customer else None, language, get_language())
    return cached(PORTAL_CONFIG, parts, lambda: _build_schema(staff, customer, language))


def _build_schema(staff, customer, language):
    type_ids = allowed_type_ids(customer) if customer is not None else None
    config = field_config()
    specs = []
    for item in config["builtin"]:
        choices = tuple(
            Choice(
                code=row["code"], label=label_in(row["labels"], language, row["code"]), id=row["id"]
            )
            for row in item["lookups"]
            if row["active"]
            and (item["key"] != BuiltinField.TYPE or type_ids is None or row["id"] in type_ids)
        )
        default = item["default"] if any(c.code == item["default"] for c in choices) else None
        specs.append(
            FieldSpec(
                key=item["key"],
                label=str(BUILTIN_LABELS[item["key"]]),
                type="lookup",
                visibility=Visibility.EDITABLE if staff else item["visibility"],
                required=item["required"] and not staff,
                default=default,
                choices=choices,
            )
        )
    for item in config["custom"]:
        specs.append(
            FieldSpec(
                key=item["key"],
                label=label_in(item["labels"], language, item["key"]),
                type=item["type"],
                visibility=Visibility.EDITABLE if staff else item["visibility"],
                required=item["required"] and not staff,
                default=item["default"],
                choices=tuple(
                    Choice(
                        code=o["code"], label=label_in(o.get("labels") or {}, language, o["code"])
                    )
                    for o in item["options"]
                ),
                is_custom=True,
            )
        )
    return FieldSchema(fields=tuple(specs), staff=staff)
