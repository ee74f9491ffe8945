"""Exchange formats: each format's reading and writing side together, and the import machinery they share.

hsds/           Open Referral HSDS 3.0: the /hsds read API's objects, and HSDS files imported as listings
meeting_guide/  the Meeting Guide JSON feed we serve, and feeds imported (once, or on a schedule)
csv/            the spreadsheet partners fill in
imports/        what every import shares: plan without writing, apply all or nothing, find or add places
"""
