"""The admin area's forms (Flask-WTF: each carries its CSRF token); choices are filled per signed-in person.

Labels and messages are lazy_gettext constants: each is written in the reader's language when the page shows it.
"""

from flask_wtf import FlaskForm
from wtforms import EmailField, Form, HiddenField, PasswordField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import EqualTo, InputRequired, Length, Regexp

from admin.language import TranslatedMeta
from api.i18n.text import N_, lazy_gettext

ROLE_LABELS = {"network_admin": N_("Network admin: every organisation"),
               "org_admin": N_("Organisation admin: listings and staff"), "editor": N_("Editor: listings")}
# Roles an organisation admin may hand out; only a network admin makes another network admin.
ORG_ADMIN_GRANTS = ("org_admin", "editor")
MAX_PASSWORD = 1024  # argon2 takes any length; this only bounds the work one request can ask for


def choices(labels: dict) -> list[SelectChoice]:
    """WTForms choices from {code: label marked with N_}, each label written in the reader's language when shown."""
    return [SelectChoice(code, lazy_gettext(label)) for code, label in labels.items()]


class PageForm(FlaskForm):
    """A form of its own on a page: its CSRF token, and WTForms' own messages in the reader's language."""

    Meta = TranslatedMeta


class PartForm(Form):
    """A part of a page's form (a row, a section): WTForms' own messages in the reader's language."""

    Meta = TranslatedMeta


class SignInForm(PageForm):
    email = EmailField(lazy_gettext("Email"), validators=[InputRequired(lazy_gettext("Enter your email address.")),
                                                          Length(max=254)])
    password = PasswordField(lazy_gettext("Password"),
                             validators=[InputRequired(lazy_gettext("Enter your password.")), Length(max=MAX_PASSWORD)])
    next = HiddenField()


class NewPasswordForm(PageForm):
    password = PasswordField(lazy_gettext("New password (at least 12 characters)"),
                             validators=[InputRequired(lazy_gettext("Choose a password.")), Length(max=MAX_PASSWORD)])
    confirm = PasswordField(lazy_gettext("The same password again"), validators=[
        InputRequired(lazy_gettext("Type the password again.")),
        EqualTo("password", message=lazy_gettext("The two passwords are not the same."))])


class InviteForm(PageForm):
    name = StringField(lazy_gettext("Name"), validators=[InputRequired(lazy_gettext("Enter their name.")),
                                                         Length(max=120)])
    email = EmailField(lazy_gettext("Email"), validators=[
        InputRequired(lazy_gettext("Enter their email address.")), Length(max=254),
        Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$",
               message=lazy_gettext("Enter an email address such as name@example.org."))])
    role = SelectField(lazy_gettext("Role"), validate_choice=True)
    organization = SelectField(lazy_gettext("Organisation"), validate_choice=True)


def invite_form(user, organizations) -> InviteForm:
    """The invitation form offering only what this person may grant: a tampered choice fails validation."""
    form = InviteForm()
    roles = ROLE_LABELS if user.role == "network_admin" else {role: ROLE_LABELS[role] for role in ORG_ADMIN_GRANTS}
    form.role.choices = choices(roles)
    offered = [SelectChoice(organization.id, organization.name) for organization in organizations]
    if user.role == "network_admin":
        offered.insert(0, SelectChoice("", lazy_gettext("None (network admins only)")))
    form.organization.choices = offered
    return form


def show_domain_error(form: FlaskForm, error: Exception, default_field: str | None = None) -> None:
    """Put a domain error's message beside the field it names (InvalidField), else beside default_field."""
    named = next(iter((getattr(error, "errors", None) or {}).values()), {})
    for field_name, messages in named.items():
        if field_name in form:
            form[field_name].errors = [*form[field_name].errors, *messages]
            return
    target = form[default_field] if default_field and default_field in form else None
    if target is not None:
        target.errors = [*target.errors, str(error)]
    else:
        form.form_errors.append(str(error))
