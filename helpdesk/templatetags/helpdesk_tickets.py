"""Template helpers of the portal's ticket pages."""

from django import template
from django.utils.safestring import mark_safe

from ..core.sanitize import clean_html

register = template.Library()


@register.filter
def sanitized(value):
    """Stored user HTML (descriptions, replies) run through the allow-list again and marked
    safe — the one reviewed place the portal renders user HTML unescaped (SECURITY C-23/C-33)."""
    return mark_safe(clean_html(value))  # noqa: S308 - clean_html is the allow-list sanitiser
