"""The conflict screen: an edit refused because someone saved first, with what changed since and a way on."""

from flask import render_template, request

from api.i18n.text import gettext as _
from api.services.editing import StaleEdit


def conflict_page(conflict: StaleEdit, action: str, retry_url: str, keep_url: str,
                  apply_label: str | None = None):
    """409 with "you saw / now (who) / yours"; applying again re-posts this form over the current version. action
    and apply_label are in the reader's language."""
    return render_template("admin/conflict.html", conflict=conflict, action=action, form=request.form,
                           retry_url=retry_url, keep_url=keep_url,
                           apply_label=apply_label or _("Apply mine to what is there now")), 409
