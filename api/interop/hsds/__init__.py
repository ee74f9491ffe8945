"""Open Referral HSDS 3.0: our listings as HSDS objects (the /hsds API), and HSDS files read into listings."""
