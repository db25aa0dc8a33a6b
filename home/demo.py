"""The portal shell's part of `seed_demo`: the five locales and both demo portals (Wagtail
Sites with a PortalHomePage root, branding in PortalSettings). Runs first."""

import io

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from cms.core.locales import ensure_locales, sync_locale_trees
from helpdesk.demo import DEMO_PORT, INITECH_PORTAL_HOST, MAIN_PORTAL_HOST
from helpdesk.models import PortalSettings

from .models import PortalHomePage

ORDER = 10

PORTALS = (
    {
        "host": MAIN_PORTAL_HOST,
        "default": True,
        "title": "Service Portal",
        "slug": "home",
        "heading": "How can we help you today?",
        "intro": "Open and follow your support tickets, and find answers in our knowledge base.",
        "name": "Northwind IT Service Portal",
        "colour": "#1f6feb",
        "initials": "NW",
    },
    {
        "host": INITECH_PORTAL_HOST,
        "default": False,
        "title": "Initech Support",
        "slug": "initech",
        "heading": "Initech Support",
        "intro": "The help desk for Initech staff.",
        "name": "Initech Support",
        "colour": "#7c3aed",
        "initials": "IN",
    },
)


def _logo(title, initials, colour):
    Image = get_image_model()
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    canvas = PILImage.new("RGB", (160, 160), colour)
    draw = ImageDraw.Draw(canvas)
    draw.text((80, 80), initials, fill="white", anchor="mm", font_size=72)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"{initials.lower()}-logo.png")
    )


def _home_page(spec, source_locale):
    """The portal's home page; left alone when it exists, since editors may have changed it."""
    page = PortalHomePage.objects.filter(locale=source_locale, slug=spec["slug"], depth=2).first()
    if page is not None and page.welcome_heading:
        return page
    if page is None:
        page = Page.get_first_root_node().add_child(
            instance=PortalHomePage(title=spec["title"], slug=spec["slug"], locale=source_locale)
        )
    page.title = spec["title"]
    page.welcome_heading = spec["heading"]
    page.intro = spec["intro"]
    page.save_revision().publish()
    return page


def ensure_portal(spec):
    source_locale = Locale.get_default()
    home = _home_page(spec, source_locale)
    site, _created = Site.objects.update_or_create(
        hostname=spec["host"],
        port=DEMO_PORT,
        defaults={
            "root_page": home,
            "site_name": spec["name"],
            "is_default_site": spec["default"],
        },
    )
    portal = PortalSettings.for_site(site)
    portal.portal_name = spec["name"]
    portal.primary_colour = spec["colour"]
    portal.public_base_url = f"http://{spec['host']}:{DEMO_PORT}"
    portal.logo = _logo(f"{spec['name']} logo", spec["initials"], spec["colour"])
    portal.save()
    return site


def seed(*, stdout, options):
    ensure_locales()
    # The migration's placeholder site (localhost:80) gives way to the demo's main portal.
    Site.objects.exclude(hostname__in=[p["host"] for p in PORTALS]).delete()
    for spec in PORTALS:
        ensure_portal(spec)
    sync_locale_trees()
    stdout.write(f"  home: {len(PORTALS)} portals, {Locale.objects.count()} locales")
