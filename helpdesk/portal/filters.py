"""The list's filter panel, generated from the visible field schema (DESIGN rule 3).

A plain GET form: every control's name is the query parameter `helpdesk.tickets.query`
understands, so the panel, the URL, the list and the CSV export share one vocabulary.
Hidden fields get no control (and the query refuses them when typed into the URL)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Contact, CustomFieldType

# Custom field types with a control in the panel (free text is covered by the search box).
FILTERABLE_TYPES = {
    "lookup",
    CustomFieldType.DROPDOWN,
    CustomFieldType.MULTI_SELECT,
    CustomFieldType.CHECKBOX,
    CustomFieldType.DATE,
    CustomFieldType.NUMBER,
}
SORT_CHOICES = (
    ("-updated", _("Last update, newest first")),
    ("updated", _("Last update, oldest first")),
    ("-created", _("Created, newest first")),
    ("created", _("Created, oldest first")),
    ("-number", _("Number, highest first")),
    ("number", _("Number, lowest first")),
    ("-priority", _("Priority, highest first")),
    ("priority", _("Priority, lowest first")),
)
YES_NO = (("", _("Any")), ("true", _("Yes")), ("false", _("No")))
OPEN_CHOICES = (("", _("Any")), ("true", _("Open tickets")), ("false", _("Closed tickets")))


class Group:
    """A labelled set of controls (a fieldset in the template)."""

    def __init__(self, label, fields, kind="choices"):
        self.label, self.fields, self.kind = label, fields, kind


class FilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Number, title, text")}),
    )

    def __init__(self, data, *, schema, contact, **kwargs):
        super().__init__(data, auto_id="filter-%s", **kwargs)
        self.groups = []
        for spec in schema.visible():
            if spec.type not in FILTERABLE_TYPES:
                continue
            self._add_spec(spec)
        self.fields["open"] = forms.ChoiceField(
            label=_("Open or closed"), choices=OPEN_CHOICES, required=False
        )
        self.groups.append(Group(_("Open or closed"), [self["open"]], kind="single"))
        if contact.is_main_contact:
            people = (
                Contact.objects.filter(customer_id=contact.customer_id)
                .select_related("user")
                .order_by("user__first_name", "user__last_name", "user__email")
            )
            choices = [("", _("Anyone"))] + [
                (str(c.user_id), c.user.get_full_name() or c.user.email) for c in people
            ]
            self.fields["requester"] = forms.ChoiceField(
                label=_("Requester"), choices=choices, required=False
            )
            self.groups.append(Group(_("Requester"), [self["requester"]], kind="single"))
        self._add_range("created", _("Created"), "date")
        sort_choices = [
            (value, label)
            for value, label in SORT_CHOICES
            if "priority" not in value or schema.get("priority").visible
        ]
        self.fields["sort"] = forms.ChoiceField(
            label=_("Sort by"), choices=sort_choices, required=False
        )

    def _add_spec(self, spec):
        name = spec.param
        if spec.type in ("lookup", CustomFieldType.DROPDOWN, CustomFieldType.MULTI_SELECT):
            self.fields[name] = forms.MultipleChoiceField(
                label=spec.label,
                required=False,
                choices=[(c.code, c.label) for c in spec.choices],
                widget=forms.CheckboxSelectMultiple,
            )
            self.groups.append(Group(spec.label, [self[name]]))
        elif spec.type == CustomFieldType.CHECKBOX:
            self.fields[name] = forms.ChoiceField(label=spec.label, choices=YES_NO, required=False)
            self.groups.append(Group(spec.label, [self[name]], kind="single"))
        else:
            kind = "date" if spec.type == CustomFieldType.DATE else "number"
            self._add_range(name, spec.label, kind)

    def _add_range(self, name, label, kind):
        widget = (
            forms.DateInput(attrs={"type": "date"})
            if kind == "date"
            else forms.NumberInput(attrs={"step": "any"})
        )
        bounds = []
        for suffix, bound_label in (("_from", _("From")), ("_to", _("To"))):
            self.fields[name + suffix] = forms.CharField(
                label=bound_label, required=False, widget=widget
            )
            bounds.append(self[name + suffix])
        self.groups.append(Group(label, bounds, kind="range"))


def active_filter_count(params):
    """How many filters the URL applies (the panel opens when any is). Needs no form: the list
    builds its form only when the cached panel has to be rendered again."""
    ignored = {"q", "sort", "cursor", "scope"}
    return sum(1 for name in params if name not in ignored and any(params.getlist(name)))
