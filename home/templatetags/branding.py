from django import template

from home.branding import readable_link_colour

register = template.Library()


@register.filter
def link_colour(colour):
    """The brand colour darkened until it reads as link text (PortalSettings validates it)."""
    return readable_link_colour(colour or "#1f6feb")
