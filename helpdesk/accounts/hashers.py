"""Argon2id with OWASP's parameters (Password Storage Cheat Sheet: m=19 MiB, t=2, p=1).

Django's own defaults (m=100 MiB, t=2, p=8) cost about 230 ms of CPU and 100 MiB of memory per
login on these machines; at 200 simultaneous logins that alone fills a core for most of a
minute and pushes a gunicorn worker towards its memory limit. OWASP's configuration is a listed
equivalent for offline-guessing resistance at a sixth of the cost. Hashes made with other
parameters still verify and are re-hashed with these at the next login (Django's
`must_update`)."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    memory_cost = 19 * 1024  # KiB
    time_cost = 2
    parallelism = 1
