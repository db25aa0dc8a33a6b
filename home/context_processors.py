from django.conf import settings
from django.urls import translate_url
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from .navigation import sidebar_for


def portal_shell(request):
    """What the base template needs on every page: sidebar and language links. Lazy: templates
    that never show them (the Wagtail admin, e-mails, fragments) pay nothing."""
    return {
        "portal_sidebar": SimpleLazyObject(lambda: sidebar_for(request)),
        "portal_languages": SimpleLazyObject(lambda: _languages(request)),
    }


def _languages(request):
    """The page in each language. Every portal URL starts with its language and no path
    segment is translated (cms/urls.py), so swapping the prefix is what `translate_url`
    would answer — without resolving and reversing the URL five times."""
    current_path = request.get_full_path()
    prefix = f"/{get_language()}/"
    rest = current_path[len(prefix) :] if current_path.startswith(prefix) else None
    return [
        {
            "code": code,
            "name": name,
            "url": f"/{code}/{rest}" if rest is not None else translate_url(current_path, code),
        }
        for code, name in settings.LANGUAGES
    ]
