"""Every cached answer follows the data it shows: for each model whose save changes what a
portal page, an API answer or an ETag shows, that save changes the answer on the next request.

Each row saves one model the way the admin or a data fix would (never through a service that
also moves `updated_at`) and reads one door before and after: the ticket page (its ETag and
body), the API, the ticket list, the new-ticket form, the portal home (sidebar and header), a
KB article (its ETag and body) or a second portal's home. A cache that missed its invalidation
answers the old text, so the row fails. Runs on SQLite and on PostgreSQL (`.ci/run`)."""

import io
from dataclasses import dataclass
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.test import Client
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site

from helpdesk.models import (
    Activity,
    Attachment,
    BuiltinFieldSetting,
    Contact,
    CustomField,
    Impact,
    PortalSettings,
    Priority,
    ProductFamily,
    Status,
    TicketType,
)
from kb.models import ArticleRating, KBRestriction, KBSettings
from tests.factories import (
    ContactFactory,
    CustomerFactory,
    PortalFactory,
    ReplyFactory,
    TechnicianFactory,
    TicketFactory,
)
from tests.kb.builders import article, attach, category, document, kb_root, section

pytestmark = pytest.mark.django_db

SECOND_HOST = "support.initech.localhost"


def _logo():
    buffer = io.BytesIO()
    PILImage.new("RGB", (80, 80), "#1f6feb").save(buffer, format="PNG")
    return get_image_model().objects.create(
        title="Northwind logo", file=ImageFile(buffer, name="logo.png")
    )


@pytest.fixture
def world(portal):
    settings = PortalSettings.for_site(portal)
    settings.portal_name = "Northwind Service Portal"
    settings.logo = _logo()
    settings.save()
    second = PortalFactory(hostname=SECOND_HOST, site_name="Initech")
    second_settings = PortalSettings.for_site(second)
    second_settings.portal_name = "Initech Support"
    second_settings.save()
    BuiltinFieldSetting.objects.filter(field="product_family").update(visibility="view_only")

    acme = CustomerFactory(name="Acme Corp", portal=portal)
    alice = ContactFactory(customer=acme, is_main_contact=True, user__first_name="Alice").user
    ticket = TicketFactory(
        contact=alice.contact,
        title="Printer jams",
        impact=Impact.objects.order_by("order").last(),
        product_family=ProductFamily.objects.create(code="printers", labels={"en": "Printers"}),
    )
    tech = TechnicianFactory(first_name="Tess")
    reply = ReplyFactory(ticket=ticket, author=tech, body="<p>Try the other tray.</p>")
    attachment = Attachment.objects.create(
        ticket=ticket,
        name="jam-photo.txt",
        size=4,
        content_type="text/plain",
        file=ContentFile(b"jam!", name="jam-photo.txt"),
        uploaded_by=alice,
    )

    root = kb_root(portal)
    vpn = section(category(root, "Network"), "VPN")
    guide = document("VPN client guide")
    page = attach(article(vpn, "Connect to the VPN", slug="connect"), guide)
    KBSettings.for_site(portal)

    client = Client()
    client.force_login(alice)
    return SimpleNamespace(
        portal=portal,
        second=second,
        acme=acme,
        alice=alice,
        ticket=ticket,
        reply=reply,
        attachment=attachment,
        root=root,
        article=page,
        guide=guide,
        client=client,
        anonymous=Client(),
    )


def _page(client, url, **headers):
    """A page as the viewer's browser sees it: asked twice (the first answer sets the CSRF
    cookie, from then on pages carry an ETag), with the ETag in front of the body."""
    client.get(url, **headers)
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return f"ETag: {response.get('ETag')}\n{response.content.decode()}"


# The doors, each as one viewer reads it.
def ticket_page(w):
    return _page(w.client, f"/en/tickets/{w.ticket.number}/")


def api_ticket(w):
    response = w.client.get(f"/api/v1/tickets/{w.ticket.number}/")
    assert response.status_code == 200
    return response.content.decode()


def api_list(w):
    response = w.client.get("/api/v1/tickets/")
    assert response.status_code == 200
    return response.content.decode()


def ticket_list(w):
    return _page(w.client, "/en/tickets/")


def new_ticket(w):
    return _page(w.client, "/en/tickets/new/")


