#!/bin/sh
# Runs every command of the image. Before gunicorn serves: refuse an unsafe configuration
# (check --deploy fails on any warning), then bring the database schema up to date.
# The Celery worker and beat (any other command) start directly.
set -eu

if [ "${1:-}" = "gunicorn" ]; then
    python manage.py check --deploy --fail-level WARNING
    python manage.py migrate --no-input
fi

exec "$@"
