"""Account journeys: password reset by e-mailed code, profile, language in App settings."""

import pytest

from .browser import t
from .data import mail_to, new_contact, reset_code

OLD_PASSWORD = "old-password-e2e-2026"
NEW_PASSWORD = "brand-new-password-e2e-2026"


@pytest.mark.parametrize("language", ["en", "it"])
def test_password_reset_with_the_e_mailed_code(ui, language):
    user = new_contact("reset", language=language, password=OLD_PASSWORD)
    page = ui.page
    ui.goto(f"/{language}/account/login/")
    with page.expect_navigation():
        page.get_by_role("link", name=t("Forgot password?", language)).click()
    assert ui.path() == f"/{language}/account/password-reset/"
    ui.assert_accessible("password reset request")

    page.fill("#id_email", user.email)
    with page.expect_navigation():
        page.get_by_role("button", name=t("Send code", language)).click()
    assert ui.path() == f"/{language}/account/password-reset/code/"
    ui.assert_accessible("password reset code")
    # The immediate task backend has delivered the outbox row before the redirect answered.
    (message,) = mail_to(user.email)
    code = reset_code(message)

    assert page.locator("#id_email").input_value() == user.email
    page.fill("#id_code", code.lower())  # as read from the e-mail; case does not matter
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name=t("Set password", language)).click()
    assert "/account/password-reset/" not in page.url
    ui.logout()

    ui.login(user.email, password=NEW_PASSWORD, language=language)
    assert ui.path() == f"/{language}/"
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.parametrize(("language", "new_language"), [("en", "de"), ("fr", "es")])
def test_profile_edit_and_language_change_that_survives_a_new_login(ui, language, new_language):
    user = new_contact("profile", language=language, password=OLD_PASSWORD)
    ui.login(user.email, password=OLD_PASSWORD, language=language)
    page = ui.page
    nav = page.get_by_role("navigation", name=t("Main navigation", language))
    with page.expect_navigation():
        nav.get_by_role("link", name=t("My profile", language)).click()
    assert ui.path() == f"/{language}/account/profile/"
    ui.assert_accessible("profile")
    page.fill("#id_job_title", "Head of facilities")
    page.fill("#id_phone", "+41 44 123 45 67")
    with page.expect_navigation():
        page.locator("button[name=action][value=profile]").click()
    assert page.get_by_role("status").count() >= 1
    assert page.locator("#id_job_title").input_value() == "Head of facilities"
    user.refresh_from_db()
    assert user.contact.phone == "+41 44 123 45 67"
    assert user.contact.job_title == "Head of facilities"

    with page.expect_navigation():
        nav.get_by_role("link", name=t("App settings", language)).click()
    assert ui.path() == f"/{language}/account/settings/"
    ui.assert_accessible("app settings")
    page.check(f"input[name=language][value={new_language}]")
    with page.expect_navigation():
        page.get_by_role("button", name=t("Save", language)).click()
    assert ui.path() == f"/{new_language}/account/settings/"
    assert page.locator("html").get_attribute("lang") == new_language
    assert page.locator("h1").inner_text() == t("App settings", new_language)
    user.refresh_from_db()
    assert user.language == new_language

    ui.logout()
    ui.login(user.email, password=OLD_PASSWORD, language=language)
    assert ui.path() == f"/{new_language}/"
    assert page.locator("html").get_attribute("lang") == new_language
    nav = page.get_by_role("navigation", name=t("Main navigation", new_language))
    assert nav.get_by_role("link", name=t("My profile", new_language)).is_visible()
