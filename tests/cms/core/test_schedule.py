"""The schedule (cms.core.schedule, `manage.py run_schedule`): jobs that must run do, once per
interval however many schedulers tick, and a failing job stops no other."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import APIToken

from cms.core.schedule import jobs, register, tick
from cms.core.schedule import registry as schedule_registry
from helpdesk.accounts import tokens
from helpdesk.models import AccountToken, OutboxMessage, OutboxStatus
from kb.models import KBArticlePage
from tests.factories import ContactFactory
from tests.kb.builders import category, kb_root, section

pytestmark = pytest.mark.django_db

DEPLOYMENT = Path(__file__).resolve().parents[3] / "docs" / "deployment.md"


@pytest.fixture
def scratch_jobs(monkeypatch):
    """Only the jobs a test registers, so the real ones do not run in it."""
    monkeypatch.setattr(schedule_registry, "_JOBS", {})
    cache.clear()


def test_a_page_scheduled_for_the_past_is_live_after_one_tick(portal):
    parent = section(category(kb_root(portal), "Network"), "VPN")
    page = KBArticlePage(title="Scheduled article", slug="scheduled", live=False)
    parent.add_child(instance=page)
    page.save_revision(approved_go_live_at=timezone.now() - timedelta(minutes=1))
    assert not KBArticlePage.objects.get(pk=page.pk).live
    cache.clear()

    call_command("run_schedule", "--once")

    assert KBArticlePage.objects.get(pk=page.pk).live


def test_a_job_runs_once_per_interval_whichever_scheduler_ticks(scratch_jobs):
    runs = []
    register("count", timedelta(minutes=5), "Counts.", lambda: runs.append(1))
    now = timezone.now()
    assert tick(now) == {"count": "ran"}
    assert tick(now + timedelta(seconds=1)) == {}  # a second scheduler, same interval
    assert tick(now + timedelta(minutes=5)) == {"count": "ran"}
    assert len(runs) == 2


def test_a_failing_job_stops_no_other_and_is_tried_again(scratch_jobs):
    runs = []

    def broken():
        raise RuntimeError("mail server down")

    register("a_broken", timedelta(minutes=1), "Fails.", broken)
    register("b_fine", timedelta(minutes=1), "Works.", lambda: runs.append(1))
    now = timezone.now()
    assert tick(now) == {"a_broken": "failed", "b_fine": "ran"}
    assert tick(now + timedelta(minutes=1)) == {"a_broken": "failed", "b_fine": "ran"}
    assert runs == [1, 1]


def test_every_job_is_listed_in_the_deployment_guide():
    guide = DEPLOYMENT.read_text(encoding="utf-8")
    names = [job.name for job in jobs()]
    assert {"publish_scheduled", "deliver_outbox", "clear_sessions"} <= set(names)
    assert [name for name in names if f"`{name}`" not in guide] == []


def test_the_clean_ups_delete_only_what_is_dead():
    now = timezone.now()
    user = ContactFactory().user
    old, recent = now - timedelta(days=40), now - timedelta(hours=1)
    for status, created in [
        (OutboxStatus.SENT, old),
        (OutboxStatus.SENT, recent),
        (OutboxStatus.PENDING, old),  # still to be sent: kept whatever its age
        (OutboxStatus.FAILED, old),  # failures stay 90 days
    ]:
        OutboxMessage.objects.create(
            recipient="x@example.com",
            language="en",
            template="t",
            status=status,
            created_at=created,
        )
    live = tokens.issue(user=user, purpose="welcome", secret="a" * 32, lifetime=timedelta(days=7))
    dead = AccountToken.objects.create(
        user=user, purpose="password_reset", token_hash="b" * 64, expires_at=now - timedelta(days=2)
    )
    APIToken.create_token(user=user, name="kept")
    revoked, _key = APIToken.create_token(user=user, name="revoked long ago")
    APIToken.objects.filter(pk=revoked.pk).update(revoked_at=old)

    call_command("run_schedule", "--once")

    assert sorted(OutboxMessage.objects.values_list("status", "created_at__date")) == sorted(
        [
            (OutboxStatus.SENT, recent.date()),
            (OutboxStatus.PENDING, old.date()),
            (OutboxStatus.FAILED, old.date()),
        ]
    )
    assert list(AccountToken.objects.values_list("pk", flat=True)) == [live.pk]
    assert not AccountToken.objects.filter(pk=dead.pk).exists()
    assert list(APIToken.objects.values_list("name", flat=True)) == ["kept"]
