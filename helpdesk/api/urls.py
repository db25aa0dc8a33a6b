"""/api/v1/ — the router that every API resource registers on."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from .auth import ObtainTokenView

app_name = "api"

router = DefaultRouter()

urlpatterns = [
    path("auth/token/", ObtainTokenView.as_view(), name="auth-token"),
    *router.urls,
]
