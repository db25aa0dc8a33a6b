"""C-09 on PostgreSQL: parallel wrong guesses cannot exceed the five-try budget (SQLite's test
database shares one connection, so threads there prove nothing)."""

import re
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection, connections

from helpdesk.accounts import reset, tokens
from helpdesk.accounts.tokens import CODE_ALPHABET
from helpdesk.models import AccountToken
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
    # Delivered on commit; the settled outbox row no longer holds the code, the e-mail does.
    (sent,) = mail.outbox
    code = re.search(rf"\b([{CODE_ALPHABET}]{{4}}) ([{CODE_ALPHABET}]{{4}})\b", sent.body)
    code = "".join(code.groups())
    assert tokens.matches(AccountToken.objects.get(user=user), code, bind_user=True)
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
