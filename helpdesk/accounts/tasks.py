from django_tasks import task

from . import reset


@task()
def send_password_reset_code(email: str, language: str | None = None, portal_id=None):
    """Enqueued for every accepted request, known address or not (C-11), with the language
    and portal of the request (older queued tasks lack them: the defaults apply)."""
    reset.request_code(email=email, language=language, portal_id=portal_id)
