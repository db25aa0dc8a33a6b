from django_tasks import task

from . import reset


@task()
def send_password_reset_code(email: str):
    """Enqueued for every accepted request, known address or not (C-11)."""
    reset.request_code(email=email)
