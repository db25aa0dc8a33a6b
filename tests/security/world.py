"""The cast of the permission matrix, built once per test module (see `security_world`).

Two customers on the main portal (Acme: main contact, A1, A2; Globex: B1), a second portal
(Initech, its own Wagtail Site and host) with contact C1, a technician and a KB editor. Every
object carries a unique marker in its title or content, so a denied response can be searched
for it: a marker in a refused body is a leak."""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from helpdesk.models import BuiltinFieldSetting, PortalSettings, Status
from helpdesk.services import attachment_add
from kb.models import KBRestriction, KBSettings
from tests.factories import (
    ContactFactory,
    CustomerFactory,
    PortalFactory,
    TechnicianFactory,
    TicketFactory,
    UserFactory,
)
from tests.kb.builders import article, attach, category, kb_root, section

INITECH_HOST = "support.initech.localhost"
ROLES = ("anon", "a1", "a2", "a_main", "b1", "c1", "tech", "editor")


@dataclass
class World:
    users: dict
    tickets: dict
    files: dict
    kb: dict
    markers: dict = field(default_factory=dict)

    def host_of(self, role):
        """Each contact talks to their own portal's host."""
        return INITECH_HOST if role == "c1" else "testserver"


def _file(ticket, marker):
    upload = SimpleUploadedFile(f"{marker}.txt", f"content {marker}\n".encode(), "text/plain")
    return attachment_add(ticket=ticket, uploaded_by=ticket.requester, upload=upload)


def build_world():
    main = Site.objects.get(is_default_site=True)
    PortalSettings.for_site(main)
    initech_site = PortalFactory(hostname=INITECH_HOST, site_name="Initech support")
    PortalSettings.for_site(initech_site)

    acme = CustomerFactory(name="Acme Corp", portal=main)
    globex = CustomerFactory(name="Globex Ltd", portal=main)
    initech = CustomerFactory(name="Initech", portal=initech_site)
    contacts = {
        "a_main": ContactFactory(customer=acme, is_main_contact=True, user__first_name="Ann"),
        "a1": ContactFactory(customer=acme, user__first_name="Adam"),
        "a2": ContactFactory(customer=acme, user__first_name="Ava"),
        "b1": ContactFactory(customer=globex, is_main_contact=True, user__first_name="Ben"),
        "c1": ContactFactory(customer=initech, is_main_contact=True, user__first_name="Cleo"),
    }
    users = {role: contact.user for role, contact in contacts.items()}
    users["anon"] = None
    users["tech"] = TechnicianFactory(first_name="Tess", email="tess@helpdesk.example")
    editor = UserFactory(first_name="Eddie", email="eddie@helpdesk.example", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    users["editor"] = editor

    tickets = {
        "tA1": TicketFactory(contact=contacts["a1"], title="Printer jam MKA1TICKET"),
        "tA2": TicketFactory(contact=contacts["a2"], title="VPN drops MKA2TICKET"),
        "tB1": TicketFactory(contact=contacts["b1"], title="Mail bounce MKB1TICKET"),
        "tC1": TicketFactory(contact=contacts["c1"], title="Stapler gone MKC1TICKET"),
        "tA1x": TicketFactory(
            contact=contacts["a1"],
            title="Old request MKA1XTICKET",
            status=Status.objects.get(code="resolved"),
        ),
    }
    BuiltinFieldSetting.objects.update_or_create(
        field="priority", defaults={"visibility": "editable"}
    )
    files = {name: _file(ticket, f"MK{name[1:]}FILE") for name, ticket in tickets.items()}

    root = kb_root(main)
    network = category(root, "Network")
    vpn = section(network, "VPN")
    open_article = article(vpn, "Connect MKOPENKB", slug="connect", summary="Open article.")
    private = section(network, "Acme gateways", slug="acme-gateways")
    secret = article(private, "Gateways MKACMEKB", slug="gateways", summary="MKACMESUMMARY")
    open_article.keywords.add("vpn")
    open_article.save_revision().publish()
    secret.keywords.add("gateway")
    secret.save_revision().publish()
    # The marker is the title (shown on the page); the file name stays neutral, so a 404 that
    # echoes the requested URL is not mistaken for a leak.
    guide = get_document_model().objects.create(
        title="Gateway guide MKACMEDOC", file=ContentFile(b"%PDF-1.4 MKACMEDOC", name="guide.pdf")
    )
    attach(secret, guide)
    # An image in the restricted article's body, and the main portal's logo (SECURITY C-45).
    Image = get_image_model()
    gateway_map = Image.objects.create(
        title="Gateway map", file=get_test_image_file(filename="gateway-map.png")
    )
    secret.body = [("image", {"image": gateway_map, "caption": "Gateways"})]
    secret.save_revision().publish()
    logo = Image.objects.create(title="Logo", file=get_test_image_file(filename="logo.png"))
    portal_settings = PortalSettings.for_site(main)
    portal_settings.logo = logo
    portal_settings.save()
    KBRestriction.set_for(private.translation_key, [acme])
    KBSettings.for_site(main)

    initech_root = kb_root(initech_site)
    initech_section = section(category(initech_root, "Office"), "Printing")
    initech_article = article(initech_section, "Toner MKINITECHKB", slug="toner")

    kb = {
        "root": root,
        "category": network,
        "section": vpn,
        "article": open_article,
        "private_section": private,
        "secret": secret,
        "document": guide,
        "secret_image": gateway_map.get_rendition("max-800x600"),
        "logo": logo.get_rendition("height-40"),
        "initech_root": initech_root,
        "initech_article": initech_article,
    }
    return World(users=users, tickets=tickets, files=files, kb=kb)
