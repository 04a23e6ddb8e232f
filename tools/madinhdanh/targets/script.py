"""What the deploy engine must know of a script's statements, whatever the engine: which are
mdd's own idempotent table creations and session settings (run before the patch's transaction),
where a statement really starts (comments skipped), and which would end the transaction halfway
(transaction control everywhere; DDL and MySQL's implicit commits where DDL commits). Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..render import statements

OWN_DDL = re.compile(r"^\s*(CREATE\s+TABLE\s+IF\s+NOT\s+EXISTS\s+\S*mdd_|CREATE\s+GLOBAL\s+TEMPORARY\s+TABLE\s+IF\s+NOT"
                     r"\s+EXISTS\s+mdd_|IF\s+OBJECT_ID\(N'[^']*mdd_)", re.IGNORECASE)
SESSION = re.compile(r"^\s*SET\s", re.IGNORECASE)
DDL = re.compile(r"^\s*(CREATE|ALTER|DROP|RENAME|TRUNCATE|GRANT|REVOKE)\b(?!\s+TEMPORARY)(?!\s+TABLE\s+IF\s+EXISTS\s+"
                 r"(temp|pg_temp)\.)", re.IGNORECASE)
# Statements that end the patch's transaction on any engine: a template holding one would commit
# (or drop) half a patch and run the rest in autocommit. Refused in up.sql's body and in check.sql.
ENDS_TRANSACTION = re.compile(r"^\s*(COMMIT|ROLLBACK(?!\s+TO\b)|START\s+TRANSACTION|SET\s+(SESSION\s+|@@(SESSION\.)?)?"
                              r"AUTOCOMMIT\b|BEGIN(\s+(WORK|TRAN|TRANSACTION|IMMEDIATE|DEFERRED|EXCLUSIVE)\b[^;]*)?\s*$|"
                              r"END(\s+(WORK|TRANSACTION))?\s*$)", re.IGNORECASE)
# Where DDL commits (MySQL/MariaDB, Oracle), these commit implicitly too (MariaDB's list of
# "statements that cause an implicit commit", besides DDL and the transaction control above).
IMPLICIT_COMMIT = re.compile(r"^\s*(LOCK\s+TABLES?|UNLOCK\s+TABLES?|ANALYZE|OPTIMIZE|REPAIR|CACHE\s+INDEX|"
                             r"LOAD\s+INDEX|FLUSH|RESET|INSTALL|UNINSTALL)\b", re.IGNORECASE)
EXECUTABLE_COMMENT = re.compile(r"/\*M?!\d*")  # MySQL/MariaDB run what /*!50000 … */ holds


def code_of(statement: str) -> str:
    """A statement without its leading comment lines (and blank ones); the rest as it is, so that
    the rows of a COPY reach the server unchanged (a row may start with ``--``)."""
    start = statements.code_start(statement)
    return statement[start:].strip() if start >= 0 else ""


def split_script(text: str, dialect: str) -> tuple[list[str], list[str]]:
    """(prelude, body): the session settings and the idempotent creations of mdd's own tables,
    wherever they stand, then every other statement in order."""
    prelude: list[str] = []
    body: list[str] = []
    for statement in statements.split(text, dialect):
        code = code_of(statement)
        (prelude if OWN_DDL.match(code) or (SESSION.match(code) and not body) else body).append(statement)
    return prelude, body


def head_of(statement: str, dialect: str) -> str:
    """A statement as the server reads its start: without the comments before it (``--`` lines and
    ``/* … */`` blocks), except that in MySQL an executable comment (``/*!50000 …*/``) counts as
    what it holds. :func:`code_of` drops only ``--`` lines, so ``/* note */ ALTER TABLE …`` passed
    the DDL guard of :meth:`Target.check_part` (found by tests/faults)."""
    text = statement
    while True:
        text = text.lstrip()
        if text.startswith("--"):
            text = text.partition("\n")[2]
        elif dialect == "mysql" and (executable := EXECUTABLE_COMMENT.match(text)):
            text = text[executable.end():]
        elif text.startswith("/*"):
            end = text.find("*/")
            text = "" if end < 0 else text[end + 2:]
        else:
            return text


def comment_of(statement: str) -> str:
    """The first comment line of a statement (its step, in a rendered script), for error messages."""
    start = statements.code_start(statement)
    for line in statement[:start if start >= 0 else len(statement)].splitlines():
        if line.lstrip().startswith("--"):
            return line.lstrip("- ").strip()
    return code_of(statement).partition("\n")[0][:80]


def refusal(scripts: Sequence[tuple[str, Sequence[str]]], dialect: str, transactional_ddl: bool) -> str | None:
    """Why the patch cannot run in one transaction, or None. ``scripts``: (name, statements) of the
    parts that run inside it (up.sql's body, check.sql). Checked on each statement's head, comments
    skipped (found by tests/faults/test_mysql_implicit_commit.py: COMMIT, LOCK TABLES, ANALYZE TABLE
    and "/* … */ ALTER TABLE" passed an earlier check)."""
    for script, items in scripts:
        for statement in items:
            head = head_of(statement, dialect)
            if ENDS_TRANSACTION.match(head):
                return (f"{script} has transaction control inside the patch ({comment_of(statement)}): it would "
                        "end the patch's transaction halfway, so it is refused")
            if not transactional_ddl and (DDL.match(head) or IMPLICIT_COMMIT.match(head)):
                return (f"{script} has DDL inside the patch ({comment_of(statement)}); {dialect} would commit "
                        "there, so it is refused")
    return None
