"""Wagtail admin registration for the helpdesk. The only module that may import
wagtail_modeladmin (it fails when imported while models load)."""

from django.urls import include, path
from wagtail import hooks

from .admin import urls as admin_urls


@hooks.register("register_admin_urls")
def register_helpdesk_admin_urls():
    return [path("", include(admin_urls))]
