"""i18n layer."""
