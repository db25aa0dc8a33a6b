"""KB documents live in the private storage and leave only through the checked download
(SECURITY C-27): an Acme-only article's attachment is refused to Globex whichever language's
page links it, and every download is an attachment with a sandbox policy."""

from pathlib import Path

import pytest
from django.conf import settings
from wagtail.documents import get_document_model

from kb.models import KBDocument

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "de", "it")
SECRET = "kb/network/acme-gateways/acme-gateway-addresses/"


def test_kb_documents_are_the_private_document_model(kb):
    assert get_document_model() is KBDocument
    path = Path(kb.document.file.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_STORAGE_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    with pytest.raises(NotImplementedError):
        kb.document.file.url  # noqa: B018 - no direct URL exists
    assert kb.document.url == f"/documents/{kb.document.pk}/{kb.document.filename}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_C27_the_attachment_linked_from_each_language_is_404_for_globex(
    client, kb, acme_user, globex_user, language
):
    client.force_login(acme_user)
    html = client.get(f"/{language}/{SECRET}").content.decode()
    assert f'href="{kb.document.url}"' in html
    client.force_login(globex_user)
    assert client.get(f"/{language}/{SECRET}").status_code == 404
    assert client.get(kb.document.url).status_code == 404


def test_an_allowed_download_is_a_sandboxed_private_attachment(client, kb, acme_user):
    client.force_login(acme_user)
    response = client.get(kb.document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_editor_uploads_a_document_into_the_private_storage(admin_client, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("guide.pdf", b"%PDF-1.4 uploaded", "application/pdf")
    response = admin_client.post(
        "/admin/documents/multiple/add/", {"files[]": upload, "title": "guide.pdf"}
    )
    assert response.status_code == 200, response.content[:300]
    document = KBDocument.objects.get()
    assert Path(document.file.path).read_bytes() == b"%PDF-1.4 uploaded"
    assert admin_client.get(f"/admin/documents/edit/{document.pk}/").status_code == 200
