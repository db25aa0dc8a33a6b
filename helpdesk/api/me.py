"""/api/v1/me/: the caller's own profile. Only names, job title, phone and language change
here; privilege and ownership fields are refused with 400 and nothing saved (C-08)."""

from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import APIView

from .common import error_responses
from .serializers import ProfileOutSerializer, ProfileSerializer

USER_FIELDS = ("first_name", "last_name", "language")
CONTACT_FIELDS = ("job_title", "phone")


def _contact(user):
    return getattr(user, "contact", None)


def profile_dict(user):
    contact = _contact(user)
    return {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "job_title": contact.job_title if contact else None,
        "phone": contact.phone if contact else None,
        "language": user.language,
        "customer": contact.customer.name if contact else None,
        "is_main_contact": bool(contact and contact.is_main_contact),
    }


class MeView(APIView):
    @extend_schema(
        summary="Your profile",
        responses={200: ProfileOutSerializer, **error_responses()},
        tags=["me"],
    )
    def get(self, request):
        return Response(profile_dict(request.user))

    @extend_schema(
        summary="Change your profile",
        description=(
            "first_name, last_name, job_title, phone (contacts), language. E-mail and password "
            "changes need the current password and are not offered here (400). Any other "
            "field, e.g. is_staff or customer, is refused with 400."
        ),
        request=ProfileSerializer,
        responses={200: ProfileOutSerializer, **error_responses(400, 415)},
        tags=["me"],
    )
    def patch(self, request):
        serializer = ProfileSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        user, contact = request.user, _contact(request.user)
        if contact is None:
            staff_only = [key for key in CONTACT_FIELDS if key in data]
            if staff_only:
                message = _("Only contacts have a job title and phone number.")
                raise exceptions.ValidationError({key: [message] for key in staff_only})
        with transaction.atomic():
            changed = [key for key in USER_FIELDS if key in data]
            for key in changed:
                setattr(user, key, data[key].strip() if key != "language" else data[key])
            if changed:
                user.save(update_fields=changed)
            changed = [key for key in CONTACT_FIELDS if key in data]
            for key in changed:
                setattr(contact, key, data[key].strip())
            if changed:
                contact.save(update_fields=changed)
        return Response(profile_dict(user))
