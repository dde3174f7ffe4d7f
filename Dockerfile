# Uppföljning: one image for web (gunicorn), worker and beat (celery), and migrate.
# docker compose build && docker compose up -d   (see README.md)
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=uppfoljning.settings.production \
    WEB_CONCURRENCY=3

# WeasyPrint needs Pango and HarfBuzz (https://doc.courtbouillon.org/weasyprint/stable/
# first_steps.html#debian-11); DejaVu and Liberation give the PDFs Swedish glyphs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 \
        shared-mime-info fonts-dejavu-core fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first so code changes don't reinstall them: exactly the versions and files of
# the production lock (pip-compile for Python 3.11, `make lock`; no dev tools), each checked
# against its hash. The code itself runs from /app, where BASE_DIR finds templates, static
# and locale.
COPY requirements-prod.lock ./
RUN pip install --require-hashes -r requirements-prod.lock

RUN useradd --create-home --uid 1000 --user-group app \
    && mkdir -p /app/staticfiles /app/media \
    && chown app:app /app/media

COPY . .

# Hashed, compressed static files for WhiteNoise. The key exists only for this step.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    python manage.py collectstatic --no-input --verbosity 0

USER app
EXPOSE 8000

# Workers: WEB_CONCURRENCY (gunicorn reads it); other flags: GUNICORN_CMD_ARGS.
CMD ["gunicorn", "uppfoljning.wsgi", "--bind", "0.0.0.0:8000", "--access-logfile", "-", \
     "--timeout", "60", "--graceful-timeout", "30"]
