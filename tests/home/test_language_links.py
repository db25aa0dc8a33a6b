"""The footer's language links: the same page in each language, as Django's translate_url
would give it (the context processor swaps the prefix instead of resolving the URL)."""

import pytest
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

from home.context_processors import portal_shell


@pytest.mark.parametrize(
    "path",
    [
        "/en/tickets/?status=open&sort=-updated",
        "/de/tickets/42/",
        "/fr/account/profile/",
        "/it/kb/network/vpn/connect-to-the-vpn/",
        "/es/kb/search/?q=vpn%20client",
    ],
)
def test_each_link_is_the_page_in_that_language(rf, path):
    language = path.split("/")[1]
    with translation.override(language):
        links = portal_shell(rf.get(path))["portal_languages"]
        assert [link["code"] for link in links] == [code for code, _name in settings.LANGUAGES]
        for link in links:
            assert link["url"] == translate_url(path, link["code"])
            assert link["url"].startswith(f"/{link['code']}/")
