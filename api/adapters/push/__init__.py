"""Push senders: FCM through firebase-admin, and a console sender that records what would have been sent."""
