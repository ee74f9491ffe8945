"""Meeting Guide: the JSON feed of our meetings, and feeds read into an organisation's meetings."""
