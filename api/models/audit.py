"""Who changed what, when: one entry per saved edit, with the fields' values before and after."""

from mongoengine import DateTimeField, DictField, Document, IntField, StringField

from api.models.fields import new_id, utcnow


class AuditEntry(Document):
    id = StringField(primary_key=True, default=new_id)
    at = DateTimeField(default=utcnow)
    actor = StringField(required=True)  # staff user id, or "import:<source>" / "system"
    actor_name = StringField(required=True)
    organization = StringField()
    object_type = StringField(required=True)  # service | location | organization | staff
    object_id = StringField(required=True)
    object_name = StringField()
    action = StringField(required=True)  # created | updated | deactivated | confirmed | ...
    version = IntField()  # the listing's version this edit saved: a conflict screen lists the edits after yours
    changes = DictField()  # {field: [before, after]}

    meta = {"collection": "audit_log", "indexes": [("organization", "-at"), ("object_id", "-version")],
            "ordering": ["-at"]}
