"""`attachment_add`: the only way a file enters the helpdesk (portal forms, API, admin, seed).

A file is refused unless its sanitised name has an allowed extension, its size is within the
portal's limit, and its content looks like what the extension promises (sniffed, not trusted).
It is stored in private storage under a generated name."""

import unicodedata
import uuid
from contextlib import contextmanager

import filetype
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from ..models import Attachment, PortalSettings

# extension -> content kinds `filetype` may report for it ("text" = no binary signature).
ALLOWED_EXTENSIONS = {
    "pdf": {"pdf"},
    "png": {"png"},
    "jpg": {"jpg"},
    "jpeg": {"jpg"},
    "gif": {"gif"},
    "webp": {"webp"},
    "txt": {"text"},
    "log": {"text"},
    "csv": {"text"},
    "json": {"text"},
    "eml": {"text"},
    "docx": {"docx", "zip"},
    "xlsx": {"xlsx", "zip"},
    "pptx": {"pptx", "zip"},
    "odt": {"odt", "zip"},
    "ods": {"ods", "zip"},
    "odp": {"odp", "zip"},
    "zip": {"zip"},
}
IMAGE_EXTENSIONS = {"png", "jpg", "jpeg", "gif", "webp"}
MAX_IMAGE_PIXELS = 40_000_000  # about 6300 x 6300; refuses pixel floods before decoding
MAX_NAME_LENGTH = 150
SNIFF_BYTES = 8192
MARKUP_STARTS = (b"<!doctype", b"<html", b"<script", b"<svg", b"<?xml", b"<body", b"<iframe")


def sanitise_name(name: str) -> str:
    """A display name without paths, control or invisible characters (zero-width spaces,
    right-to-left overrides) and without trailing dots or spaces."""
    name = unicodedata.normalize("NFKC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] not in {"C", "Z"} or ch == " ")
    name = name.strip().rstrip(". ").lstrip(".")
    if len(name) > MAX_NAME_LENGTH:
        stem, dot, ext = name.rpartition(".")
        name = stem[: MAX_NAME_LENGTH - len(ext) - 1] + dot + ext if dot else name[:MAX_NAME_LENGTH]
    return name


def _extension(name):
    stem, dot, ext = name.rpartition(".")
    return ext.lower() if dot and stem else ""


def _head(upload):
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    return head


def _content_kind(head: bytes):
    kind = filetype.guess(head)
    if kind is not None:
        return kind.extension
    if b"\x00" in head:
        return "binary"
    return "text"


def _check_text(head: bytes):
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith(MARKUP_STARTS):
        raise ValidationError(_("This file contains web page markup and is not allowed."))


def _check_image(upload):
    try:
        with Image.open(upload) as image:
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(_("This image is too large (too many pixels)."))
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError):
        raise ValidationError(_("This image is damaged or not an image.")) from None
    finally:
        upload.seek(0)


def validate_upload(upload, *, max_bytes: int) -> tuple[str, str]:
    """(display name, content type) of an acceptable upload; ValidationError otherwise."""
    name = sanitise_name(getattr(upload, "name", ""))
    if not name:
        raise ValidationError(_("The file needs a name."))
    size = upload.size or 0
    if size == 0:
        raise ValidationError(_("“%(name)s” is empty.") % {"name": name})
    # A file the upload handler cut short (tickets.uploads) is never stored, whatever its size.
    if size > max_bytes or getattr(upload, "truncated", False):
        raise ValidationError(
            _("“%(name)s” is larger than the limit of %(limit)d MB.")
            % {"name": name, "limit": max_bytes // (1024 * 1024)}
        )
    extension = _extension(name)
    if extension not in ALLOWED_EXTENSIONS:
        raise ValidationError(
            _("Files of this type are not allowed: “%(name)s”. Allowed: %(allowed)s.")
            % {"name": name, "allowed": ", ".join(sorted(ALLOWED_EXTENSIONS))}
        )
    head = _head(upload)
    kind = _content_kind(head)
    if kind not in ALLOWED_EXTENSIONS[extension]:
        raise ValidationError(
            _("The content of “%(name)s” does not match its extension.") % {"name": name}
        )
    if kind == "text":
        _check_text(head)
    if extension in IMAGE_EXTENSIONS:
        _check_image(upload)
    content_type = filetype.guess_mime(head) or "text/plain"
    return name, content_type


def upload_limit_for(ticket_or_customer) -> int:
    customer = getattr(ticket_or_customer, "customer", ticket_or_customer)
    return PortalSettings.for_site(customer.portal).max_upload_bytes


def validate_uploads(uploads, *, max_bytes: int):
    """Check every file before any is stored; ValidationError lists each refused file."""
    errors = []
    for upload in uploads:
        try:
            validate_upload(upload, max_bytes=max_bytes)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)


@contextmanager
def delete_stored_files_on_error():
    """Collects (storage, name) of files stored inside the block and deletes them if the block
    fails, e.g. when the 2nd of 3 files cannot be written and the ticket rolls back."""
    stored = []
    try:
        yield stored
    except BaseException:
        for storage, name in stored:
            storage.delete(name)
        raise


def attachment_add(*, ticket, uploaded_by, upload, reply=None, stored_files=None) -> Attachment:
    """Validate and store one file on `ticket` (or one of its replies).

    Pass the list from `delete_stored_files_on_error()` as `stored_files` so the file is removed
    again if the surrounding transaction fails."""
    name, content_type = validate_upload(upload, max_bytes=upload_limit_for(ticket))
    attachment = Attachment(
        ticket=ticket,
        reply=reply,
        name=name,
        size=upload.size,
        content_type=content_type,
        uploaded_by=uploaded_by,
        created_at=timezone.now(),
    )
    attachment.file.save(f"{uuid.uuid4().hex}.{_extension(name)}", upload, save=False)
    if stored_files is not None:
        stored_files.append((attachment.file.storage, attachment.file.name))
    attachment.full_clean(exclude=["file"])
    attachment.save()
    return attachment
