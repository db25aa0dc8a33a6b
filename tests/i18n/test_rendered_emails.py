"""Every e-mail (subject, text and HTML part) rendered in de/fr/es/it has no English UI text."""

import pytest

from helpdesk.notifications.delivery import render_email

from .catalogs import LANGUAGES
from .email_flows import context_data, email_templates, queue_every_email
from .leaks import LeakFinder, visible_strings

pytestmark = pytest.mark.django_db


def rendered_parts(message, language):
    """{part name: visible strings} of the e-mail (queued in `language`)."""
    assert message.language == language
    email = render_email(message)
    html = next(content for content, mimetype in email.alternatives if mimetype == "text/html")
    return {
        "subject": [email.subject],
        "text": email.body.splitlines(),
        "html": visible_strings(html, language),
    }


def test_every_email_template_is_sent_by_a_flow(portal):
    assert sorted(queue_every_email()) == email_templates()


def test_no_email_shows_english_ui_text(portal):
    leaks, checked = {}, 0
    for language in LANGUAGES:
        finder = LeakFinder(language)
        messages = queue_every_email(language=language)
        assert sorted(messages) == email_templates()
        for template, message in messages.items():
            checked += 1
            for part, strings in rendered_parts(message, language).items():
                found = finder.leaks(strings, user_data=context_data(message))
                if found:
                    leaks[(language, template, part)] = found
    assert checked == len(LANGUAGES) * len(email_templates())
    assert leaks == {}
