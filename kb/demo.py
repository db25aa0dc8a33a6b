"""The knowledge base's part of `seed_demo`: a KB on each portal (the main one with three
categories, Acme-only pages, every body block, attachments, keywords and a few votes), with
locale copies through LocaleSynchronization and a tree sync (DESIGN rule 6). Safe to run
again: existing pages are left as editors may have changed them."""

import io
import json

from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import GroupPagePermission, Site

from cms.core.locales import sync_locale_trees
from helpdesk.demo import INITECH_PORTAL_HOST, KB_EDITORS_GROUP, MAIN_PORTAL_HOST
from helpdesk.models import Customer, User

from .demo_translations import translate_demo_kb
from .models import (
    KBArticleDocument,
    KBArticlePage,
    KBCategoryPage,
    KBRestriction,
    KBSectionPage,
    KnowledgeBasePage,
)
from .models.rating import rate_article

ORDER = 30
ACME_ONLY = "Acme Corp"


def text(html):
    return {"type": "text", "value": html}


def heading(value):
    return {"type": "heading", "value": value}


def code(language, value):
    return {"type": "code", "value": {"language": language, "code": value}}


def callout(kind, html):
    return {"type": "callout", "value": {"kind": kind, "text": html}}


def table(rows):
    return {"type": "table", "value": {"data": rows, "first_row_is_table_header": True}}


def article(title, summary, body, keywords=(), attachment=None, media=False):
    return {
        "title": title,
        "summary": summary,
        "body": body,
        "keywords": keywords,
        "attachment": attachment,
        "media": media,
    }


STEPS = text("<ol><li>Open the app.</li><li>Follow the steps on screen.</li></ol>")
MAIN_KB = {
    "Getting started": {
        "Accounts and access": [
            article(
                "Log in to the service portal",
                "Your first login with the e-mail address and password you received.",
                [
                    heading("Before you start"),
                    STEPS,
                    callout("note", "<p>Passwords are case-sensitive.</p>"),
                ],
                ("login", "password"),
            ),
            article(
                "Reset your password",
                "Get a reset code by e-mail and choose a new password.",
                [STEPS, callout("warning", "<p>A code is valid for 10 minutes.</p>")],
                ("password",),
            ),
            article(
                "Change the portal language",
                "Pick English, Français, Deutsch, Español or Italiano in App settings.",
                [text("<p>Open <b>App settings</b> and choose a language.</p>")],
                ("language",),
            ),
        ],
        "Your first ticket": [
            article(
                "Open a ticket",
                "Describe the problem, attach files and choose the priority.",
                [
                    heading("What to include"),
                    table(
                        [
                            ["Field", "Example"],
                            ["Title", "VPN drops every hour"],
                            ["Priority", "High"],
                        ]
                    ),
                ],
                ("ticket",),
                media=True,
            ),
            article(
                "Follow and answer a ticket",
                "See replies, answer and close tickets you no longer need.",
                [STEPS],
                ("ticket",),
            ),
        ],
    },
    "Network and VPN": {
        "VPN": [
            article(
                "Connect to the VPN",
                "Install the VPN client and connect from home.",
                [
                    heading("Install"),
                    code("bash", "sudo apt install openvpn\nsudo openvpn --config company.ovpn"),
                    callout("note", "<p>Use your portal e-mail as user name.</p>"),
                ],
                ("vpn", "remote work"),
                attachment="vpn-setup-guide.pdf",
                media=True,
            ),
            article(
                "VPN disconnects every hour",
                "Renew the session key and check the client version.",
                [
                    code("powershell", "Get-VpnConnection | Format-List"),
                    callout("warning", "<p>Do not share your configuration file.</p>"),
                ],
                ("vpn",),
            ),
            article(
                "Split tunnelling explained",
                "Which traffic goes through the VPN and which does not.",
                [table([["Traffic", "Route"], ["Intranet", "VPN"], ["Internet", "Local"]])],
                ("vpn",),
            ),
        ],
        "Wi-Fi": [
            article(
                "Join the office Wi-Fi",
                "Use your portal credentials on the staff network.",
                [STEPS],
                ("wi-fi",),
            ),
            article(
                "Guest Wi-Fi for visitors",
                "Create a day pass for a visitor.",
                [STEPS, callout("note", "<p>Passes expire at midnight.</p>")],
                ("wi-fi", "guests"),
            ),
        ],
        "Acme gateways": [
            article(
                "Acme gateway addresses",
                "The gateways of Acme's offices and when to use which.",
                [
                    table(
                        [
                            ["Office", "Gateway"],
                            ["Berlin", "gw-ber.acme.example"],
                            ["Lyon", "gw-lyo.acme.example"],
                        ]
                    )
                ],
                ("vpn", "acme"),
                attachment="acme-gateways.pdf",
            ),
            article(
                "Acme firewall rules",
                "Ports Acme opens for remote workers.",
                [code("yaml", "allow:\n  - 443/tcp\n  - 1194/udp")],
                ("acme",),
            ),
        ],
    },
    "Devices and software": {
        "Printers": [
            article(
                "Add a network printer",
                "Find the printer by its number and add it.",
                [STEPS, code("powershell", "Add-Printer -ConnectionName \\\\print01\\floor2")],
                ("printer",),
                media=True,
            ),
            article(
                "Printer shows 'offline'",
                "Three checks before you open a ticket.",
                [STEPS],
                ("printer",),
            ),
        ],
        "E-mail and calendar": [
            article(
                "Set up e-mail on your phone",
                "Add your work mailbox to iOS or Android.",
                [table([["Setting", "Value"], ["Server", "mail.example.com"], ["Port", "993"]])],
                ("e-mail", "mobile"),
                attachment="mobile-mail-settings.pdf",
            ),
            article(
                "Share a calendar",
                "Let colleagues see or edit your calendar.",
                [STEPS],
                ("calendar",),
            ),
            article(
                "Out-of-office replies",
                "Turn automatic replies on and off.",
                [STEPS, code("json", '{"autoReply": true, "until": "2026-12-31"}')],
                ("e-mail",),
            ),
        ],
    },
}
INITECH_KB = {
    "Initech basics": {
        "TPS reports": [
            article("Submit a TPS report", "Use the new cover sheet.", [STEPS], ("tps",)),
            article("Order a stapler", "Red staplers are out of stock.", [STEPS], ("office",)),
        ]
    }
}
RATINGS = (  # (article title, user e-mail, helpful, comment)
    ("Connect to the VPN", "alice@acme.example", True, "Worked first time."),
    ("Connect to the VPN", "carol@globex.example", True, ""),
    ("VPN disconnects every hour", "bob@acme.example", False, "Still drops."),
    ("VPN disconnects every hour", "carol@globex.example", False, "Did not help."),
    ("Add a network printer", "alice@acme.example", True, ""),
)


