import pytest
from django.core.exceptions import ValidationError

from helpdesk.models import BuiltinFieldSetting, CustomField, PortalSettings, TicketType
from helpdesk.tickets.field_schema import field_schema_for
from tests.factories import CustomFieldFactory

pytestmark = pytest.mark.django_db


def test_custom_field_created_in_the_database_appears_with_no_code_change(a1):
    assert field_schema_for(a1).get("asset_tag") is None
    CustomField.objects.create(
        key="asset_tag", labels={"en": "Asset tag", "de": "Inventarnummer"}, visibility="editable"
    )
    spec = field_schema_for(a1, language="de").get("asset_tag")
    assert spec is not None and spec.editable and spec.label == "Inventarnummer"
    assert spec.param == "cf_asset_tag"


def test_custom_field_set_to_hidden_disappears(a1):
    field = CustomFieldFactory(key="asset_tag", visibility="editable")
    assert field_schema_for(a1).get("asset_tag").visible
    field.visibility = "hidden"
    field.save()
    assert not field_schema_for(a1).get("asset_tag").visible
    assert "asset_tag" not in [spec.key for spec in field_schema_for(a1).visible()]


def test_builtin_visibility_follows_its_setting(a1):
    BuiltinFieldSetting.objects.filter(field="impact").update(visibility="hidden")
    # .update() sends no signal: saving through the model (as the admin does) clears the cache.
    BuiltinFieldSetting.objects.get(field="impact").save()
    assert not field_schema_for(a1).get("impact").visible


def test_technicians_see_every_field_editable(tech):
    CustomFieldFactory(key="internal_code", visibility="hidden")
    schema = field_schema_for(tech)
    assert all(spec.editable for spec in schema.fields)
    assert schema.get("internal_code") is not None


def test_lookup_labels_follow_the_language(a1):
    labels = {c.code: c.label for c in field_schema_for(a1, language="fr").get("priority").choices}
    assert labels == {"low": "Basse", "medium": "Moyenne", "high": "Haute", "critical": "Critique"}


def test_ticket_types_are_limited_to_the_customers(a1, acme):
    acme.allowed_ticket_types.set(TicketType.objects.filter(code__in=["request", "change"]))
    codes = [c.code for c in field_schema_for(a1).get("type").choices]
    assert codes == ["request", "change"]


def test_portal_default_types_apply_when_the_customer_has_none(a1, portal):
    settings = PortalSettings.for_site(portal)
    settings.default_ticket_types.set(TicketType.objects.filter(code="request"))
    assert [c.code for c in field_schema_for(a1).get("type").choices] == ["request"]


@pytest.mark.parametrize(
    ("field_type", "options", "good", "stored", "bad"),
    [
        ("text", [], "  A-123 ", "A-123", ["x" * 256, {"a": 1}]),
        ("long_text", [], "many\nlines", "many\nlines", ["x" * 10_001]),
        ("number", [], "3,5", 3.5, ["three", "nan", "inf", True]),
        ("date", [], "2026-11-27", "2026-11-27", ["27.11.2026", "2026-02-30"]),
        ("dropdown", [{"code": "eu"}, {"code": "us"}], "eu", "eu", ["asia", ["eu"]]),
        ("multi_select", [{"code": "a"}, {"code": "b"}], ["b", "a", "b"], ["a", "b"], [["c"], 5]),
        ("checkbox", [], "on", True, ["maybe"]),
    ],
)
def test_custom_values_are_validated_by_type(field_type, options, good, stored, bad):
    field = CustomField(key="f", field_type=field_type, options=options)
    assert field.clean_value(good) == stored
    for value in bad:
        with pytest.raises(ValidationError):
            field.clean_value(value)


def test_a_dropdown_needs_unique_option_codes_and_a_valid_default():
    field = CustomField(
        key="region", field_type="dropdown", options=[{"code": "eu"}, {"code": "eu"}]
    )
    with pytest.raises(ValidationError) as error:
        field.full_clean()
    assert "options" in error.value.message_dict
    field = CustomField(
        key="region", field_type="dropdown", options=[{"code": "eu"}], default="us", labels={}
    )
    with pytest.raises(ValidationError) as error:
        field.full_clean()
    assert "default" in error.value.message_dict


def test_C07_open_closed_filter_is_refused_when_the_status_is_hidden(a1):
    from django.http import QueryDict

    from helpdesk.models import BuiltinFieldSetting
    from helpdesk.tickets.query import QueryError, filter_tickets
    from helpdesk.tickets.selectors import tickets_visible_to

    setting = BuiltinFieldSetting.objects.get(field="status")
    setting.visibility = "hidden"
    setting.save()
    with pytest.raises(QueryError) as error:
        filter_tickets(
            tickets_visible_to(a1),
            schema=field_schema_for(a1),
            params=QueryDict("open=true"),
            user=a1,
        )
    assert "open" in error.value.message_dict
