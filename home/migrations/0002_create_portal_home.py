"""Replace Wagtail's placeholder welcome page with the portal's home page as the site root."""

import uuid

from django.conf import settings
from django.db import migrations


def create_portal_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    PortalHomePage = apps.get_model("home.PortalHomePage")

    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()

    home_type, _ = ContentType.objects.get_or_create(model="portalhomepage", app_label="home")
    locale, _ = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    home = PortalHomePage.objects.create(
        title="Service Portal",
        draft_title="Service Portal",
        slug="home",
        content_type=home_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale,
        translation_key=uuid.uuid4(),
        live=True,
    )
    Site.objects.create(
        hostname="localhost", root_page=home, is_default_site=True, site_name="Service Portal"
    )


def remove_portal_home(apps, schema_editor):
    apps.get_model("home.PortalHomePage").objects.filter(slug="home", depth=2).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_portal_home, remove_portal_home)]
