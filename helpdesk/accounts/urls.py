from django.urls import path

from . import two_factor, views, views_email, views_reset, views_welcome

app_name = "account"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("settings/", views.app_settings, name="settings"),
    path("password-reset/", views_reset.password_reset_request, name="password_reset"),
    path(
        "password-reset/code/",
        views_reset.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("welcome/<str:token>/", views_welcome.welcome_set_password, name="welcome"),
    path("email/<str:token>/", views_email.email_confirm, name="email_confirm"),
    path("2fa/", two_factor.two_factor, name="two_factor"),
]
