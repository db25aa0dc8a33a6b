"""The automatic welcome e-mail (SPEC §4.4): when a contact *gets* portal access — created
with it, or switched on — and its portal's settings ask for it. Model signals, so every door
that saves a contact (admin, API, shell) behaves the same; a save that leaves access as it was
sends nothing, so one switch sends one e-mail. `QuerySet.update()` and fixtures send nothing."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_save, pre_save

from ..models import Contact, PortalSettings
from .welcome import send_welcome_after_commit


def note_access_switch(sender, instance, raw=False, update_fields=None, **kwargs):
    """Before the save: will it turn access on? (One query, only when it might.)"""
    touches_access = update_fields is None or "portal_access" in update_fields
    if raw or not instance.portal_access or not touches_access:
        instance._gets_portal_access = False
    elif instance._state.adding:
        instance._gets_portal_access = True
    else:
        stored = Contact.objects.filter(pk=instance.pk).values_list("portal_access", flat=True)
        instance._gets_portal_access = not stored.first()


def welcome_on_access(sender, instance, raw=False, **kwargs):
    if raw or not getattr(instance, "_gets_portal_access", False):
        return
    instance._gets_portal_access = False  # a second save of this object is no new switch
    if PortalSettings.for_site(instance.customer.portal).welcome_auto_send:
        # After the commit, so a rolled-back save mails nothing; robust: a mail problem is
        # logged and never turns the (already committed) save into an error page.
        transaction.on_commit(partial(send_welcome_after_commit, instance.pk), robust=True)


def connect():
    pre_save.connect(note_access_switch, sender=Contact, dispatch_uid="welcome-note-access")
    post_save.connect(welcome_on_access, sender=Contact, dispatch_uid="welcome-on-access")
