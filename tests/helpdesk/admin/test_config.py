"""Helpdesk managers configure fields and lookups in the admin; the field schema follows
(issue 3, "Done when": a manager changes a field's mode through the admin form)."""

import json

import pytest
from django.urls import reverse

from helpdesk.models import BuiltinFieldSetting, CustomField, Priority
from helpdesk.tickets.field_schema import field_schema_for
from tests.factories import CustomFieldFactory

pytestmark = pytest.mark.django_db


def custom_field_form(field, **changes):
    data = {
        "key": field.key,
        "labels": json.dumps(field.labels),
        "field_type": field.field_type,
        "options": json.dumps(field.options),
        "visibility": field.visibility,
        "default": json.dumps(field.default),
        "is_active": "on" if field.is_active else "",
    }
    if field.required:
        data["required"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


@pytest.fixture
def asset_tag(db):
    return CustomFieldFactory(
        key="asset_tag", labels={"en": "Asset tag", "de": "Inventarnummer"}, visibility="editable"
    )


def edit_url(viewset, pk):
    return reverse(f"{viewset}:edit", args=[pk])


def test_manager_hides_a_custom_field_and_the_contact_schema_follows(
    manager_client, asset_tag, alice
):
    assert field_schema_for(alice).get("asset_tag").editable

    response = manager_client.post(
        edit_url("helpdesk_custom_fields", asset_tag.pk),
        custom_field_form(asset_tag, visibility="view_only"),
    )
    assert response.status_code == 302
    asset_tag.refresh_from_db()
    assert asset_tag.visibility == "view_only"
    spec = field_schema_for(alice).get("asset_tag")
    assert spec.visible and not spec.editable

    response = manager_client.post(
        edit_url("helpdesk_custom_fields", asset_tag.pk),
        custom_field_form(asset_tag, visibility="hidden"),
    )
    assert response.status_code == 302
    assert CustomField.objects.get(pk=asset_tag.pk).visibility == "hidden"
    assert not field_schema_for(alice).get("asset_tag").visible
    assert "asset_tag" not in {spec.key for spec in field_schema_for(alice).visible()}


def test_manager_changes_a_built_in_fields_visibility(manager_client, alice):
    setting = BuiltinFieldSetting.objects.get(field="priority")
    response = manager_client.post(
        edit_url("helpdesk_field_visibility", setting.pk),
        {"visibility": "hidden", "default_code": ""},
    )
    assert response.status_code == 302
    assert BuiltinFieldSetting.objects.get(field="priority").visibility == "hidden"
    assert not field_schema_for(alice).get("priority").visible


def test_built_in_default_must_be_an_active_code(manager_client):
    setting = BuiltinFieldSetting.objects.get(field="priority")
    before = setting.default_code
    response = manager_client.post(
        edit_url("helpdesk_field_visibility", setting.pk),
        {"visibility": "editable", "default_code": "no-such-priority"},
    )
    assert response.status_code == 200
    assert "default_code" in response.context["form"].errors
    assert BuiltinFieldSetting.objects.get(field="priority").default_code == before


def test_built_in_settings_cannot_be_added_or_deleted(manager_client):
    assert manager_client.get("/admin/helpdesk/field-visibility/new/").status_code == 404
    setting = BuiltinFieldSetting.objects.first()
    url = f"/admin/helpdesk/field-visibility/delete/{setting.pk}/"
    assert manager_client.get(url).status_code == 404


@pytest.mark.parametrize(
    "labels, message",
    [
        ('{"xx": "High"}', "Unknown language code"),
        ('{"en": "  "}', "must be non-empty text"),
        ('{"en": 3}', "must be non-empty text"),
        ('["High"]', "JSON object"),
        ("{}", "required"),
    ],
)
def test_lookup_labels_are_validated(manager_client, labels, message):
    high = Priority.objects.get(code="high")
    before = dict(high.labels)
    response = manager_client.post(
        edit_url("helpdesk_priorities", high.pk),
        {"code": "high", "labels": labels, "is_active": "on"},
    )
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["labels"])
    high.refresh_from_db()
    assert high.labels == before


def test_lookup_labels_are_saved_trimmed(manager_client):
    high = Priority.objects.get(code="high")
    response = manager_client.post(
        edit_url("helpdesk_priorities", high.pk),
        {"code": "high", "labels": '{"en": " Urgent ", "de": "Dringend"}', "is_active": "on"},
    )
    assert response.status_code == 302
    high.refresh_from_db()
    assert high.labels == {"en": "Urgent", "de": "Dringend"}