def home(w):
    return _page(w.client, "/en/")


def anonymous_home(w):
    return _page(w.anonymous, "/en/")


def kb_article(w):
    return _page(w.client, w.article.url)


def second_portal_home(w):
    return _page(w.anonymous, "/en/", HTTP_HOST=SECOND_HOST)


# The changes, each a plain save of one model.
def relabel(model, code_of):
    def change(w):
        row = model.objects.get(pk=code_of(w))
        row.labels = {**row.labels, "en": "Relabelled value"}
        row.save()

    return change


def hide_priority(w):
    setting = BuiltinFieldSetting.objects.get(field="priority")
    setting.visibility = "hidden"
    setting.save()


def add_custom_field(w):
    CustomField.objects.create(
        key="asset_tag", labels={"en": "Asset tag"}, field_type="text", visibility="editable"
    )


def rename_portal(w):
    settings = PortalSettings.for_site(w.portal)
    settings.portal_name = "Renamed Help Centre"
    settings.save()


def portal_default_types(w):
    PortalSettings.for_site(w.portal).default_ticket_types.set(
        [TicketType.objects.get(code="request")]
    )


def customer_allowed_types(w):
    w.acme.allowed_ticket_types.set([TicketType.objects.get(code="request")])


def rename_customer(w):
    w.acme.name = "Acme Industries"
    w.acme.save()


def new_colleague(w):
    ContactFactory(customer=w.acme, user__first_name="Zelda", user__last_name="Zimmer")


def drop_colleague(w):
    Contact.objects.exclude(user=w.alice).delete()


def delete_logo(w):
    get_image_model().objects.get(title="Northwind logo").delete()


def edit_description(w):
    # An admin edit or a data fix: `updated_at` stays as it was.
    w.ticket.description = "<p>It jams on tray 2 only.</p>"
    w.ticket.save(update_fields=["description"])


def edit_reply(w):
    w.reply.body = "<p>Use tray 1 instead.</p>"
    w.reply.save(update_fields=["body"])


def rename_attachment(w):
    w.attachment.name = "tray-photo.txt"
    w.attachment.save(update_fields=["name"])


def log_activity(w):
    Activity.objects.create(
        ticket=w.ticket,
        field="priority",
        old_value="medium",
        new_value=Priority.objects.order_by("order").last().code,
    )


def unpublish_kb(w):
    w.root.unpublish()


def restrict_kb(w):
    KBRestriction.set_for(w.root.translation_key, [CustomerFactory(name="Globex Ltd")])


def open_kb_to_everyone(w):
    row = KBSettings.for_site(w.portal)
    row.anonymous_access = True
    row.save()


def move_second_portal(w):
    w.second.hostname = "moved.localhost"
    w.second.save()


def vote(w):
    ArticleRating.objects.create(article=w.article, user=w.alice, helpful=False)


def rename_document(w):
    w.guide.title = "VPN client handbook"
    w.guide.save()


def privacy_on_article(w):
    PageViewRestriction.objects.create(
        page=w.article, restriction_type=PageViewRestriction.PASSWORD, password="s3cret-vpn"
    )


def kb_link(answer):
    return 'href="/en/kb/"' in answer


@dataclass(frozen=True)
class Row:
    model: str
    change: object
    door: object
    before: object  # what the answer shows before the save ...
    after: object  # ... and after it (each a test on the answer's text)

    def __str__(self):
        return f"{self.model}-{self.door.__name__}"


def shows(text):
    return lambda answer: text in answer


def lacks(text):
    return lambda answer: text not in answer


def _status(w):
    return w.ticket.status_id


