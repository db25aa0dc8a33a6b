"""SECURITY C-40, the answer half: a request that lost a lock race gets a clean, retryable 503
(Retry-After, the API's error shape or the portal's page), with DEBUG on too, never a 500."""

import json

import pytest
from django.db import IntegrityError, OperationalError
from django.test import RequestFactory, override_settings

from home.middleware import DatabaseBusyMiddleware


class LockNotAvailable(Exception):
    sqlstate = "55P03"  # what psycopg puts on PostgreSQL's lock_timeout error


def answer(path, error):
    middleware = DatabaseBusyMiddleware(lambda request: None)
    return middleware.process_exception(RequestFactory().post(path), error)


def wrapped(cause):
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    "error",
    [OperationalError("database is locked"), wrapped(LockNotAvailable("lock timeout"))],
    ids=["sqlite-lock-timeout", "postgres-lock-not-available"],
)
@override_settings(DEBUG=True)
def test_C40_a_lost_lock_race_is_a_retryable_503(error):
    api = answer("/api/v1/tickets/1/replies/", error)
    page = answer("/en/tickets/1/", error)

    assert api.status_code == page.status_code == 503
    assert api["Retry-After"] == page["Retry-After"] == "2"
    assert json.loads(api.content)["error"]["code"] == "service_unavailable"
    assert b"<html" in page.content.lower()


@pytest.mark.parametrize(
    "error",
    [OperationalError("no such table: helpdesk_ticket"), IntegrityError("database is locked")],
    ids=["other-operational-error", "not-an-operational-error"],
)
def test_C40_other_database_errors_are_left_to_the_error_pages(error):
    assert answer("/api/v1/tickets/", error) is None
