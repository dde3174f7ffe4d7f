"""The embedded default for `make run`: SQLite and in-process tasks, debug on."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
