"""The article body's blocks. Nothing loads from the internet: images and videos are stored in
Wagtail, videos are Wagtail documents served through the checked download view."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul", "code"]
LANGUAGES = [
    ("text", _("Plain text")),
    ("bash", "Shell"),
    ("powershell", "PowerShell"),
    ("python", "Python"),
    ("sql", "SQL"),
    ("json", "JSON"),
    ("yaml", "YAML"),
    ("xml", "XML"),
]


class CodeBlock(blocks.StructBlock):
    language = blocks.ChoiceBlock(
        choices=LANGUAGES, default="text", label=pgettext_lazy("code block", "Language")
    )
    code = blocks.TextBlock(label=_("Code"))

    class Meta:
        icon = "code"
        label = _("Code")
        template = "kb/blocks/code.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        choices=[("note", _("Note")), ("warning", _("Warning"))],
        default="note",
        label=pgettext_lazy("callout", "Kind"),
    )
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "kb/blocks/callout.html"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        label = _("Image")
        template = "kb/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Video file"))
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "media"
        label = _("Video")
        template = "kb/blocks/video.html"


class ArticleBodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(label=_("Heading"), icon="title", template="kb/blocks/heading.html")
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text"))
    image = ImageBlock()
    code = CodeBlock()
    callout = CalloutBlock()
    table = TableBlock(label=_("Table"), template="kb/blocks/table.html")
    video = VideoBlock()
