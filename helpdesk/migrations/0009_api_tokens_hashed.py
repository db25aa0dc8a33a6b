"""C-43: the API's tokens move from DRF's table (keys in clear text) to Wagtail's APIToken
(an HMAC of the key). Each existing key keeps working: its hash is stored under the user, with
a full lifetime from today; then the clear-text rows are deleted. Where staff two-factor is
required, staff keys are not carried over: they were issued for a password alone (C-44), and
staff ask for a new token with a code."""

from django.conf import settings
from django.db import migrations
from django.utils.crypto import salted_hmac

# wagtail.models.api.KEY_SALT, spelled out: a migration must not change when Wagtail does.
KEY_SALT = "wagtail.apitoken"


def hash_existing_keys(apps, schema_editor):
    Token = apps.get_model("authtoken", "Token")
    APIToken = apps.get_model("wagtailcore", "APIToken")
    tokens = Token.objects.all()
    if getattr(settings, "ADMIN_REQUIRE_2FA", False):
        tokens = tokens.exclude(user__is_staff=True)
    for token in tokens.iterator():
        APIToken.objects.create(
            user_id=token.user_id,
            name="API",
            key_hash=salted_hmac(
                KEY_SALT, token.key, secret=settings.SECRET_KEY, algorithm="sha256"
            ).hexdigest(),
            prefix=token.key[:8],
        )
    Token.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("helpdesk", "0008_user_access_generation"),
        ("wagtailcore", "0098_apitoken"),
        ("authtoken", "0004_alter_tokenproxy_options"),
    ]

    operations = [
        migrations.RunPython(hash_existing_keys, migrations.RunPython.noop, elidable=True),
    ]
