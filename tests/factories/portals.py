import factory
from wagtail.models import Locale, Page, Site

from home.models import PortalHomePage


class PortalHomePageFactory(factory.django.DjangoModelFactory):
    """A portal home page directly under the tree root (a new portal's root)."""

    class Meta:
        model = PortalHomePage

    title = factory.Faker("company")
    # Unique slugs: "home" is taken by the migrated default portal.
    slug = factory.Sequence(lambda n: f"portal-{n}")
    welcome_heading = factory.Faker("catch_phrase")

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        kwargs.setdefault("locale", Locale.get_default())
        return Page.get_first_root_node().add_child(instance=model_class(*args, **kwargs))


class PortalFactory(factory.django.DjangoModelFactory):
    """A portal: a Wagtail Site of its own host, rooted at a new portal home page."""

    class Meta:
        model = Site

    hostname = factory.Sequence(lambda n: f"portal{n}.example")
    port = 80
    site_name = factory.Faker("company")
    root_page = factory.SubFactory(PortalHomePageFactory)
    is_default_site = False