TABLE = [
    Row("helpdesk.Status", relabel(Status, _status), ticket_page, lacks("Relabelled"),
        shows("Relabelled value")),
    Row("helpdesk.Priority", relabel(Priority, lambda w: w.ticket.priority_id), ticket_page,
        lacks("Relabelled"), shows("Relabelled value")),
    Row("helpdesk.TicketType", relabel(TicketType, lambda w: w.ticket.type_id), ticket_page,
        lacks("Relabelled"), shows("Relabelled value")),
    Row("helpdesk.Impact", relabel(Impact, lambda w: w.ticket.impact_id), ticket_page,
        lacks("Relabelled"), shows("Relabelled value")),
    Row("helpdesk.ProductFamily", relabel(ProductFamily, lambda w: w.ticket.product_family_id),
        ticket_page, lacks("Relabelled"), shows("Relabelled value")),
    Row("helpdesk.BuiltinFieldSetting", hide_priority, api_ticket, shows('"priority"'),
        lacks('"priority"')),
    Row("helpdesk.CustomField", add_custom_field, new_ticket, lacks("Asset tag"),
        shows("Asset tag")),
    Row("helpdesk.PortalSettings", rename_portal, ticket_page, lacks("Renamed Help Centre"),
        shows("Renamed Help Centre")),
    Row("helpdesk.PortalSettings_default_ticket_types", portal_default_types, new_ticket,
        shows('value="incident"'), lacks('value="incident"')),
    Row("helpdesk.Customer", rename_customer, api_list, lacks("Acme Industries"),
        shows("Acme Industries")),
    Row("helpdesk.Customer_allowed_ticket_types", customer_allowed_types, new_ticket,
        shows('value="incident"'), lacks('value="incident"')),
    Row("helpdesk.Contact", new_colleague, ticket_list, lacks("Zimmer"), shows("Zimmer")),
    Row("wagtailimages.Image", delete_logo, home, shows("brand-logo"), lacks("brand-logo")),
    Row("helpdesk.Ticket", edit_description, ticket_page, lacks("tray 2"),
        shows("It jams on tray 2 only.")),
    Row("helpdesk.Reply", edit_reply, ticket_page, lacks("tray 1"), shows("Use tray 1 instead")),
    Row("helpdesk.Attachment", rename_attachment, ticket_page, lacks("tray-photo"),
        shows("tray-photo.txt")),
    Row("helpdesk.Activity", log_activity, ticket_page, lacks("entry-activity"),
        shows("entry-activity")),
    Row("wagtailcore.Page", unpublish_kb, ticket_page, kb_link, lambda a: not kb_link(a)),
    Row("kb.KBRestriction", restrict_kb, home, kb_link, lambda a: not kb_link(a)),
    Row("kb.KBSettings", open_kb_to_everyone, anonymous_home, lambda a: not kb_link(a), kb_link),
    Row("wagtailcore.Site", move_second_portal, second_portal_home, shows("Initech Support"),
        shows("Northwind Service Portal")),
    Row("kb.ArticleRating", vote, kb_article, lacks("You found this article"),
        shows("You found this article not helpful.")),
    Row("kb.KBDocument", rename_document, kb_article, lacks("handbook"),
        shows("VPN client handbook")),
    Row("wagtailcore.PageViewRestriction", privacy_on_article, kb_article,
        lacks('type="password"'), shows('type="password"')),
]  # fmt: skip


@pytest.mark.parametrize("row", TABLE, ids=str)
def test_a_save_changes_the_next_answer(world, row):
    before = row.door(world)
    assert row.before(before), f"{row}: the world does not show the starting state"
    row.change(world)
    after = row.door(world)
    assert after != before
    assert row.after(after), f"{row}: the next answer still shows the old state"
    if before.startswith('ETag: "'):  # a browser holding the old page must get the new one
        assert after.split("\n", 1)[0] != before.split("\n", 1)[0]


def test_the_table_covers_every_model_the_versions_watch():
    """A model added to the helpdesk's versions (helpdesk.models.versions) gets a row here."""
    from helpdesk.models import versions

    watched = {*versions.PORTAL_CONFIG_MODELS, *versions.TICKET_ROWS}
    watched |= {f"{label}_{name}" for label, name in versions.PORTAL_CONFIG_CHOICES}
    assert watched <= {row.model for row in TABLE}


def test_removing_a_colleague_changes_the_filter_panel(world):
    new_colleague(world)
    assert "Zimmer" in ticket_list(world)
    drop_colleague(world)
    assert "Zimmer" not in ticket_list(world)


def test_a_changed_site_root_is_served_from_the_next_request(world):
    """The site cache (cms.core.site_cache) follows a site's root page too."""
    assert "Initech Support" in second_portal_home(world)
    Site.objects.filter(pk=world.second.pk).first().delete()
    assert "Northwind Service Portal" in second_portal_home(world)
