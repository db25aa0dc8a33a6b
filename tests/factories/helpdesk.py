import factory
from wagtail.models import Site

from helpdesk.accounts import api_tokens
from helpdesk.models import Contact, Customer, User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    language = "en"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save(update_fields=["password"])


class CustomerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Customer

    name = factory.Sequence(lambda n: f"Customer {n}")
    # The migrated default portal unless a test passes its own.
    portal = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    user = factory.SubFactory(UserFactory)
    customer = factory.SubFactory(CustomerFactory)
    job_title = factory.Faker("job")
    is_main_contact = False


_keys = {}  # user id -> the key the helper last made for them


def api_token(user, name="API") -> str:
    """The key of an active API token of `user`, made the way `POST /api/v1/auth/token/` makes
    one. Reused while it still works, so that a test asking many times stays under the cap of
    tokens per user (the key is checked against the database: never one of another test)."""
    key = _keys.get(user.pk)
    found = api_tokens.live_token(key) if key else None
    if found is None or found.user_id != user.pk:
        key = _keys[user.pk] = api_tokens.issue(user=user, name=name)[1]
    return key
