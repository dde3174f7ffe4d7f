"""Benchmark settings: production-like request handling (DEBUG off) on PostgreSQL."""

import os

os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/uppfoljning_bench")
# The API's throttle runs (its cost is measured) but a measurement's hundreds of requests a
# minute from one user never reach it.
os.environ.setdefault("API_THROTTLE_USER_RATE", "1000000/minute")

from uppfoljning.settings.base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