def test_custom_field_option_labels_are_validated(manager_client):
    response = manager_client.post(
        reverse("helpdesk_custom_fields:add"),
        {
            "key": "region",
            "labels": '{"en": "Region"}',
            "field_type": "dropdown",
            "options": '[{"code": "eu", "labels": {"klingon": "Europe"}}]',
            "visibility": "editable",
            "default": "null",
            "is_active": "on",
        },
    )
    assert response.status_code == 200
    assert "options" in response.context["form"].errors
    assert not CustomField.objects.filter(key="region").exists()


def test_manager_adds_a_dropdown_with_a_default(manager_client, alice):
    response = manager_client.post(
        reverse("helpdesk_custom_fields:add"),
        {
            "key": "region",
            "labels": '{"en": "Region", "fr": "Région"}',
            "field_type": "dropdown",
            "options": '[{"code": "eu", "labels": {"en": "Europe"}}, {"code": "us"}]',
            "visibility": "editable",
            "required": "on",
            "default": '"eu"',
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    field = CustomField.objects.get(key="region")
    assert (field.required, field.default, field.option_codes()) == (True, "eu", ["eu", "us"])
    spec = field_schema_for(alice, language="fr").get("region")
    assert (spec.label, spec.default, spec.required) == ("Région", "eu", True)


def test_technicians_cannot_change_configuration(tech_client, asset_tag):
    response = tech_client.post(
        edit_url("helpdesk_custom_fields", asset_tag.pk),
        custom_field_form(asset_tag, visibility="hidden"),
    )
    assert response.status_code in {302, 403}
    assert CustomField.objects.get(pk=asset_tag.pk).visibility == "editable"


def test_customer_allowed_ticket_types_are_edited(manager_client, acme):
    from helpdesk.models import TicketType

    request_type = TicketType.objects.get(code="request")
    response = manager_client.post(
        edit_url("helpdesk_customers", acme.pk),
        {
            "name": "Acme Corp",
            "portal": acme.portal_id,
            "allowed_ticket_types": [request_type.pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert list(acme.allowed_ticket_types.all()) == [request_type]


@pytest.mark.parametrize(
    "url",
    [
        "/admin/helpdesk/customers/",
        "/admin/helpdesk/contacts/",
        "/admin/helpdesk/statuses/",
        "/admin/helpdesk/priorities/",
        "/admin/helpdesk/types/",
        "/admin/helpdesk/impacts/",
        "/admin/helpdesk/product-families/",
        "/admin/helpdesk/custom-fields/",
        "/admin/helpdesk/field-visibility/",
    ],
)
def test_every_configuration_list_renders_for_a_manager(manager_client, alice, url):
    assert manager_client.get(url).status_code == 200


MATRIX_URL = "/admin/helpdesk/visibility/"


def matrix_form(client):
    """The matrix as currently shown: {input name: value} of every row."""
    form = client.get(MATRIX_URL).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name.endswith("-required"):
            if value:
                data[name] = "on"
        else:
            data[name] = value
    return data


def test_visibility_matrix_saves_built_in_and_custom_rows(manager_client, asset_tag, alice):
    data = matrix_form(manager_client)
    data["builtin-impact-visibility"] = "editable"
    data[f"custom-{asset_tag.pk}-visibility"] = "hidden"
    data[f"custom-{asset_tag.pk}-required"] = "on"

    response = manager_client.post(MATRIX_URL, data)

    assert response.status_code == 302
    assert BuiltinFieldSetting.objects.get(field="impact").visibility == "editable"
    asset_tag.refresh_from_db()
    assert (asset_tag.visibility, asset_tag.required) == ("hidden", True)
    schema = field_schema_for(alice)
    assert schema.get("impact").editable
    assert not schema.get("asset_tag").visible


def test_visibility_matrix_refuses_a_required_status_and_saves_nothing(manager_client, asset_tag):
    data = matrix_form(manager_client)
    data["builtin-status-required"] = "on"
    data[f"custom-{asset_tag.pk}-visibility"] = "hidden"

    response = manager_client.post(MATRIX_URL, data)

    assert response.status_code == 400
    assert response.context["form"].non_field_errors()
    assert not BuiltinFieldSetting.objects.get(field="status").required
    assert CustomField.objects.get(pk=asset_tag.pk).visibility == "editable"


def test_visibility_matrix_is_for_managers_only(tech_client, asset_tag):
    response = tech_client.post(MATRIX_URL, {f"custom-{asset_tag.pk}-visibility": "hidden"})
    assert response.status_code in {302, 403}
    assert CustomField.objects.get(pk=asset_tag.pk).visibility == "editable"
