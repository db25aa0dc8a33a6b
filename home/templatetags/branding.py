from django import template
from wagtail.images.shortcuts import get_rendition_or_not_found

from cms.core.versioned_cache import cached
from helpdesk.models.versions import PORTAL_CONFIG
from home.branding import readable_link_colour

register = template.Library()


@register.filter
def link_colour(colour):
    """The brand colour darkened until it reads as link text (PortalSettings validates it)."""
    return readable_link_colour(colour or "#1f6feb")


@register.simple_tag
def portal_logo(portal):
    """The portal's logo, 40 px high, as an <img> tag. Every page shows it, and Wagtail's
    rendition look-up (filter cache key, rendition cache) costs most of a millisecond, so the
    tag is kept until an image or a portal setting changes (both move PORTAL_CONFIG)."""
    if not portal.logo_id:
        return ""

    def render():
        rendition = get_rendition_or_not_found(portal.logo, "height-40")
        return rendition.img_tag({"class": "brand-logo", "alt": ""})

    return cached(PORTAL_CONFIG, ("portal-logo", portal.pk, portal.logo_id), render)
