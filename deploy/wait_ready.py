#!/usr/bin/env python3
"""Wait until a portal process is ready: ask its /readyz until it answers 200.

    wait_ready.py http://127.0.0.1:8001/readyz [--timeout 120]

Exit status 0 once ready; 1 after the timeout, with the last answer (which probe failed) on
standard error. The web unit runs it as ExecStartPost, so systemd counts the app server started,
and the units ordered after it start, only once it can serve; the container's HEALTHCHECK runs
it with --timeout 0 (one question). Standard library only: it runs before anything else works."""

import argparse
import sys
import time
import urllib.error
import urllib.request


def ask(url):
    """The status and body of one GET, or (None, why) when nothing answered."""
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:  # noqa: S310 (http URL given by the unit)
            return answer.status, answer.read().decode(errors="replace")
    except urllib.error.HTTPError as answer:
        return answer.code, answer.read().decode(errors="replace")
    except (OSError, urllib.error.URLError) as failure:
        return None, str(getattr(failure, "reason", failure))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("--timeout", type=float, default=120, help="seconds (0: ask once)")
    parser.add_argument("--interval", type=float, default=0.5, help="seconds between questions")
    options = parser.parse_args(argv)
    deadline = time.monotonic() + options.timeout
    while True:
        status, body = ask(options.url)
        if status == 200:
            return 0
        if time.monotonic() >= deadline:
            print(
                f"not ready after {options.timeout:g} s: {options.url} → {status} {body}"[:2000],
                file=sys.stderr,
            )
            return 1
        time.sleep(options.interval)


if __name__ == "__main__":
    sys.exit(main())
