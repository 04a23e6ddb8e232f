"""MariaDB commits implicitly on DDL (and on a few other statements), so a patch there must hold
none, and a failure in the middle of one must still leave the target as it was.

- A statement failing halfway through up.sql (the vendor's trigger refuses step 6, the parent
  codes, after steps 1-5 have recoded four tables): exit 1 naming the statement and the server's
  message; every table of the system exactly as before; mdd's bookkeeping tables exist but hold
  nothing of the bundle (the ledger only the failure).
- DDL inside the patch (a bad template, simulated by editing up.sql and its sha256 in the
  manifest consistently): refused before anything runs (exit 2), on the CLI and through the
  Target API, for every statement MariaDB documents as committing implicitly; the temporary
  tables the templates use are allowed. Transaction control inside a patch (COMMIT, START
  TRANSACTION, …) would end the transaction on any engine, and is refused on all three.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from faultkit import APPLY_FLAGS, Target, deploy, mdd, one_line_error, outcomes
from madinhdanh.targets import TargetError, open_target
from madinhdanh.targets.connection import url_from_env

SYSTEM = "qlvb_state"
REFUSAL = "Cấp trên đã khóa sổ"


def test_failure_halfway_through_up_sql_leaves_the_target_unchanged(mysql_target: Target,
                                                                    bundle: Callable[[str], Path]) -> None:
    target = mysql_target
    target.load(SYSTEM)
    target.execute("CREATE TRIGGER vendor_lock_parent BEFORE UPDATE ON dm_donvi FOR EACH ROW "
                   "IF NOT (NEW.ma_donvi_cha <=> OLD.ma_donvi_cha) THEN "
                   f"SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = '{REFUSAL}'; END IF")
    before = target.snapshot()
    run = mdd("apply", SYSTEM, "--bundle", str(bundle("mysql")), *APPLY_FLAGS, env=target.env())
    assert run.code == 1, str(run)
    line = one_line_error(run)
    assert "up.sql statement" in line and "dm_donvi" in line and REFUSAL in line, line
    assert "nothing was changed" in line, line
    assert target.snapshot() == before
    assert target.scalar("SELECT COUNT(*) FROM mdd_undo") == 0
    assert target.scalar("SELECT COUNT(*) FROM mdd_backup") == 0
    assert outcomes(target, SYSTEM) == ["failed"]


def with_ddl(source: Path, folder: Path, statement: str) -> Path:
    """A copy of the bundle whose qlvb_state/up.sql holds ``statement`` in the middle of the patch,
    the manifest's sha256 of the file changed to match (as a bad template would render it)."""
    shutil.copytree(source, folder)
    up = folder / SYSTEM / "up.sql"
    text = up.read_text(encoding="utf-8")
    anchor = text.index("UPDATE `dm_donvi`")
    data = (text[:anchor] + f"-- a template's mistake\n{statement};\n\n" + text[anchor:]).encode()
    up.write_bytes(data)
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"][f"{SYSTEM}/up.sql"] = {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    (folder / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return folder


def test_ddl_inside_the_patch_is_refused_by_the_cli(mysql_target: Target, tmp_path: Path,
                                                    bundle: Callable[[str], Path]) -> None:
    target = mysql_target
    target.load(SYSTEM)
    before = target.snapshot()
    folder = with_ddl(bundle("mysql"), tmp_path / "bad", "ALTER TABLE dm_donvi ADD COLUMN mdd_extra INT")
    assert mdd("plan", SYSTEM, "--bundle", str(folder), env=target.env()).code == 2  # not even a plan
    run = mdd("apply", SYSTEM, "--bundle", str(folder), *APPLY_FLAGS, env=target.env())
    assert run.code == 2, str(run)
    line = one_line_error(run)
    assert "DDL inside the patch" in line and "a template's mistake" in line and "refused" in line, line
    assert target.snapshot() == before
    columns = [row[0] for row in target.rows("SHOW COLUMNS FROM dm_donvi")]
    assert "mdd_extra" not in columns
    assert not target.has_table("mdd_ledger")  # refused before anything ran


