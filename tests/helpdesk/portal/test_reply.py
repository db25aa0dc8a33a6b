"""Reply with files; stored HTML is sanitised and shown inert (C-23); editor formats survive."""

import pytest

from helpdesk.models import Attachment, PortalSettings, Reply

from .conftest import body, pdf, status, upload

pytestmark = pytest.mark.django_db

XSS = [
    '<script>alert("x")</script>',
    "<style>body{background:url(https://evil.example/x)}</style>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="jav&#x09;ascript:alert(2)">tab</a>',
    '<svg onload="alert(3)"></svg>',
    '<a href="data:text/html,<script>alert(4)</script>">data</a>',
]


def reply_url(ticket):
    return f"/en/tickets/{ticket.number}/reply/"


def test_reply_with_two_files(client, a1, t_a1):
    client.force_login(a1)
    response = client.post(
        reply_url(t_a1),
        {
            "body": "Here are the logs.\n\nSecond paragraph.",
            "files": [upload("a.txt"), pdf("b.pdf")],
        },
    )
    assert response.status_code == 302
    reply = Reply.objects.get(ticket=t_a1)
    assert reply.author == a1 and not reply.is_internal
    assert reply.body == "<p>Here are the logs.</p>\n\n<p>Second paragraph.</p>"
    names = sorted(Attachment.objects.filter(reply=reply).values_list("name", flat=True))
    assert names == ["a.txt", "b.pdf"]
    page = body(client.get(response["Location"]))
    assert "Your reply was published." in page
    for attachment in reply.attachments.all():
        assert f"/en/tickets/{t_a1.number}/attachments/{attachment.pk}/" in page


def test_a_refused_file_is_named_and_the_text_is_kept(client, a1, t_a1):
    client.force_login(a1)
    response = client.post(
        reply_url(t_a1),
        {"body": "Keep me", "files": [upload("evil.html", b"<html><script></script>")]},
    )
    assert response.status_code == 400
    html = body(response)
    assert "Files of this type are not allowed" in html and "evil.html" in html
    assert "Keep me</textarea>" in html
    assert "Please attach your files again" in html
    assert not Reply.objects.filter(ticket=t_a1).exists()


def test_an_oversize_reply_file_is_refused(client, a1, t_a1, portal):
    PortalSettings.objects.filter(site=portal).update(max_upload_mb=1)
    client.force_login(a1)
    big = upload("big.txt", b"x" * (1024 * 1024 + 1))
    response = client.post(reply_url(t_a1), {"body": "big one", "files": [big]})
    assert response.status_code == 400
    assert "larger than the limit of 1 MB" in body(response)
    assert not Attachment.objects.exists()


def test_an_empty_reply_is_refused(client, a1, t_a1):
    client.force_login(a1)
    response = client.post(reply_url(t_a1), {"body": "   "})
    assert response.status_code == 400
    assert "Write a message before publishing." in body(response)


@pytest.mark.parametrize("payload", XSS)
def test_C23_reply_payloads_are_stored_and_shown_inert(client, a1, t_a1, payload):
    client.force_login(a1)
    client.post(reply_url(t_a1), {"body": f"<p>before</p>{payload}", "body_format": "html"})
    stored = Reply.objects.get(ticket=t_a1).body
    html = body(client.get(f"/en/tickets/{t_a1.number}/"))
    conversation = html.split('class="timeline"', 1)[1].split("</ol>", 1)[0]
    for text in (stored, conversation):
        lowered = text.lower()
        assert "<script" not in lowered and "<style" not in lowered and "<svg" not in lowered
        assert "onerror" not in lowered and "onload" not in lowered
        assert "javascript:" not in lowered and "data:text" not in lowered
    assert "before" in conversation


def test_C23_plain_text_from_the_no_javascript_textarea_is_escaped(client, a1, t_a1):
    client.force_login(a1)
    client.post(reply_url(t_a1), {"body": "<script>alert(1)</script> 1 < 2"})
    stored = Reply.objects.get(ticket=t_a1).body
    assert stored == "<p>&lt;script&gt;alert(1)&lt;/script&gt; 1 &lt; 2</p>"
    assert "&lt;script&gt;" in body(client.get(f"/en/tickets/{t_a1.number}/"))


def test_C23_a_stored_unsafe_body_is_cleaned_again_when_shown(client, a1, t_a1):
    # Written past the services (e.g. an old import): the template filter still cleans it.
    Reply.objects.create(ticket=t_a1, author=a1, body='<p>ok</p><img src=x onerror="alert(1)">')
    t_a1.description = "<script>alert(2)</script><p>desc</p>"
    t_a1.save()
    client.force_login(a1)
    html = body(client.get(f"/en/tickets/{t_a1.number}/"))
    assert "onerror" not in html and "alert(2)" not in html
    assert "<p>desc</p>" in html


@pytest.mark.parametrize(
    "markup",
    [
        "<strong>bold</strong>",
        "<b>bold</b>",
        "<em>italic</em>",
        "<i>italic</i>",
        "<ul><li>one</li><li>two</li></ul>",
        "<ol><li>first</li></ol>",
        '<a href="https://example.com/help" rel="noopener noreferrer nofollow">link</a>',
        "<code>print(1)</code>",
        "<pre>line 1\nline 2</pre>",
    ],
)
def test_each_editor_format_survives(client, a1, t_a1, markup):
    # What the editor writes: inline formats inside a paragraph, lists and code blocks alone.
    html = markup if markup.startswith(("<ul", "<ol", "<pre")) else f"<p>{markup}</p>"
    client.force_login(a1)
    client.post(reply_url(t_a1), {"body": html, "body_format": "html"})
    assert Reply.objects.get(ticket=t_a1).body == html
    assert markup in body(client.get(f"/en/tickets/{t_a1.number}/"))


def test_a_closed_ticket_offers_no_reply_form(client, a1, t_a1):
    t_a1.status = status("closed")
    t_a1.save()
    client.force_login(a1)
    html = body(client.get(f"/en/tickets/{t_a1.number}/"))
    assert "This ticket is closed." in html and 'name="body"' not in html
    response = client.post(reply_url(t_a1), {"body": "let me in"})
    assert response.status_code == 400
    assert "This ticket is closed." in body(response)
    assert not Reply.objects.exists()


def test_C08_the_author_is_always_the_logged_in_user(client, a1, a2, t_a1):
    client.force_login(a1)
    client.post(reply_url(t_a1), {"body": "mine", "author": a2.pk, "is_internal": "on"})
    reply = Reply.objects.get(ticket=t_a1)
    assert reply.author == a1 and reply.is_internal is False
