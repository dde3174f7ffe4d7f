"""`manage.py backup` and `manage.py restore` (`make backup`, `make restore`; issue 14): the
demo, backed up and restored into an empty database, has every table's rows and every stored
file's bytes back, and a restore will not overwrite a database unless told to.

Run as an operator would: each command in a fresh process, against databases of its own on
the suite's PostgreSQL server (DATABASE_URL's, else 127.0.0.1:5432 as postgres), made and
dropped here.
"""

import contextlib
import hashlib
import os
import re
import subprocess
import urllib.parse
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

from tests.uppfoljning.deploy import manage, unique_database_name

pytestmark = pytest.mark.slow


def _server_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        return url
    return "postgres://postgres@127.0.0.1:5432/postgres"


@contextlib.contextmanager
def _databases(*suffixes):
    """Empty databases of their own on the suite's server: {suffix: url}."""
    parts = urllib.parse.urlsplit(_server_url())
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    names = {s: unique_database_name("uppfoljning_backup", s) for s in suffixes}
    with psycopg.connect(admin, autocommit=True) as conn:
        for name in names.values():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield {s: urllib.parse.urlunsplit(parts._replace(path=f"/{n}")) for s, n in names.items()}
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            for name in names.values():
                drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
                conn.execute(drop.format(sql.Identifier(name)))


def _rows(url) -> dict[str, int]:
    """{table: rows} for every table of the database."""
    with psycopg.connect(url) as conn:
        tables = [
            (schema, table)
            for schema, table in conn.execute(
                "SELECT schemaname, tablename FROM pg_tables "
                "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2"
            )
        ]
        count = sql.SQL("SELECT count(*) FROM {}.{}")
        return {
            f"{schema}.{table}": conn.execute(
                count.format(sql.Identifier(schema), sql.Identifier(table))
            ).fetchone()[0]
            for schema, table in tables
        }


def _files(root: Path) -> dict[str, str]:
    """{path below root: SHA-256} of every file."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _ok(result):
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def test_pg_dump_is_the_servers_version():
    """A pg_dump older than the server cannot dump it; the commands refuse another version,
    so CI's client (Debian's postgresql-client) must be the server's."""
    out = subprocess.run(["pg_dump", "--version"], capture_output=True, text=True, check=True)
    client = int(re.search(r"\) (\d+)", out.stdout).group(1))
    with psycopg.connect(_server_url()) as conn:
        assert client == conn.info.server_version // 10000


def test_the_demo_backed_up_and_restored_into_an_empty_database_is_the_same(tmp_path):
    media, restored_media, backup_dir = (tmp_path / n for n in ("media", "restored", "backups"))
    # Stored files as reports and imports leave them, non-ASCII names included.
    for name, size in (("reports/1/v1-årsrapport-2024.pdf", 40_000), ("reports/2/v3-plan.pdf", 1)):
        (media / name).parent.mkdir(parents=True, exist_ok=True)
        (media / name).write_bytes(os.urandom(size))
    with _databases("source", "target") as db:
        source = {"DATABASE_URL": db["source"], "MEDIA_ROOT": str(media)}
        target = {"DATABASE_URL": db["target"], "MEDIA_ROOT": str(restored_media)}
        _ok(manage("migrate", "--no-input", **source))
        _ok(manage("load_demo", "--today", "2026-11-23", **source))
        _ok(manage("run_checks", "--seed", **source))
        _ok(manage("backup", BACKUP_DIR=str(backup_dir), **source))
        [backup] = backup_dir.iterdir()
        assert sorted(p.name for p in backup.iterdir()) == [
            "SHA256SUMS",
            "database.dump",
            "media.sha256",
            "media.tar",
        ]

        result = _ok(manage("restore", BACKUP_DIR=str(backup_dir), **target))
        assert backup.name in result.stdout

        rows = _rows(db["source"])
        assert rows["public.suppliers_supplier"] > 0 and rows["public.followups_workitem"] > 0
        assert _rows(db["target"]) == rows
        files = _files(media)
        assert len(files) == 2
        assert _files(restored_media) == files

        # A second restore into the now full database is refused, in Swedish, and changes
        # nothing; with --force it replaces what the database holds.
        with psycopg.connect(db["target"]) as conn:
            conn.execute("DELETE FROM suppliers_purchase")
        changed = _rows(db["target"])
        refused = manage("restore", str(backup), **target)
        assert refused.returncode != 0
        assert "Återläsningen ersätter dem" in refused.stderr and "--force" in refused.stderr
        assert "Traceback" not in refused.stderr
        assert _rows(db["target"]) == changed != rows
        _ok(manage("restore", str(backup), "--force", **target))
        assert _rows(db["target"]) == rows
        assert _files(restored_media) == files


def test_a_damaged_backup_is_refused_before_anything_is_changed(tmp_path):
    media = tmp_path / "media"
    (media / "reports").mkdir(parents=True)
    (media / "reports" / "a.pdf").write_bytes(b"%PDF-1.4 a")
    with _databases("damaged") as db:
        env = {"DATABASE_URL": db["damaged"], "MEDIA_ROOT": str(media)}
        _ok(manage("backup", "--dir", str(tmp_path / "backups"), **env))
        [backup] = (tmp_path / "backups").iterdir()
        with (backup / "media.tar").open("r+b") as tar:
            tar.seek(600)
            tar.write(b"X")
        restored = {"DATABASE_URL": db["damaged"], "MEDIA_ROOT": str(tmp_path / "restored")}
        refused = manage("restore", str(backup), **restored)
        assert refused.returncode != 0
        assert "skadad" in refused.stderr and "media.tar" in refused.stderr
        assert not (tmp_path / "restored").exists()
