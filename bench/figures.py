"""The HTTP speed figures: each target against the bare view, interleaved A/B/A/B through
wrk (on core 1, gunicorn on core 0), median requests per second of each side.

  python -m bench.figures PORT cached   -> var/http_cached.json
  python -m bench.figures PORT uncached -> var/http_uncached.json (server runs a dummy cache)"""

import json
import statistics
import sys
from pathlib import Path

from .client import Session, wrk

VAR = Path(__file__).resolve().parent / "var"
BARE = "/bench/bare/"
ROUNDS = 3


def compare(port, path, *, cookies="", host="127.0.0.1", against=BARE, against_host=None):
    """Median requests/s of `path` and of `against` over interleaved rounds."""
    wrk(port, path, cookies=cookies, host=host, seconds=1)  # warm caches and connections
    mine, theirs, non2xx, socket = [], [], 0, 0
    for _ in range(ROUNDS):
        rps, bad, errors = wrk(port, against, cookies=cookies, host=against_host or host)
        theirs.append(rps)
        non2xx, socket = non2xx + bad, socket + errors
        rps, bad, errors = wrk(port, path, cookies=cookies, host=host)
        mine.append(rps)
        non2xx, socket = non2xx + bad, socket + errors
    target, base = statistics.median(mine), statistics.median(theirs)
    print(f"  {path[:60]:60} {target:8.1f}/s vs {base:8.1f}/s = {target / base:.3f}", flush=True)
    return {
        "path": path,
        "host": host,
        "rps": target,
        "against": against,
        "against_rps": base,
        "ratio": target / base,
        "non_2xx": non2xx,
        "socket_errors": socket,
    }


def cached(port, targets):
    alice = Session(port).login("alice@acme.example").cookie_header()
    carol = Session(port).login("carol@globex.example").cookie_header()
    figures = {
        "list_filtered": compare(port, targets["list_filtered"], cookies=alice),
        "ticket_page": compare(port, targets["ticket_page"], cookies=alice),
        "api_list": compare(port, targets["api_list"], cookies=alice),
        "kb_restricted": compare(port, targets["kb_restricted"], cookies=alice),
        "kb_public": compare(port, targets["kb_public"]),
        "kb_public_bench": compare(port, targets["kb_public_bench"], host="kb1k.bench.localhost"),
        "deep_vs_page1": compare(
            port, targets["list_deep"], cookies=alice, against=targets["list_page1"]
        ),
        "search_10k_vs_1k": compare(
            port,
            targets["kb_search"],
            host="kb10k.bench.localhost",
            against=targets["kb_search"],
            against_host="kb1k.bench.localhost",
        ),
    }
    # The 100-ticket customer's page 1 needs carol's session: measured on its own pair.
    figures["big_vs_small_page1"] = _cross_user(port, targets["list_page1"], alice, carol)
    return figures


def _cross_user(port, path, big_cookies, small_cookies):
    wrk(port, path, cookies=big_cookies, seconds=1)
    wrk(port, path, cookies=small_cookies, seconds=1)
    big, small, non2xx = [], [], 0
    for _ in range(ROUNDS):
        rps, bad, _errors = wrk(port, path, cookies=small_cookies)
        small.append(rps)
        non2xx += bad
        rps, bad, _errors = wrk(port, path, cookies=big_cookies)
        big.append(rps)
        non2xx += bad
    target, base = statistics.median(big), statistics.median(small)
    print(f"  page 1, 100k vs 100 tickets: {target:.1f}/s vs {base:.1f}/s", flush=True)
    return {"path": path, "rps": target, "against_rps": base, "ratio": target / base,
            "non_2xx": non2xx}  # fmt: skip


def uncached(port, targets):
    alice = Session(port).login("alice@acme.example").cookie_header()
    return {"kb_uncached": compare(port, targets["kb_restricted"], cookies=alice)}


def main():
    port, mode = int(sys.argv[1]), sys.argv[2]
    targets = json.loads((VAR / "targets.json").read_text())
    figures = {"cached": cached, "uncached": uncached}[mode](port, targets)
    (VAR / f"http_{mode}.json").write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
