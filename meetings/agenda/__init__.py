"""The agenda: the chair's draft, its numbering, frozen releases and their changelog."""
