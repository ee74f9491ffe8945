"""Text in the reader's language: gettext catalogs in api/translations, the language of the moment, negotiation."""
