"""Domain operations over the models; backends are passed in, Flask is never imported here."""
