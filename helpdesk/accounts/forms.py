from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.utils.translation import gettext_lazy as _

from ..models.customers import phone_number
from . import services


class EmailLoginForm(AuthenticationForm):
    """E-mail + password. Unknown address, wrong password and inactive account all get the
    same message, so the form never tells whether an account exists."""

    username = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    # Whether the account may sign in at all is the login backend's rule (may_sign_in): a
    # withdrawn contact is refused there, with the words of a wrong password.
    error_messages = {
        "invalid_login": _("The e-mail address or password is not correct."),
        "inactive": _("The e-mail address or password is not correct."),
    }


class ProfileForm(forms.Form):
    """The only fields a user may change about themselves. A plain form, not a ModelForm, so
    a posted is_staff, e-mail, customer or main-contact flag has nowhere to go."""

    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=150, required=False)
    phone = forms.CharField(
        label=_("Phone number"), max_length=50, required=False, validators=[phone_number]
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        self.contact = getattr(user, "contact", None)
        initial = {"first_name": user.first_name, "last_name": user.last_name}
        if self.contact is not None:
            initial.update(job_title=self.contact.job_title, phone=self.contact.phone)
        super().__init__(*args, initial=initial, **kwargs)
        if self.contact is None:  # staff without a contact row have no job title or phone
            del self.fields["job_title"]
            del self.fields["phone"]

    def save(self):
        data = self.cleaned_data
        services.profile_update(
            user=self.user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            job_title=data.get("job_title"),
            phone=data.get("phone"),
        )


class PasswordForm(PasswordChangeForm):
    """Current password, new one twice, Django's validators; saving e-mails a notice."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Django focuses the current password: on the profile page, the third form down,
        # that scrolled every visit past the profile itself.
        self.fields["old_password"].widget.attrs.pop("autofocus", None)

    def save(self, commit=True):
        services.password_set(user=self.user, password=self.cleaned_data["new_password1"])
        return self.user


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language"), choices=settings.LANGUAGES, widget=forms.RadioSelect
    )


class ResetRequestForm(forms.Form):
    # A CharField, not an EmailField: every address gets the same answer, well-formed or not.
    email = forms.CharField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class ResetConfirmForm(forms.Form):
    email = forms.CharField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    code = forms.CharField(
        label=_("Code from the e-mail"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autocapitalize": "characters"}
        ),
    )
    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        one, two = data.get("new_password1"), data.get("new_password2")
        if one and two and one != two:
            self.add_error("new_password2", _("The two passwords do not match."))
        return data


class EmailChangeForm(forms.Form):
    new_email = forms.EmailField(
        label=_("New e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    current_password = forms.CharField(
        label=_("Current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_current_password(self):
        password = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Your current password is not correct."))
        return password


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the new token"),
        max_length=100,
        help_text=_("What it is for, e.g. “Outlook add-in”."),
    )
