from django.core.management.commands import makemessages


class Command(makemessages.Command):
    """Django's makemessages without msgmerge's fuzzy matching: a new message arrives in every
    catalogue untranslated, never with a neighbour's translation guessed and marked fuzzy (the
    project keeps no fuzzy entries; `make messages` used to write thousands of those guesses
    into the Arabic, Chinese, Russian and Spanish catalogues)."""

    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
