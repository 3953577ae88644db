# The CWG-COP Portal: one image for the web server (gunicorn), the Celery worker and celery beat.
# docker-compose.yml runs it; see .env.example for the settings it needs.
FROM python:3.12-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=copportal.settings \
    MEDIA_ROOT=/srv/uploads

# gettext compiles the translations (compilemessages) below.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*

# The processes run as this user; web and worker share it, since uploads are mode 0600.
RUN groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --create-home --shell /usr/sbin/nologin portal \
    && mkdir -p /srv/uploads \
    && chown portal:portal /srv/uploads

WORKDIR /app

# Dependencies first: a code change does not reinstall them.
COPY pyproject.toml README.md* ./
RUN pip install . && rm -rf build *.egg-info

COPY . .
# Static files and translations are built into the image, owned by root and read-only at run time.
# The SECRET_KEY here only lets settings load (DEBUG off picks the hashed, compressed storage).
RUN DEBUG=false SECRET_KEY=build-only-not-a-secret python manage.py collectstatic --no-input \
    && if [ -d locale ]; then python manage.py compilemessages; fi \
    && chmod 0755 docker/entrypoint.sh

USER portal
EXPOSE 8000

# The entrypoint refuses an unsafe configuration and migrates before gunicorn serves.
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["gunicorn", "copportal.wsgi", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:8000", "--worker-tmp-dir", "/dev/shm", "--access-logfile", "-"]
