"""Push notifications: changes -> news -> the devices that asked -> a coalescing queue -> the sender.

Targeting is server-side fan-out to device tokens rather than FCM topics: subscriptions carry filters (gender, a
free place, meeting types) and distances that topic names could only express by leaking a person's area to Google;
per-device coalescing, rate limits and idempotency need per-device sends anyway; topics are for throughput, not
latency (notes/fcm.md); and deleting a device here deletes everything, with nothing left subscribed elsewhere.
"""
