from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject

from .navigation import sidebar_for


def portal_shell(request):
    """What the base template needs on every page: sidebar and language links. Lazy: templates
    that never show them (the Wagtail admin, e-mails, fragments) pay nothing."""
    return {
        "portal_sidebar": SimpleLazyObject(lambda: sidebar_for(request)),
        "portal_languages": SimpleLazyObject(lambda: _languages(request)),
    }


def _languages(request):
    current_path = request.get_full_path()
    return [
        {"code": code, "name": name, "url": translate_url(current_path, code)}
        for code, name in settings.LANGUAGES
    ]
