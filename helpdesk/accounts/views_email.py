"""/<lang>/account/email/<token>/: confirm a new e-mail address (a POST, so that a mail
scanner opening the link changes nothing)."""

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .email_change import email_change_confirm, live_email_token


@never_cache
@require_http_methods(["GET", "POST"])
def email_confirm(request, token):
    link = live_email_token(token)
    if link is None:
        return render(request, "helpdesk/accounts/welcome_invalid.html", status=404)
    if request.method == "POST":
        # Read before the change: afterwards the session's old hash no longer matches.
        owner_signed_in = request.user.is_authenticated and request.user.pk == link.user_id
        if not email_change_confirm(token=link):
            return render(request, "helpdesk/accounts/welcome_invalid.html", status=404)
        if owner_signed_in:  # every other session of the user ended (C-43); this one stays
            update_session_auth_hash(request, link.user)
        messages.success(request, _("Your e-mail address was changed."))
        return redirect("account:login" if not request.user.is_authenticated else "account:profile")
    return render(request, "helpdesk/accounts/email_confirm.html", {"new_email": link.new_email})
