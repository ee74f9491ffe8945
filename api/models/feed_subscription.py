"""A Meeting Guide feed an organisation imports from on a schedule, and how its last run went."""

from mongoengine import BooleanField, DateTimeField, Document, IntField, StringField

from api.models.fields import new_id, utcnow


class FeedSubscription(Document):
    """A feed URL re-imported every `every_hours` into one organisation, as the source `source`."""

    id = StringField(primary_key=True, default=new_id)
    organization = StringField(required=True)
    url = StringField(required=True, max_length=2000)
    source = StringField(required=True, max_length=200)
    timezone = StringField(max_length=60)  # for meetings that give none
    fellowship = StringField(required=True, default="aa", max_length=40)
    every_hours = IntField(required=True, min_value=1, max_value=24 * 7, default=24)
    created_by = StringField()
    created_at = DateTimeField(default=utcnow)
    last_run = DateTimeField()
    last_ok = BooleanField()
    last_result = StringField(max_length=4000)  # the summary, or why nothing was applied

    meta = {"collection": "feed_subscriptions", "indexes": ["organization"]}
