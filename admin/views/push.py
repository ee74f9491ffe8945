"""What the notifier handed over: on the embedded default the console sender keeps the latest messages to show."""

from flask import render_template

from admin.access import staff_required
from admin.blueprint import bp
from api.backends import backends


@bp.get("/push")
@staff_required("network_admin")
def push_messages():
    sender = backends().push
    recorded = list(reversed(sender.recorded())) if hasattr(sender, "recorded") else None
    return render_template("admin/push.html", sender=sender.name, recorded=recorded)
