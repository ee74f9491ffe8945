"""Your account: the language the admin area speaks to you (English, Spanish, or whatever your browser asks for)."""

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from wtforms import SelectField
from wtforms.fields.choices import SelectChoice

from admin import language
from admin.access import staff_required
from admin.blueprint import bp
from admin.forms import ROLE_LABELS, PageForm
from api.i18n.catalogs import LANGUAGES
from api.i18n.language import speaking
from api.i18n.text import gettext as _
from api.i18n.text import lazy_gettext
from api.services import accounts

BROWSER = ""  # the choice that keeps no language: the browser's Accept-Language decides


class LanguageForm(PageForm):
    language = SelectField(lazy_gettext("Language of the partner area"),
                           description=lazy_gettext("Only for you: your colleagues choose their own."))


def language_form(**kwargs) -> LanguageForm:
    form = LanguageForm(**kwargs)
    form.language.choices = [SelectChoice(BROWSER, _("Same as my browser")),
                             *(SelectChoice(code, language.language_name(code)) for code in LANGUAGES)]
    return form


@bp.route("/account", methods=["GET", "POST"])
@staff_required()
def account():
    """Who you are signed in as, and the language you choose for the partner area."""
    form = language_form(data={"language": current_user.language or BROWSER})
    if not form.validate_on_submit():
        status = 422 if request.method == "POST" else 200
        return render_template("admin/account.html", form=form, role=_(ROLE_LABELS[current_user.role])), status
    accounts.choose_language(current_user.user, form.language.data or None)
    accepted = [tag for tag, quality in request.accept_languages if quality > 0]
    with speaking(language.chosen(accepted)):  # said in the language just chosen, as every page is from now on
        flash(_("Saved: the partner area speaks this language to you."), "success")
    return redirect(url_for("admin.account"), 303)
