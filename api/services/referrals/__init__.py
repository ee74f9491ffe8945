"""Warm referrals: a worker sends one client to one service with consent; the receiver answers in a tap or two.

sending.py creates (and cancels, and records a revoked consent), steps.py is the receiver's side, access.py says who
may see and do what, personal.py seals, reveals (audited) and erases the client's details, sweep.py is the periodic
work (expiry, erasure, alerts), figures.py the network's counts, finder.py the worker's search. The status machine
itself, with its FHIR Task mapping, is api/domain/referral_status.py.
"""
