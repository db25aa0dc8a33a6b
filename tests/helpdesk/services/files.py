"""Small real files for upload tests, made in memory."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def png_bytes(size=(4, 4)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, format="PNG")
    return buffer.getvalue()


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def png(name="screen.png"):
    return upload(name, png_bytes(), "image/png")


def text(name="log.txt", content=b"2026-11-27 printer offline\n"):
    return upload(name, content, "text/plain")


def pdf(name="invoice.pdf"):
    return upload(name, PDF, "application/pdf")
