"""Start a unit of deploy/systemd without systemd: bench/scaleout.sh runs the very commands the
units hold, in their order, with the web unit's readiness check gating its start.

    python -m bench.units deploy/systemd/portal-web@.service --instance 8107 \\
        --root "$PWD" --env-file bench/var/portal.env --run-dir bench/var/run

Of a unit's [Service] section it follows: Type= (oneshot: each ExecStart= in turn; otherwise
the last ExecStart= is the main process, left running in the background, its pid in
--run-dir/<unit>.pid),
ExecStartPre=, ExecStartPost= (a failure stops the main process and fails the start, as in
systemd), Environment=, EnvironmentFile= (read from --env-file), WorkingDirectory=,
RuntimeDirectory= (made empty under --run-dir) and the specifier %i. /srv/portal becomes --root.
User=, Group= and the sandboxing lines are systemd's alone: the bench runs as whoever runs it."""

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path

UNIT_ROOT = "/srv/portal"  # where the units expect the portal (docs/deployment.md)
KEPT_FROM_CALLER = ("PATH", "HOME", "LANG", "LC_ALL", "TZ")


def read_unit(path: Path) -> dict[str, list[tuple[str, str]]]:
    """Sections of a unit file as ordered (key, value) lists: keys such as ExecStart= repeat."""
    sections: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        key, _, value = line.partition("=")
        current.append((key.strip(), value.strip()))
    return sections


def read_env_file(path: Path) -> dict[str, str]:
    """systemd's EnvironmentFile= format: KEY=VALUE lines, optional quotes, # comments."""
    values = {}
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        key, _, value = line.partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


class Unit:
    def __init__(self, path, instance, root, env_file, run_dir):
        self.name = path.name.replace("@.", f"@{instance}.") if instance else path.name
        self.instance = instance
        self.root = str(root)
        self.run_dir = Path(run_dir)
        self.runtime_dirs: dict[str, Path] = {}
        self.main: subprocess.Popen | None = None
        service = read_unit(path).get("Service", [])
        self.entries = [(key, self.expand(value)) for key, value in service]
        self.type = self.last("Type", "simple")
        self.cwd = self.last("WorkingDirectory", self.root)
        self.env = {key: os.environ[key] for key in KEPT_FROM_CALLER if key in os.environ}
        for assignments in self.all("Environment"):
            for assignment in shlex.split(assignments):
                key, _, value = assignment.partition("=")
                self.env[key] = value
        if self.all("EnvironmentFile"):  # as in systemd, the file wins over Environment=
            self.env.update(read_env_file(Path(env_file)))

    def expand(self, value: str) -> str:
        value = value.replace("%i", self.instance or "").replace("%%", "%")
        return value.replace(UNIT_ROOT, self.root)

    def all(self, key):
        return [value for entry, value in self.entries if entry == key]

    def last(self, key, default):
        values = self.all(key)
        return values[-1] if values else default

    def make_runtime_dirs(self):
        """RuntimeDirectory=: empty at every start; /run/<name> in the unit points there."""
        for name in self.all("RuntimeDirectory"):
            folder = self.run_dir / name
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            self.runtime_dirs[f"/run/{name}"] = folder
        for key, value in self.env.items():
            for unit_path, folder in self.runtime_dirs.items():
                value = value.replace(unit_path, str(folder))
            self.env[key] = value

    def command(self, line: str) -> tuple[list[str], bool]:
        """The argv of an Exec line and whether its failure counts ('-' prefix: it does not)."""
        ignore_failure = line.startswith("-")
        return shlex.split(line.lstrip("-@+!:")), not ignore_failure

    def run(self, line: str, log) -> None:
        argv, must_succeed = self.command(line)
        code = subprocess.call(argv, cwd=self.cwd, env=self.env, stdout=log, stderr=log)  # noqa: S603
        if code and must_succeed:
            raise SystemExit(f"{self.name}: `{line}` exited with {code}")

    def start(self, log_path: Path) -> int | None:
        """Start the unit as systemd would; the main process's pid (None for a oneshot)."""
        self.make_runtime_dirs()
        began = time.monotonic()
        with open(log_path, "ab") as log:
            for line in self.all("ExecStartPre"):
                self.run(line, log)
            if self.type == "oneshot":
                for line in self.all("ExecStart"):
                    self.run(line, log)
            else:
                argv, _ = self.command(self.all("ExecStart")[-1])
                self.main = subprocess.Popen(  # noqa: S603 (the unit's own command)
                    argv,
                    cwd=self.cwd,
                    env=self.env,
                    stdout=log,
                    stderr=log,
                    start_new_session=True,
                )
            try:
                for line in self.all("ExecStartPost"):
                    self.run(line, log)
            except SystemExit:
                if self.main:  # as systemd does: a failed start leaves nothing running
                    os.killpg(self.main.pid, 15)
                    self.main.wait(timeout=60)
                raise
        print(f"{self.name}: started in {time.monotonic() - began:.1f} s", file=sys.stderr)
        return self.main.pid if self.main else None


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("unit", type=Path)
    parser.add_argument("--instance", default="")
    parser.add_argument("--root", type=Path, default=Path.cwd())
    parser.add_argument("--env-file", type=Path, required=True)
    parser.add_argument("--run-dir", type=Path, required=True)
    options = parser.parse_args(argv)
    unit = Unit(
        options.unit,
        options.instance,
        options.root.resolve(),
        options.env_file,
        options.run_dir.resolve(),
    )
    options.run_dir.mkdir(parents=True, exist_ok=True)
    pid = unit.start(options.run_dir / f"{unit.name}.log")
    if pid:
        (options.run_dir / f"{unit.name}.pid").write_text(f"{pid}\n")


if __name__ == "__main__":
    main()
