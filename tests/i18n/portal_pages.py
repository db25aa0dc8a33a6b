"""Every portal page, in one language, on the demo data (`seed_demo`), and the demo's user data.

Pages are found from the data rather than hard-coded, so a renamed slug or a new demo ticket
does not break the list."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils.html import strip_tags
from taggit.models import Tag
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from helpdesk.accounts import tokens
from helpdesk.models import (
    Attachment,
    Contact,
    Customer,
    PortalSettings,
    Reply,
    Ticket,
    TokenPurpose,
)
from kb.models import (
    ArticleRating,
    KBArticlePage,
    KBCategoryPage,
    KBSectionPage,
    KnowledgeBasePage,
)

CONTACT_EMAIL = "alice@acme.example"  # main contact: sees every Acme ticket
LINK_CONTACT_EMAIL = "carol@globex.example"  # gets the welcome and e-mail change links
# Staff without a contact and without the technicians' rights (the explanation, not the admin
# link); an account that is neither staff nor a contact cannot sign in (C-37).
STRANGER_EMAIL = "stranger@example.org"


@dataclass(frozen=True)
class PortalPage:
    name: str
    url: str
    who: str | None = CONTACT_EMAIL  # the logged-in user's e-mail, None: anonymous
    data: dict | None = None  # POST data: the page answering a form with errors


def _link(purpose, language, **fields):
    """A live link of `purpose` for the link contact (the page behind it, not the e-mail)."""
    user = get_user_model().objects.get(email=LINK_CONTACT_EMAIL)
    secret = f"i18n-check-{purpose}-{language}"
    tokens.issue(user=user, purpose=purpose, secret=secret, lifetime=timedelta(days=1), **fields)
    return secret


def _in_language(queryset, language, site):
    """Pages of `queryset` in the language's copy of the portal's tree."""
    home = Page.objects.get(
        translation_key=site.root_page.translation_key, locale__language_code=language
    )
    return queryset.filter(locale__language_code=language).descendant_of(home)


def _url(page, site):
    return page.relative_url(site)


def portal_pages(language):
    site = Site.objects.get(is_default_site=True)
    contact = Contact.objects.select_related("customer").get(user__email=CONTACT_EMAIL)
    tickets = Ticket.objects.filter(customer=contact.customer)
    # The richest open ticket (replies, attachments, changes) and a closed one.
    busy = max(tickets.exclude(status__category="closed"), key=_richness)
    closed = tickets.filter(status__category="closed").order_by("number").first()
    kb_root = _in_language(KnowledgeBasePage.objects.live(), language, site).first()
    category = _in_language(KBCategoryPage.objects.live(), language, site).first()
    section = _in_language(KBSectionPage.objects.live(), language, site).first()
    articles = _in_language(KBArticlePage.objects.live().public(), language, site)
    translated = articles.filter(alias_of__isnull=True).order_by("path").first()
    fallback = articles.filter(alias_of__isnull=False).order_by("path").first()
    keyword = Tag.objects.filter(kb_kbarticletag_items__isnull=False).order_by("name").first()
    kb = _url(kb_root, site)
    get_user_model().objects.get_or_create(email=STRANGER_EMAIL, defaults={"is_staff": True})
    welcome = _link(TokenPurpose.WELCOME, language)
    email_change = _link(TokenPurpose.EMAIL_CHANGE, language, new_email="carol@new.example")
    pages = [
        PortalPage("home", f"/{language}/"),
        PortalPage("ticket list", f"/{language}/tickets/"),
        PortalPage("ticket list, no match", f"/{language}/tickets/?q=zzzqqq"),
        PortalPage("ticket list, filtered", f"/{language}/tickets/?status=open&priority=high"),
        PortalPage("ticket list, filter error", f"/{language}/tickets/?scope=nope"),
        PortalPage("ticket page", f"/{language}/tickets/{busy.number}/"),
        PortalPage("closed ticket page", f"/{language}/tickets/{closed.number}/"),
        PortalPage("new ticket", f"/{language}/tickets/new/"),
        PortalPage("new ticket, errors", f"/{language}/tickets/new/", data={"title": ""}),
        PortalPage("profile", f"/{language}/account/profile/"),
        PortalPage("app settings", f"/{language}/account/settings/"),
        PortalPage("login", f"/{language}/account/login/", who=None),
        PortalPage(
            "login, wrong password",
            f"/{language}/account/login/",
            who=None,
            data={"username": CONTACT_EMAIL, "password": "not-the-password"},
        ),
        PortalPage("password reset", f"/{language}/account/password-reset/", who=None),
        PortalPage("password reset code", f"/{language}/account/password-reset/code/", who=None),
        PortalPage("welcome link, invalid", f"/{language}/account/welcome/nope/", who=None),
        PortalPage("welcome page", f"/{language}/account/welcome/{welcome}/", who=None),
        PortalPage(
            "welcome page, errors",
            f"/{language}/account/welcome/{welcome}/",
            who=None,
            data={"new_password1": "x", "new_password2": "y"},
        ),
        PortalPage("e-mail change page", f"/{language}/account/email/{email_change}/"),
        PortalPage("no contact", f"/{language}/tickets/", who=STRANGER_EMAIL),
        PortalPage("KB root", kb),
        PortalPage("KB category", _url(category, site)),
        PortalPage("KB section", _url(section, site)),
        PortalPage("KB search", f"{kb}search/?q=VPN"),
        PortalPage("KB search, no result", f"{kb}search/?q=zzzqqq"),
        PortalPage("404", f"/{language}/no-such-page/"),
    ]
    # A translated article and one shown in English with the notice, where the data has them.
    if translated is not None:
        pages.append(PortalPage("KB article", _url(translated, site)))
    if fallback is not None:
        pages.append(PortalPage("KB article, fallback", _url(fallback, site)))
    if keyword is not None:
        pages.append(PortalPage("KB keyword", f"{kb}keywords/{keyword.slug}/"))
    return pages


def _richness(ticket):
    return (
        ticket.replies.filter(is_internal=False).count()
        + Attachment.objects.filter(ticket=ticket).count()
        + ticket.activities.count()
    )


def user_data():
    """Text people typed or configured (never translated): blanked out before checking."""
    User = get_user_model()
    texts = set()
    for user in User.objects.all():
        texts |= {user.email, user.get_full_name(), user.first_name, user.last_name}
    for contact in Contact.objects.all():
        texts |= {contact.job_title, contact.phone}
    texts |= set(Customer.objects.values_list("name", flat=True))
    texts |= set(PortalSettings.objects.values_list("portal_name", flat=True))
    for ticket in Ticket.objects.all():
        texts |= {ticket.title, strip_tags(ticket.description)}
        texts |= {str(value) for value in ticket.custom_values.values() if isinstance(value, str)}
    texts |= {strip_tags(body) for body in Reply.objects.values_list("body", flat=True)}
    texts |= set(Attachment.objects.values_list("name", flat=True))
    for page in Page.objects.specific():
        texts |= {page.title, page.seo_title, getattr(page, "summary", "")}
        texts |= {getattr(page, "welcome_heading", "")}
        texts |= {strip_tags(str(getattr(page, "intro", "")))}
    texts |= set(get_document_model().objects.values_list("title", flat=True))
    texts |= set(Tag.objects.values_list("name", flat=True))
    texts |= set(ArticleRating.objects.values_list("comment", flat=True))
    return {text for text in texts if text and text.strip()}
