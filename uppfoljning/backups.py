"""Backups of the database (PostgreSQL, `pg_dump -Fc`) and the stored files (MEDIA_ROOT), and
their restore: what `manage.py backup` and `manage.py restore` (`make backup`, `make restore`)
do.

A backup is one directory under BACKUP_DIR (default `backups/` in the project), named by its
UTC time, e.g. `backups/uppfoljning-20261202T043000Z/`:

- `database.dump`: the database, `pg_dump --format=custom`;
- `media.tar`: every file under MEDIA_ROOT, by its path below it;
- `media.sha256`: the SHA-256 of each of those files (`sha256sum` format);
- `SHA256SUMS`: the SHA-256 of the three files above, checked before a restore reads them.

It is written as `<name>.partial` and renamed when complete, so a backup that was cut short
is never taken for one. The connection comes from the settings (DATABASE_URL), the password
goes to pg_dump in its environment, never on its command line.
"""

import datetime
import hashlib
import os
import re
import shutil
import subprocess
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection
from django.utils.translation import gettext as _

DUMP = "database.dump"
MEDIA_TAR = "media.tar"
MEDIA_SUMS = "media.sha256"
SUMS = "SHA256SUMS"
PREFIX = "uppfoljning-"


def backup_dir() -> Path:
    """BACKUP_DIR from the environment (read from .env too, as the settings do), else
    `backups/` in the project."""
    return Path(os.environ.get("BACKUP_DIR") or Path(settings.BASE_DIR) / "backups")


def media_root() -> Path:
    return Path(settings.MEDIA_ROOT)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def media_files(root: Path) -> list[Path]:
    """Every file under `root`, by its path below it, sorted."""
    if not root.is_dir():
        return []
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


def write_sums(path: Path, root: Path, names) -> None:
    path.write_text("".join(f"{sha256(root / name)}  {name}\n" for name in names))


def read_sums(path: Path) -> dict[str, str]:
    """{path: sha256} of a `sha256sum` file."""
    sums = {}
    for line in path.read_text().splitlines():
        digest, name = line.split("  ", 1)
        sums[name] = digest
    return sums


def check_sums(path: Path, root: Path) -> list[str]:
    """The files named in the sums file that are missing or differ."""
    wrong = []
    for name, digest in read_sums(path).items():
        file = root / name
        if not file.is_file() or sha256(file) != digest:
            wrong.append(name)
    return wrong


# --- PostgreSQL ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Database:
    """The default database's connection, as libpq's environment variables."""

    name: str
    env: dict

    @classmethod
    def from_settings(cls) -> "Database":
        db = settings.DATABASES["default"]
        if db["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError(
                _(
                    "Backups are made of PostgreSQL (set DATABASE_URL to it); this database is "
                    "%(engine)s."
                )
                % {"engine": db["ENGINE"].rsplit(".", 1)[-1]}
            )
        values = {
            "PGHOST": db.get("HOST"),
            "PGPORT": db.get("PORT"),
            "PGUSER": db.get("USER"),
            "PGPASSWORD": db.get("PASSWORD"),
            "PGDATABASE": db["NAME"],
            "PGSSLMODE": db.get("OPTIONS", {}).get("sslmode"),
        }
        env = {**os.environ, **{k: str(v) for k, v in values.items() if v}}
        return cls(name=db["NAME"], env=env)

    def run(self, *args) -> subprocess.CompletedProcess:
        return subprocess.run(args, env=self.env, capture_output=True, text=True, check=False)


def client_version(program: str) -> int:
    """The major version of pg_dump or pg_restore ("pg_dump (PostgreSQL) 15.20 (Debian …)")."""
    if shutil.which(program) is None:
        raise CommandError(
            _("%(program)s was not found: install the PostgreSQL client (postgresql-client).")
            % {"program": program}
        )
    out = subprocess.run([program, "--version"], capture_output=True, text=True, check=True)
    return int(re.search(r"\) (\d+)", out.stdout).group(1))


