"""A target mdd cannot reach: a refused login, a closed port, a database file that is not there,
a ``dsn_env`` variable that is not set. Each is one clear line on stderr and exit 2 (a
configuration or connection problem), for ``mdd plan``, ``apply`` and ``deploy`` alike, and the
password in the URL never appears in anything mdd prints (URLs are shown masked).

The local PostgreSQL trusts 127.0.0.1 (any password is accepted), so its refused login is a role
that does not exist, given with the password; MariaDB refuses root with a password it does not
have."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import make_url

from faultkit import APPLY_FLAGS, Target, dsn_env, finish, one_line_error, start

SYSTEM = "qlvb_state"
PASSWORD = "S3cr3t-pw"


def cases(target: Target) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    """{case: (URL or None for no variable, what the one line must say)}."""
    url = make_url(target.url).set(password=PASSWORD)
    env = dsn_env(SYSTEM)
    unset: tuple[str | None, tuple[str, ...]] = (None, (env, "not set"))
    if target.kind == "sqlite":
        missing = url.set(database=str(Path(target.name).with_name("no-such-file.sqlite")))
        return {"no such file": (missing.render_as_string(hide_password=False), ("no-such-file.sqlite",
                                                                                 "there is no database file")),
                "no variable": unset}
    closed = url.set(host="127.0.0.1", port=1)
    login = url.set(username="mdd_no_such_role") if target.kind == "postgresql" else url
    return {"login refused": (login.render_as_string(hide_password=False),
                              ("cannot connect", "***", "does not exist" if target.kind == "postgresql" else
                               "Access denied")),
            "port closed": (closed.render_as_string(hide_password=False), ("cannot connect", "127.0.0.1:1",
                                                                           "refused")),
            "no variable": unset}


def test_unreachable_target_is_one_line_exit_2_without_the_password(target: Target,
                                                                    bundle: Callable[[str], Path]) -> None:
    folder = str(bundle(target.kind))
    commands = {"apply": ["apply", SYSTEM, "--bundle", folder, *APPLY_FLAGS, "--lock-timeout", "5"],
                "plan": ["plan", SYSTEM, "--bundle", folder],
                "deploy": ["deploy", "--systems", SYSTEM, "--bundle", folder, *APPLY_FLAGS]}
    expected = cases(target)
    # apply meets every case; plan and deploy (the same connection code) one each
    runs = [("apply", case) for case in expected] + [("plan", next(iter(expected))), ("deploy", "no variable")]
    started = time.monotonic()
    running = {(command, case): start(*commands[command], env={dsn_env(SYSTEM): url} if (url := expected[case][0])
                                      else {})
               for command, case in runs}  # independent: all at once
    for (command, case), process in running.items():
        run = finish(process, commands[command], started, timeout=60)
        assert PASSWORD not in run.out + run.err, f"{command}, {case}: the password was printed:\n{run}"
        assert run.code == 2, f"{command}, {case}:\n{run}"
        line = one_line_error(run)
        for text in expected[case][1]:
            assert text in line, f"{command}, {case}: {text!r} missing from {line!r}"
