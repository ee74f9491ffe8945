"""The admin area's forms (Flask-WTF: each carries its CSRF token); choices are filled per signed-in person."""

from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import EqualTo, InputRequired, Length

ROLE_LABELS = {"network_admin": "Network admin: every organisation", "org_admin": "Organisation admin: listings "
               "and staff", "editor": "Editor: listings"}
# Roles an organisation admin may hand out; only a network admin makes another network admin.
ORG_ADMIN_GRANTS = ("org_admin", "editor")
MAX_PASSWORD = 1024  # argon2 takes any length; this only bounds the work one request can ask for


class SignInForm(FlaskForm):
    email = EmailField("Email", validators=[InputRequired("Enter your email address."), Length(max=254)])
    password = PasswordField("Password", validators=[InputRequired("Enter your password."),
                                                     Length(max=MAX_PASSWORD)])
    next = HiddenField()


class NewPasswordForm(FlaskForm):
    password = PasswordField("New password (at least 12 characters)",
                             validators=[InputRequired("Choose a password."), Length(max=MAX_PASSWORD)])
    confirm = PasswordField("The same password again",
                            validators=[InputRequired("Type the password again."),
                                        EqualTo("password", message="The two passwords are not the same.")])


class InviteForm(FlaskForm):
    name = StringField("Name", validators=[InputRequired("Enter their name."), Length(max=120)])
    email = EmailField("Email", validators=[InputRequired("Enter their email address."), Length(max=254)])
    role = SelectField("Role", validate_choice=True)
    organization = SelectField("Organisation", validate_choice=True)


def invite_form(user, organizations) -> InviteForm:
    """The invitation form offering only what this person may grant: a tampered choice fails validation."""
    form = InviteForm()
    roles = ROLE_LABELS if user.role == "network_admin" else {role: ROLE_LABELS[role] for role in ORG_ADMIN_GRANTS}
    form.role.choices = list(roles.items())
    choices = [(organization.id, organization.name) for organization in organizations]
    if user.role == "network_admin":
        choices.insert(0, ("", "None (network admins only)"))
    form.organization.choices = choices
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
