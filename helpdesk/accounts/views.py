"""Login and logout at /<lang>/account/…; the accounts issue adds lockout, reset and profile."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse, translate_url
from django.utils import translation

from .forms import EmailLoginForm


def home_url():
    return reverse("wagtail_serve", args=[""])


class LoginView(auth_views.LoginView):
    template_name = "helpdesk/login.html"
    form_class = EmailLoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return home_url()

    def form_valid(self, form):
        response = super().form_valid(form)
        # The user's stored language wins after login: same page, under their prefix.
        language = form.get_user().language
        if language and language != translation.get_language():
            response["Location"] = translate_url(response["Location"], language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        return response


class LogoutView(auth_views.LogoutView):
    """POST only (Django's default); returns to the portal home in the current language."""

    def get_default_redirect_url(self):
        return home_url()