def _image():
    Image = get_image_model()
    existing = Image.objects.filter(title="KB screenshot").first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", (640, 360), "#eef2f7")
    ImageDraw.Draw(canvas).text((320, 180), "Screenshot", fill="#1f2937", anchor="mm", font_size=40)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return Image.objects.create(
        title="KB screenshot", file=ImageFile(buffer, name="kb-screenshot.png")
    )


def _document(name, content=None):
    Document = get_document_model()
    existing = Document.objects.filter(title=name).first()
    if existing:
        return existing
    body = content or f"%PDF-1.4\n% demo file {name}\n".encode()
    return Document.objects.create(title=name, file=ContentFile(body, name=name))


def _child(parent, model, title, slug=None, **fields):
    slug = slug or slugify(title)
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing, False
    page = model(title=title, slug=slug, **fields)
    parent.add_child(instance=page)
    return page, True


def _publish(page):
    page.save_revision().publish()


def _article(section, spec, media):
    body = list(spec["body"])
    if spec["media"]:
        body.append(
            {"type": "image", "value": {"image": media["image"].pk, "caption": "Screenshot"}}
        )
        body.append(
            {"type": "video", "value": {"document": media["video"].pk, "caption": "Walkthrough"}}
        )
    page, created = _child(
        section, KBArticlePage, spec["title"], summary=spec["summary"], body=json.dumps(body)
    )
    if not created:
        return page
    page.keywords.add(*spec["keywords"])
    if spec["attachment"]:
        KBArticleDocument.objects.create(page=page, document=_document(spec["attachment"]))
    _publish(page)
    return page


def _build(site, tree, media):
    home = site.root_page.specific
    root, created = _child(home, KnowledgeBasePage, "Knowledge base", slug="kb")
    if created:
        _publish(root)
    count = 0
    for category_title, sections in tree.items():
        category, created = _child(root, KBCategoryPage, category_title)
        if created:
            _publish(category)
        for section_title, articles in sections.items():
            section, created = _child(category, KBSectionPage, section_title)
            if created:
                _publish(section)
            if section_title == "Acme gateways":
                acme = Customer.objects.get(name=ACME_ONLY, portal=site)
                KBRestriction.set_for(section.translation_key, [acme])
            for spec in articles:
                _article(section, spec, media)
                count += 1
    return count


def _let_editors_publish():
    """Wagtail's Editors group may only add and change pages; the KB's editors also publish
    (and schedule) articles, in every language's KB tree and nowhere else."""
    editors = Group.objects.get(name=KB_EDITORS_GROUP)
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    for root in KnowledgeBasePage.objects.all():
        GroupPagePermission.objects.get_or_create(group=editors, page=root, permission=publish)


def seed(*, stdout, options):
    media = {"image": _image(), "video": _document("walkthrough.webm", b"\x1a\x45\xdf\xa3demo")}
    counts = []
    for host, tree in ((MAIN_PORTAL_HOST, MAIN_KB), (INITECH_PORTAL_HOST, INITECH_KB)):
        site = Site.objects.get(hostname=host)
        counts.append(_build(site, tree, media))
    for title, email, helpful, comment in RATINGS:
        page = KBArticlePage.objects.filter(title=title).first()
        user = User.objects.filter(email=email).first()
        if page and user:
            rate_article(page=page, user=user, helpful=helpful, comment=comment)
    sync_locale_trees()
    translated = translate_demo_kb()
    _let_editors_publish()
    stdout.write(
        f"  kb: {counts[0]} articles on the main portal, {counts[1]} on Initech's; "
        f"{translated} pages translated into de/fr/es/it"
    )
