"""Login, logout, profile and app settings at /<lang>/account/…"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import api_tokens, services
from .email_change import email_change_request
from .forms import (
    ApiTokenForm,
    EmailChangeForm,
    EmailLoginForm,
    LanguageForm,
    PasswordForm,
    ProfileForm,
)
from .redirects import is_safe_next


def home_url():
    return reverse("wagtail_serve", args=[""])


def set_language_cookie(response, language):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


class LoginView(auth_views.LoginView):
    template_name = "helpdesk/login.html"
    form_class = EmailLoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return home_url()

    def get_context_data(self, **kwargs):
        # Said after every failed login, for any address: a paused sign-in (django-axes)
        # answers with the same words as a wrong password (C-17), so this is the only hint.
        pause = {
            "attempts": settings.AXES_FAILURE_LIMIT,
            "minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
        }
        return super().get_context_data(**kwargs, login_pause=pause)

    def get_redirect_url(self):
        """Django's check, then ours: a path on this site, also after percent-decoding."""
        url = super().get_redirect_url()
        secure = self.request.is_secure()
        return url if is_safe_next(url, host=self.request.get_host(), require_https=secure) else ""

    def form_valid(self, form):
        response = super().form_valid(form)
        # The user's stored language wins after login: same page, under their prefix.
        language = form.get_user().language
        if language and language != translation.get_language():
            response["Location"] = translate_url(response["Location"], language)
        set_language_cookie(response, language)
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django's default); returns to the portal home in the current language."""

    def get_default_redirect_url(self):
        return home_url()


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    """Several forms on one page, told apart by the submit button's `action`. An invalid POST
    answers 400 (C-14: a wrong current password is a client error)."""
    action = request.POST.get("action") if request.method == "POST" else None
    profile_form = ProfileForm(request.POST if action == "profile" else None, user=request.user)
    password_form = PasswordForm(request.user, request.POST if action == "password" else None)
    email_form = EmailChangeForm(request.POST if action == "email" else None, user=request.user)
    token_form = ApiTokenForm(request.POST if action == "create_token" else None)
    new_key = None
    status = 200
    if action == "profile":
        if profile_form.is_valid():
            profile_form.save()
            messages.success(request, _("Your profile was saved."))
            return redirect("account:profile")
        status = 400
    elif action == "password":
        if password_form.is_valid():
            password_form.save()
            # New key for this session, new hash: every other session of the user ends.
            update_session_auth_hash(request, request.user)
            messages.success(request, _("Your password was changed."))
            return redirect("account:profile")
        status = 400
    elif action == "email":
        if email_form.is_valid():
            email_change_request(user=request.user, new_email=email_form.cleaned_data["new_email"])
            # The same words whether or not the address is free (no probing of addresses).
            messages.info(
                request,
                _(
                    "We sent a link to the new address. Your e-mail address changes when "
                    "you open it."
                ),
            )
            return redirect("account:profile")
        status = 400
    elif action == "create_token":
        if not token_form.is_valid():
            status = 400
        else:
            # Shown in this answer only, never put in a message (messages may live in a cookie).
            _token, new_key = api_tokens.issue(
                user=request.user, name=token_form.cleaned_data["name"]
            )
            token_form = ApiTokenForm()
    elif action == "revoke_token":
        if api_tokens.revoke(user=request.user, pk=request.POST.get("token")):
            messages.success(request, _("The token was revoked. It no longer opens the API."))
            return redirect("account:profile")
        status = 400
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "helpdesk/accounts/profile.html",
        {
            "profile_form": profile_form,
            "password_form": password_form,
            "email_form": email_form,
            "token_form": token_form,
            "tokens": [
                (token, api_tokens.expires_at(token))
                for token in api_tokens.active_tokens(request.user)
            ],
            "new_key": new_key,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def app_settings(request):
    """Language picker: saved on the user, applied at once (cookie + the same page under the
    new prefix) and by the login view at every later login."""
    form = LanguageForm(
        request.POST if request.method == "POST" else None,
        initial={"language": request.user.language},
    )
    if request.method == "POST" and form.is_valid():
        language = form.cleaned_data["language"]
        services.language_set(user=request.user, language=language)
        with translation.override(language):
            messages.success(request, _("Your settings were saved."))
            response = redirect(reverse("account:settings"))
        set_language_cookie(response, language)
        return response
    return render(
        request,
        "helpdesk/accounts/settings.html",
        {"form": form},
        status=400 if form.is_bound else 200,
    )
