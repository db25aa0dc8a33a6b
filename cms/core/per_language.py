"""Text per language, stored as JSON ({"de": "…", "fr": "…"}) like the lookup labels, so a
sixth language needs no migration. The admin edits it with one input per language."""

import json

from django import forms
from django.conf import settings
from django.utils.html import format_html, format_html_join


def text_in(texts, language: str) -> str:
    """The text written for `language`, or "" (the caller then uses its translated default)."""
    if not isinstance(texts, dict):
        return ""
    value = texts.get(language)
    return value.strip() if isinstance(value, str) else ""


class PerLanguageWidget(forms.MultiWidget):
    """One input per language; hands the form field a JSON object of the non-empty ones, which
    Django's JSONField form field parses as usual."""

    def __init__(self, *, multiline=False, attrs=None):
        self.languages = list(settings.LANGUAGES)
        base = forms.Textarea(attrs={"rows": 3}) if multiline else forms.TextInput()
        widgets = {code: base.__class__(attrs=dict(base.attrs)) for code, _name in self.languages}
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, str):
            try:
                value = json.loads(value or "{}")
            except ValueError:
                value = {}
        return [text_in(value, code) for code, _name in self.languages]

    def value_from_datadict(self, data, files, name):
        values = super().value_from_datadict(data, files, name)
        texts = {
            code: text.strip()
            for (code, _name), text in zip(self.languages, values, strict=True)
            if text and text.strip()
        }
        return json.dumps(texts)

    def value_omitted_from_data(self, data, files, name):
        return False  # an emptied input means "no text", not "keep the stored one"

    def render(self, name, value, attrs=None, renderer=None):
        """Each input under its language's name. Built here rather than in a template: Django's
        form renderer only reads app template folders, and this project keeps its templates in
        the project folder."""
        context = self.get_context(name, value, attrs)
        rows = format_html_join(
            "",
            '<div><label class="w-field__label" for="{}" lang="{}">{}</label>{}</div>',
            (
                (
                    subwidget["attrs"].get("id", ""),
                    code,
                    language_name,
                    widget.render(
                        subwidget["name"], subwidget["value"], subwidget["attrs"], renderer
                    ),
                )
                for (code, language_name), widget, subwidget in zip(
                    self.languages, self.widgets, context["widget"]["subwidgets"], strict=True
                )
            ),
        )
        return format_html('<div class="w-flex w-flex-col w-gap-2">{}</div>', rows)
