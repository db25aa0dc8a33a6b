"""/<lang>/account/welcome/<token>/: set the first password from the welcome e-mail's link."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import welcome
from .backends import BACKEND_PATH
from .views import home_url, set_language_cookie


@never_cache
@require_http_methods(["GET", "POST"])
def welcome_set_password(request, token):
    link = welcome.live_welcome_token(token)
    if link is None:
        return render(request, "helpdesk/accounts/welcome_invalid.html", status=404)
    form = SetPasswordForm(link.user, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if not welcome.set_first_password(token=link, password=form.cleaned_data["new_password1"]):
            return render(request, "helpdesk/accounts/welcome_invalid.html", status=404)
        user = link.user
        login(request, user, backend=BACKEND_PATH)
        with translation.override(user.language):
            messages.success(request, _("Your password is set. Welcome!"))
            response = redirect(home_url())
        set_language_cookie(response, user.language)
        return response
    return render(
        request,
        "helpdesk/accounts/welcome.html",
        {"form": form, "email": link.user.email},
        status=400 if form.is_bound else 200,
    )
