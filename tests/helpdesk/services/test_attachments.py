import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages

from helpdesk.models import Attachment, PortalSettings
from helpdesk.services import attachment_add
from helpdesk.services.attachments import sanitise_name, validate_upload
from tests.factories import TicketFactory

from .files import PDF, pdf, png, png_bytes, text, upload

pytestmark = pytest.mark.django_db
MB = 1024 * 1024

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="5"/></svg>'
HTML = b"<!DOCTYPE html><html><script>alert(1)</script></html>"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.png", HTML),  # HTML renamed .png
        ("invoice.pdf", EXE),  # a Windows executable renamed .pdf
        ("logo.svg", SVG),  # SVG with onload
        ("x.html.", HTML),  # trailing dot
        ("x.ht\u200baccess", b"deny from all"),  # zero-width space in the extension
        ("x\u202egpj.html", HTML),  # right-to-left override
        ("../../x.py", b"print('hi')"),  # path and script
        ("notes.txt", b"<script>alert(1)</script>"),  # markup disguised as text
        ("photo.png", PDF),  # a PDF renamed .png
        ("empty.txt", b""),  # zero bytes
    ],
)
def test_C18_dangerous_files_are_refused(name, content):
    with pytest.raises(ValidationError):
        validate_upload(upload(name, content), max_bytes=10 * MB)


def test_C18_an_oversize_file_is_refused_before_it_is_read():
    big = upload("big.txt", b"x")
    big.size = 11 * MB  # the size Django reports; nothing this large is in memory
    with pytest.raises(ValidationError) as error:
        validate_upload(big, max_bytes=10 * MB)
    assert "10 MB" in error.value.messages[0]


def test_C21_a_pixel_flood_image_is_refused():
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, format="PNG")  # 81 megapixels, a few KB
    with pytest.raises(ValidationError):
        validate_upload(upload("flood.png", buffer.getvalue()), max_bytes=10 * MB)


@pytest.mark.parametrize(
    ("make", "content_type"),
    [(png, "image/png"), (text, "text/plain"), (pdf, "application/pdf")],
)
def test_good_files_are_accepted_with_a_sniffed_type(make, content_type):
    _name, detected = validate_upload(make(), max_bytes=10 * MB)
    assert detected == content_type


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\bob\\report.pdf", "report.pdf"),
        ("x.ht\u200baccess", "x.htaccess"),
        ("report.pdf. . ", "report.pdf"),
        ("\u202eevil.txt", "evil.txt"),
    ],
)
def test_names_are_sanitised_for_display(raw, clean):
    assert sanitise_name(raw) == clean


def test_C22_attachment_add_stores_privately_under_a_generated_name(a1):
    ticket = TicketFactory(requester=a1, customer=a1.contact.customer)
    attachment = attachment_add(ticket=ticket, uploaded_by=a1, upload=png("My Screen.png"))
    assert attachment.name == "My Screen.png"
    assert attachment.file.name.startswith("attachments/")
    assert "My Screen" not in attachment.file.name
    assert storages["private"].exists(attachment.file.name)
    with pytest.raises(ValueError):
        attachment.file.url  # noqa: B018 — private files have no URL


def test_C22_attachment_add_refuses_what_validation_refuses(a1):
    ticket = TicketFactory(requester=a1, customer=a1.contact.customer)
    with pytest.raises(ValidationError):
        attachment_add(ticket=ticket, uploaded_by=a1, upload=upload("x.html", HTML))
    assert Attachment.objects.count() == 0


def test_the_portal_upload_limit_applies(a1, portal):
    PortalSettings.objects.filter(site=portal).update(max_upload_mb=1)
    ticket = TicketFactory(requester=a1, customer=a1.contact.customer)
    big = upload("big.png", png_bytes())
    big.size = 2 * MB
    with pytest.raises(ValidationError):
        attachment_add(ticket=ticket, uploaded_by=a1, upload=big)
