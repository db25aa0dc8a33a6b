"""Worker memory: `python -m bench.memory PORT upload` posts a 50 MB file as a reply and
records the workers' RSS before and after; `python -m bench.memory PORT peak` records every
worker's VmHWM (after the load run). Both read /proc/<pid>/status of gunicorn's workers."""

import json
import re
import subprocess
import sys
import time
from pathlib import Path

from .client import Session

VAR = Path(__file__).resolve().parent / "var"
UPLOAD_MB = 50


def workers():
    master = int((VAR / "gunicorn.pid").read_text())
    command = ["pgrep", "-P", str(master)]
    found = subprocess.run(command, capture_output=True, text=True).stdout  # noqa: S603
    return [int(pid) for pid in found.split()]


def status_kb(pid, key):
    text = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"^{key}:\s+(\d+) kB", text, re.MULTILINE).group(1))


def upload(port):
    state = json.loads((VAR / "state.json").read_text())
    session = Session(port).login("alice@acme.example")
    # An open ticket (a closed one takes no reply) other than the one the speed figures
    # measure at 20 replies and 5 files.
    _response, listing = session.request("GET", "/en/tickets/?status=open")
    links = re.findall(rb'href="(/en/tickets/\d+/)"', listing)
    path = next(
        p.decode() for p in links if p != f"/en/tickets/{state['showcase_ticket']}/".encode()
    )
    before = {pid: status_kb(pid, "VmRSS") for pid in workers()}
    boundary = "benchboundary50mb"
    token = session.csrf_form_token(path)
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{token}\r\n--{boundary}\r\n"
        'Content-Disposition: form-data; name="body"\r\n\r\nThe 50 MB log.\r\n'
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="files"; filename="big.log.txt"\r\n'
        "Content-Type: text/plain\r\n\r\n"
    ).encode()
    tail = f"\r\n--{boundary}--\r\n".encode()
    body = head + (b"log line of the fifty megabyte upload\n" * 1_400_000)[: UPLOAD_MB << 20] + tail
    started = time.monotonic()
    response, _data = session.request(
        "POST",
        f"{path}reply/",
        body,
        {"Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": path},
    )
    seconds = time.monotonic() - started
    after = {pid: status_kb(pid, "VmRSS") for pid in workers()}
    growth = max(after[pid] - before.get(pid, after[pid]) for pid in after)
    result = {
        "status": response.status,
        "seconds": round(seconds, 1),
        "upload_mb": UPLOAD_MB,
        "rss_before_kb": before,
        "rss_after_kb": after,
        "max_growth_mb": round(growth / 1024, 1),
    }
    (VAR / "upload.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result))


def peak(_port):
    result = {str(pid): status_kb(pid, "VmHWM") for pid in workers()}
    (VAR / "worker_peak.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result))


if __name__ == "__main__":
    {"upload": upload, "peak": peak}[sys.argv[2]](int(sys.argv[1]))
