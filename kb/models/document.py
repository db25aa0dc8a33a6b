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

    class Meta(AbstractDocument.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")
