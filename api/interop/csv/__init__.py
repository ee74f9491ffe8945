"""The CSV spreadsheet partners fill in, read into an import plan."""
