"""Stored records read without mongoengine: for the indexer's bulk reads, where building objects costs the most."""


class RecordView(dict):
    """A stored record read like a document: attributes for keys, nested records viewed the same way, `id`."""

    def __getattr__(self, name):
        value = self.get("_id" if name == "id" and "_id" in self else name)
        if isinstance(value, dict):
            return RecordView(value)
        if isinstance(value, list):
            return [RecordView(item) if isinstance(item, dict) else item for item in value]
        return value
