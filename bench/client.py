"""A tiny HTTP client for the benchmark (stdlib only): log in through the portal's form and
return the cookies, fetch a page, and run wrk against one URL."""

import http.client
import re
import subprocess
from http.cookies import SimpleCookie
from urllib.parse import urlencode

DEMO_PASSWORD = "portal-demo-2026"  # noqa: S105 (the README's demo password)


class Session:
    def __init__(self, port, host="127.0.0.1"):
        self.port, self.host, self.cookies = port, host, {}

    def cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        sent = {"Host": self.host, **(headers or {})}
        if self.cookies:
            sent["Cookie"] = self.cookie_header()
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response, data

    def csrf_form_token(self, path):
        response, data = self.request("GET", path)
        found = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', data)
        if response.status != 200 or not found:
            raise RuntimeError(f"no form on {path}: {response.status}")
        return found.group(1).decode()

    def login(self, email, password=DEMO_PASSWORD):
        token = self.csrf_form_token("/en/account/login/")
        body = urlencode({"username": email, "password": password, "csrfmiddlewaretoken": token})
        response, _data = self.request(
            "POST",
            "/en/account/login/",
            body,
            {"Content-Type": "application/x-www-form-urlencoded"},
        )
        if response.status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login of {email} failed: {response.status}")
        return self


def wrk(port, path, *, cookies="", host="127.0.0.1", seconds=3, connections=2):
    """(requests per second, non-2xx/3xx answers, socket errors) of one wrk run, pinned to
    core 1. gunicorn's sync workers close every connection, so wrk reconnects each time."""
    command = ["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{seconds}s"]
    command += ["-H", f"Host: {host}"]
    if cookies:
        command += ["-H", f"Cookie: {cookies}"]
    command.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(command, capture_output=True, text=True, check=True)  # noqa: S603
    output = output.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    socket_errors = sum(int(n) for n in errors.groups()) if errors else 0
    return rps, int(bad.group(1)) if bad else 0, socket_errors
