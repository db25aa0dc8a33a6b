"""The deployment kit (deploy/, docs/deployment.md): the systemd units run commands that exist,
the web unit is counted started only once /readyz says so, every variable of the sample
environment is documented, and bench/units.py (which bench/scaleout.sh starts the units with)
does what systemd does with them."""

import http.server
import os
import re
import shlex
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.core.management import get_commands

from bench.units import Unit, read_env_file, read_unit

ROOT = Path(__file__).resolve().parents[2]
UNITS = sorted((ROOT / "deploy" / "systemd").glob("*.service"))
WAIT_READY = [sys.executable, str(ROOT / "deploy" / "wait_ready.py")]


def exec_lines(path):
    return [
        value
        for key, value in read_unit(path)["Service"]
        if key in ("ExecStartPre", "ExecStart", "ExecStartPost")
    ]


@pytest.mark.parametrize("path", UNITS, ids=lambda path: path.name)
def test_every_unit_runs_commands_of_this_code(path):
    service = dict(read_unit(path)["Service"])
    assert service["WorkingDirectory"] == "/srv/portal"
    assert service["EnvironmentFile"] == "/etc/portal/portal.env"
    assert service["User"] == "portal"
    for line in exec_lines(path):
        program, *args = shlex.split(line.replace("%i", "8001"))
        assert program in ("/srv/portal/.venv/bin/python", "/srv/portal/.venv/bin/gunicorn")
        if args[:1] == ["manage.py"]:
            assert args[1] in get_commands(), f"{path.name}: no command {args[1]}"
        for arg in args:
            if arg.startswith("deploy/"):
                assert (ROOT / arg).is_file(), f"{path.name}: {arg} is missing"


def test_the_web_unit_is_started_only_once_ready():
    path = ROOT / "deploy" / "systemd" / "portal-web@.service"
    service = read_unit(path)["Service"]
    assert ("Environment", "GUNICORN_BIND=127.0.0.1:%i") in service
    assert (
        "ExecStartPost",
        "/srv/portal/.venv/bin/python deploy/wait_ready.py http://127.0.0.1:%i/readyz"
        " --timeout 120",
    ) in service
    # The metrics folder is the unit's runtime directory: empty at each start, as it must be.
    assert ("RuntimeDirectory", "portal-web-%i") in service
    assert ("Environment", "PROMETHEUS_MULTIPROC_DIR=/run/portal-web-%i") in service


def test_every_variable_of_the_sample_environment_is_documented():
    documented = (ROOT / "README.md").read_text() + (ROOT / "docs/deployment.md").read_text()
    sample = read_env_file(ROOT / "deploy" / "portal.env.example")
    assert "SECRET_KEY" in sample and "DATABASE_URL" in sample
    missing = [name for name in sample if f"`{name}`" not in documented]
    assert not missing, f"not in README's Configuration or docs/deployment.md: {missing}"


# What the settings and the gunicorn configuration read from the environment.
READ = re.compile(
    r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"|os\.environ(?:\.get\(|\[)"([A-Z0-9_]+)"'
    r'|"([A-Z0-9_]+)" in os\.environ'
)


def test_every_variable_the_portal_reads_is_documented():
    sources = [*(ROOT / "cms" / "settings").glob("*.py"), ROOT / "deploy" / "gunicorn.conf.py"]
    names = {
        next(group for group in match.groups() if group)
        for source in sources
        for match in READ.finditer(source.read_text())
    }
    assert {"SECRET_KEY", "DATABASE_URL", "GUNICORN_WORKERS", "OPS_TOKEN"} <= names
    for doc in ("README.md", "docs/deployment.md"):  # its meaning; the operator's list
        text = (ROOT / doc).read_text()
        missing = sorted(name for name in names if f"`{name}`" not in text)
        assert not missing, f"read by the settings, not in {doc}: {missing}"


class Readiness(http.server.BaseHTTPRequestHandler):
    """/readyz that answers 503 (naming the failing probe) until told otherwise."""

    answers: list[int] = []

    def do_GET(self):
        status = self.answers.pop(0) if self.answers else 200
        body = b'{"status": "unavailable", "checks": {"database": "failing"}}'
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def readiness():
    server = http.server.HTTPServer(("127.0.0.1", 0), Readiness)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server
    server.shutdown()
    server.server_close()


def test_wait_ready_waits_through_503_and_names_what_fails(readiness):
    url = f"http://127.0.0.1:{readiness.server_port}/readyz"
    Readiness.answers = [503, 503]
    waited = subprocess.run(
        [*WAIT_READY, url, "--timeout", "30", "--interval", "0.05"], capture_output=True
    )
    assert waited.returncode == 0 and Readiness.answers == []

    Readiness.answers = [503]
    refused = subprocess.run([*WAIT_READY, url, "--timeout", "0"], capture_output=True, text=True)
    assert refused.returncode == 1
    assert "503" in refused.stderr and '"database": "failing"' in refused.stderr


def test_wait_ready_fails_when_nothing_listens():
    with http.server.HTTPServer(("127.0.0.1", 0), Readiness) as closed:
        url = f"http://127.0.0.1:{closed.server_port}/readyz"  # bound, never served
    refused = subprocess.run([*WAIT_READY, url, "--timeout", "0"], capture_output=True, text=True)
    assert refused.returncode == 1 and "not ready" in refused.stderr


def write_unit(folder, post):
    unit = folder / "demo@.service"
    unit.write_text(
        "[Service]\n"
        "Type=exec\n"
        "WorkingDirectory=/srv/portal\n"
        "EnvironmentFile=/etc/portal/portal.env\n"
        "Environment=PORT=%i STATE=/run/demo-%i/state\n"
        "RuntimeDirectory=demo-%i\n"
        f"ExecStart={sys.executable} -c 'import time; time.sleep(60)'\n"
        f"ExecStartPost={post}\n"
    )
    env_file = folder / "portal.env"
    env_file.write_text('# sample\nPORT=9999\nGREETING="hello there"\n')
    return unit, env_file


def test_the_unit_runner_reads_units_as_systemd_does(tmp_path):
    # /srv/portal in the unit stands for the root given to the runner (here tmp_path).
    check = (
        f'{sys.executable} -c "import os, pathlib; '
        "assert os.environ['PORT'] == '9999', 'the file wins over Environment='; "
        "assert os.environ['GREETING'] == 'hello there'; "
        "state = pathlib.Path(os.environ['STATE']); "
        "assert state.parent.is_dir() and not any(state.parent.iterdir()); "
        "assert pathlib.Path.cwd() == pathlib.Path('/srv/portal')\""
    )
    unit_file, env_file = write_unit(tmp_path, check)
    stale = tmp_path / "run" / "demo-8001" / "stale"
    stale.parent.mkdir(parents=True)
    stale.write_text("from the last start")
    unit = Unit(unit_file, "8001", tmp_path, env_file, tmp_path / "run")
    pid = unit.start(tmp_path / "demo.log")
    try:
        assert unit.name == "demo@8001.service"
        assert unit.env["STATE"] == str(tmp_path / "run" / "demo-8001" / "state")
        assert unit.main.poll() is None  # the main process runs on after the start
    finally:
        os.killpg(pid, 15)
        unit.main.wait(timeout=30)


def test_a_failed_start_post_check_stops_the_main_process(tmp_path):
    unit_file, env_file = write_unit(tmp_path, "/bin/false")
    unit = Unit(unit_file, "8002", tmp_path, env_file, tmp_path / "run")
    with pytest.raises(SystemExit, match="exited with 1"):
        unit.start(tmp_path / "demo.log")
    assert unit.main.returncode == -15  # stopped, not left running
