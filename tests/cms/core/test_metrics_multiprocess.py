"""/metrics under gunicorn with several workers (PROMETHEUS_MULTIPROC_DIR, as the web unit of
deploy/systemd sets it): one scrape adds up what every worker counted. The server is the real
one — deploy/gunicorn.conf.py, two sync workers — on the test database, started and gated by
deploy/wait_ready.py as the unit does. PostgreSQL only: a second process cannot open SQLite's
in-memory test database."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from django.db import connection

from tests.live_sqlite import free_port

from .test_metrics import value

pytestmark = [pytest.mark.django_db, pytest.mark.subprocess]
ROOT = Path(__file__).resolve().parents[3]
REQUESTS = 40


def database_url():
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def gunicorn(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the workers share the test database: PostgreSQL only")
    port = free_port()
    (tmp_path / "metrics").mkdir()
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "DATABASE_URL": database_url(),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
    }
    command = [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py"]
    with (tmp_path / "gunicorn.log").open("w") as log:
        server = subprocess.Popen(
            [*command, "cms.wsgi:application"], cwd=ROOT, env=environment, stdout=log, stderr=log
        )
    url = f"http://127.0.0.1:{port}"
    try:
        ready = subprocess.run(
            [sys.executable, "deploy/wait_ready.py", f"{url}/readyz", "--timeout", "60"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert ready.returncode == 0, ready.stderr + (tmp_path / "gunicorn.log").read_text()
        yield url, tmp_path / "metrics"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_one_scrape_adds_up_every_workers_counts(gunicorn):
    url, folder = gunicorn
    counted = "django_http_requests_before_middlewares_total"
    before = value(requests.get(f"{url}/metrics", timeout=10).text, counted)

    def ask(_):  # a new connection each: the two workers take them as they come
        return requests.get(f"{url}/healthz", timeout=10, headers={"Connection": "close"})

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert {answer.status_code for answer in pool.map(ask, range(REQUESTS))} == {200}
    after = value(requests.get(f"{url}/metrics", timeout=10).text, counted)

    assert after - before == REQUESTS + 1  # the healthz requests and the second scrape
    workers = {path.stem.rsplit("_", 1)[1] for path in folder.glob("counter_*.db")}
    assert len(workers) == 2, "both workers write their counts to the shared folder"
