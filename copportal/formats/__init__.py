"""The locales' own date, time and number patterns where Django's are missing or differ from
CLDR's (settings.FORMAT_MODULE_PATH). Django's modules supply everything not set here."""
