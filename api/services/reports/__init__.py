"""Public reports that a listing is wrong: taken in (intake), weighed (doubt), answered by its partner (answers),
and the outcome told to the devices that asked (outcome). Nothing about who reported is kept (api/models/report.py).
"""
