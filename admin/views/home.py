"""The first page after signing in: the organisations this person works for, and what needs confirming."""

from flask import render_template
from flask_login import current_user

from admin.access import staff_required, visible_organizations
from admin.blueprint import bp


@bp.get("/")
@staff_required()
def home():
    organizations = list(visible_organizations())
    return render_template("admin/home.html", organizations=organizations, user=current_user)
