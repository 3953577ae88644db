"""Django's own interface strings that its catalogues do not yet translate into every one of
the six languages (Django 6.1 added them): named here so that makemessages puts them in the
portal's catalogues, which Django reads first (LOCALE_PATHS).

- "- Select an option -": the empty choice of every select (BLANK_CHOICE_LABEL); Django has
  it in French only of our languages.
"""

from django.utils.translation import gettext_noop

DJANGO_STRINGS = [gettext_noop("- Select an option -")]