def server_version() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        return int(cursor.fetchone()[0]) // 10000


def check_client(program: str) -> None:
    """pg_dump cannot dump a newer server, and a dump made by a newer one may not restore:
    the client must be the server's major version."""
    client, server = client_version(program), server_version()
    if client != server:
        raise CommandError(
            _(
                "%(program)s is version %(client)s but the database server is %(server)s: "
                "install the client of the server's version (postgresql-client-%(server)s)."
            )
            % {"program": program, "client": client, "server": server}
        )


def table_count() -> int:
    """The tables in the database outside PostgreSQL's own schemas."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_tables "
            "WHERE schemaname NOT IN ('pg_catalog', 'information_schema')"
        )
        return cursor.fetchone()[0]


# --- backup and restore -------------------------------------------------------------------


def backup(*, into: Path | None = None) -> Path:
    """Make a backup; returns its directory."""
    database = Database.from_settings()
    check_client("pg_dump")
    connection.close()
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = (into or backup_dir()) / f"{PREFIX}{stamp}"
    partial = target.with_name(target.name + ".partial")
    partial.mkdir(parents=True, mode=0o700)
    result = database.run("pg_dump", "--format=custom", f"--file={partial / DUMP}")
    if result.returncode != 0:
        raise CommandError(f"pg_dump: {result.stderr.strip()}")
    root = media_root()
    files = media_files(root)
    with tarfile.open(partial / MEDIA_TAR, "w") as tar:
        for name in files:
            tar.add(root / name, arcname=str(name), recursive=False)
    write_sums(partial / MEDIA_SUMS, root, files)
    write_sums(partial / SUMS, partial, [DUMP, MEDIA_TAR, MEDIA_SUMS])
    partial.rename(target)
    return target


def latest(directory: Path) -> Path:
    found = sorted(p for p in directory.glob(f"{PREFIX}*") if p.is_dir() and (p / SUMS).exists())
    if not found:
        raise CommandError(_("There is no backup in %(dir)s.") % {"dir": directory})
    return found[-1]


def restore(source: Path, *, force: bool = False) -> dict:
    """Restore a backup into the database and MEDIA_ROOT of the settings. Refuses, before
    changing anything, a backup whose files differ from its sums, and a database or media
    folder that is not empty unless `force`."""
    database = Database.from_settings()
    check_client("pg_restore")
    if not (source / SUMS).is_file():
        raise CommandError(
            _("%(dir)s is not a backup (it has no %(sums)s).")
            % {
                "dir": source,
                "sums": SUMS,
            }
        )
    wrong = check_sums(source / SUMS, source)
    if wrong:
        raise CommandError(
            _("The backup is damaged: %(files)s differ from %(sums)s.")
            % {"files": ", ".join(wrong), "sums": SUMS}
        )
    tables, root = table_count(), media_root()
    files = media_files(root)
    if (tables or files) and not force:
        raise CommandError(
            _(
                "The database %(name)s has %(tables)s tables and %(media)s holds %(files)s "
                "files. Restoring replaces them: run again with --force (make restore "
                "FORCE=1) if that is what you want."
            )
            % {"name": database.name, "tables": tables, "media": root, "files": len(files)}
        )
    connection.close()
    options = ["--clean", "--if-exists"] if tables else []
    result = database.run(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        *options,
        f"--dbname={database.name}",
        str(source / DUMP),
    )
    if result.returncode != 0:
        raise CommandError(f"pg_restore: {result.stderr.strip()}")
    for name in files:
        (root / name).unlink()
    root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source / MEDIA_TAR) as tar:
        tar.extractall(root, filter="data")
    wrong = check_sums(source / MEDIA_SUMS, root)
    if wrong:
        raise CommandError(
            _("The restored files differ from the backup: %(files)s.") % {"files": ", ".join(wrong)}
        )
    return {"tables": table_count(), "files": len(read_sums(source / MEDIA_SUMS))}
