"""C-09 on PostgreSQL: parallel wrong guesses cannot exceed the five-try budget (SQLite's test
database shares one connection, so threads there prove nothing)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from helpdesk.accounts import reset
from helpdesk.models import AccountToken, OutboxMessage
from tests.factories import ContactFactory
from tests.factories.helpdesk import PASSWORD

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL (real concurrent connections)"
    ),
]


def test_C09_twenty_parallel_wrong_guesses_use_at_most_five_tries(portal):
    user = ContactFactory(user__email="alice@acme.example").user
    assert reset.request_code(email=user.email)
    code = OutboxMessage.objects.get(template="password_reset_code").context["code"]
    barrier = threading.Barrier(20)
    outcomes = []

    def guess(number):
        try:
            barrier.wait()
            reset.reset_with_code(
                email=user.email, code=f"WRONG{number:03d}", password="not-set-ever-123"
            )
            outcomes.append("accepted")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert outcomes == ["refused"] * 20
    assert AccountToken.objects.get(user=user).attempts == reset.MAX_ATTEMPTS
    with pytest.raises(ValidationError):
        reset.reset_with_code(email=user.email, code=code, password="a-long-new-passphrase")
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