COMMITTING = [  # what MariaDB commits on (https://mariadb.com/kb/en/sql-statements-that-cause-an-implicit-commit/)
    "ALTER TABLE dm_donvi ADD COLUMN x INT",
    "create index ix_x on dm_donvi (ten_donvi)",
    "DROP TABLE lt_nhatky",
    "DROP INDEX ix_x ON dm_donvi",
    "RENAME TABLE lt_nhatky TO lt_nhatky_old",
    "TRUNCATE TABLE lt_nhatky",
    "CREATE TABLE x_copy AS SELECT * FROM dm_donvi",
    "CREATE OR REPLACE VIEW v_donvi AS SELECT * FROM dm_donvi",
    "/* a block comment first */ ALTER TABLE dm_donvi DROP COLUMN ghi_chu",
    "/*!50000 ALTER TABLE dm_donvi DROP COLUMN ghi_chu */",
    "LOCK TABLES dm_donvi WRITE",
    "UNLOCK TABLES",
    "ANALYZE TABLE dm_donvi",
    "OPTIMIZE TABLE dm_donvi",
    "FLUSH TABLES",
    "GRANT SELECT ON dm_donvi TO 'someone'@'%'",
]
ENDING = [  # ends the patch's transaction on every engine
    "COMMIT",
    "commit work",
    "ROLLBACK",
    "START TRANSACTION",
    "BEGIN",
    "SET autocommit = 1",
]
ALLOWED = [  # what the templates do inside the patch
    "CREATE TEMPORARY TABLE mdd_tmp_x (a INT)",
    "DROP TEMPORARY TABLE IF EXISTS mdd_tmp_x",
    "UPDATE dm_donvi SET ghi_chu = 'ALTER TABLE; COMMIT' WHERE 1 = 0",
]


@pytest.fixture
def part_mysql(bundle: Callable[[str], Path]) -> deploy.Part:
    return deploy.load(bundle("mysql"), [SYSTEM])[1][0]


def patched(part: deploy.Part, statement: str) -> deploy.Part:
    """``part`` with ``statement`` in the middle of up.sql's patch, before the recode of dm_donvi."""
    anchor = part.up.index({"mysql": "UPDATE `dm_donvi`"}.get(part.dialect, 'UPDATE "dm_donvi"'))
    return replace(part, up=part.up[:anchor] + f"-- a template's mistake\n{statement};\n\n" + part.up[anchor:])


@pytest.mark.parametrize("statement", COMMITTING + ENDING)
def test_target_api_refuses_a_statement_that_commits_inside_the_patch(mysql_target: Target, part_mysql: deploy.Part,
                                                                      statement: str) -> None:
    engine = open_target(url_from_env("X", {"X": mysql_target.url}))
    try:
        with pytest.raises(TargetError, match="inside the patch") as refused:
            engine.check_part(patched(part_mysql, statement))
        assert refused.value.exit_code == 2
    finally:
        engine.close()


@pytest.mark.parametrize("statement", ALLOWED)
def test_target_api_allows_temporary_tables_inside_the_patch(mysql_target: Target, part_mysql: deploy.Part,
                                                             statement: str) -> None:
    engine = open_target(url_from_env("X", {"X": mysql_target.url}))
    try:
        engine.check_part(patched(part_mysql, statement))
    finally:
        engine.close()


@pytest.mark.parametrize("statement", ENDING)
def test_transaction_control_inside_the_patch_is_refused_on_every_engine(target: Target, statement: str,
                                                                         bundle: Callable[[str], Path]) -> None:
    bad = patched(deploy.load(bundle(target.kind), [SYSTEM])[1][0], statement)
    engine = open_target(url_from_env("X", {"X": target.url}))
    try:
        with pytest.raises(TargetError, match="inside the patch"):
            engine.check_part(bad)
    finally:
        engine.close()
