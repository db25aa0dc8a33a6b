"""KB documents (attachments and videos) live in the private storage: no URL points at the
file, every download goes through Wagtail's document view and the KB's `readable_by` check
(kb.wagtail_hooks.serve_kb_document)."""

from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.models import AbstractDocument, Document

from cms.core.storage import private_storage


class PrivateFieldFile(FieldFile):
    @property
    def url(self):
        # NotImplementedError is what Wagtail expects from storages without direct URLs: its
        # document view then serves the file itself instead of redirecting to the storage.
        raise NotImplementedError("KB documents are served by the checked document view.")


class PrivateFileField(models.FileField):
    attr_class = PrivateFieldFile


class KBDocument(AbstractDocument):
    file = PrivateFileField(
        upload_to="kb-documents", storage=private_storage, verbose_name=_("file")
    )

    admin_form_fields = Document.admin_form_fields

    def size_for_readers(self):
        """Bytes, as the article's file list shows them; None if the file is missing. Wagtail's
        upload records the size; a document made otherwise (seeds, imports) is measured here
        without saving, since a document save moves the KB generation on (every KB key)."""
        if self.file_size is not None:
            return self.file_size
        try:
            return self.file.size
        except OSError:
            return None

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
