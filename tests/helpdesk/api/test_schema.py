"""The OpenAPI schema: valid, warning-free, and it documents every operation with its error
responses (drf-spectacular)."""

import pytest
import yaml
from django.core.management import call_command

pytestmark = pytest.mark.django_db

OPERATIONS = {
    ("/api/v1/auth/token/", "post"),
    ("/api/v1/me/", "get"),
    ("/api/v1/me/", "patch"),
    ("/api/v1/ticket-fields/", "get"),
    ("/api/v1/tickets/", "get"),
    ("/api/v1/tickets/", "post"),
    ("/api/v1/tickets/{number}/", "get"),
    ("/api/v1/tickets/{number}/", "patch"),
    ("/api/v1/tickets/{number}/close/", "post"),
    ("/api/v1/tickets/{number}/reopen/", "post"),
    ("/api/v1/tickets/{number}/replies/", "get"),
    ("/api/v1/tickets/{number}/replies/", "post"),
    ("/api/v1/attachments/{id}/", "get"),
    ("/api/v1/kb/articles/", "get"),
    ("/api/v1/kb/articles/{id}/", "get"),
    ("/api/v1/kb/articles/{id}/rating/", "post"),
}


@pytest.fixture
def document(tmp_path):
    target = tmp_path / "schema.yaml"
    # --fail-on-warn turns every drf-spectacular warning (an undocumented shape) into a failure.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    return yaml.safe_load(target.read_text())


def test_the_schema_validates_and_lists_every_operation(document):
    found = {(path, method) for path, item in document["paths"].items() for method in item}
    assert found == OPERATIONS


def test_every_operation_documents_its_errors_in_the_error_shape(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            codes = set(operation["responses"])
            assert {"400", "429"} <= codes or method == "get", (path, method)
            if path != "/api/v1/auth/token/":
                assert "401" in codes, (path, method)
            if "{" in path:
                assert "404" in codes, (path, method)
            for code, response in operation["responses"].items():
                if code.startswith("4"):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/Error"}


def test_create_and_reply_take_json_and_multipart_with_files(document):
    for path in ("/api/v1/tickets/", "/api/v1/tickets/{number}/replies/"):
        content = document["paths"][path]["post"]["requestBody"]["content"]
        assert set(content) == {"application/json", "multipart/form-data"}
        multipart = content["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]
        files = document["components"]["schemas"][multipart]["properties"]["files"]
        assert files["items"] == {"type": "string", "format": "binary"}
