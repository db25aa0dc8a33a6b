from django.conf import settings
from django.urls import translate_url

from .navigation import sidebar_for


def portal_shell(request):
    """What the base template needs on every page: sidebar and language links."""
    current_path = request.get_full_path()
    return {
        "portal_sidebar": sidebar_for(request),
        "portal_languages": [
            {"code": code, "name": name, "url": translate_url(current_path, code)}
            for code, name in settings.LANGUAGES
        ],
    }
