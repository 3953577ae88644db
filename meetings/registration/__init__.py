"""Registration for a meeting: who comes, in person or remotely, for which organization.

models.py (imported by meetings/models.py, so that Django sees the models), services.py for
the writes and the remote-link mail, views.py and urls.py (included by meetings/urls.py),
forms.py, rules.py (imported by meetings/rules.py), tasks.py (imported by meetings/tasks.py).
"""
