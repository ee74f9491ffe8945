"""Partner admin area (server-rendered, mounted under /admin): arrives with its own issue."""
