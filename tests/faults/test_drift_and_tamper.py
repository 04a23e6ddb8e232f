"""What a reviewer read is what runs, or nothing runs.

- Drift: ``mdd plan --out plan.json``, then someone edits one legacy row of the target by hand
  (an agency's name, in the system's own screen); ``mdd apply --plan plan.json`` is refused
  (exit 1: the target changed since the plan) and changes nothing.
- Tampering: one byte of up.sql changed after rendering; ``mdd apply`` and ``mdd plan`` are
  refused before connecting (exit 2, naming the file and its sha256) and change nothing
  (``mdd deploy`` reads bundles the same way).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from faultkit import APPLY_FLAGS, Target, mdd, one_line_error, outcomes

SYSTEM = "qlvb_state"
EDITED = "000.00.06.H03"  # Sở Nội vụ in the legacy qlvb_state (keyed by its QCVN 102 code)


def test_apply_refuses_a_target_that_drifted_from_the_plan(target: Target, bundle: Callable[[str], Path],
                                                           tmp_path: Path) -> None:
    target.load(SYSTEM)
    folder = str(bundle(target.kind))
    plan = tmp_path / "plan.json"
    planned = mdd("plan", SYSTEM, "--bundle", folder, "--out", str(plan), env=target.env())
    assert planned.code == 0 and plan.is_file(), str(planned)

    target.execute(f"UPDATE dm_donvi SET ten_donvi = 'Sở Nội vụ (sửa tay)' WHERE ma_dinh_danh = '{EDITED}'")
    drifted = target.snapshot()
    run = mdd("apply", SYSTEM, "--bundle", folder, "--plan", str(plan), *APPLY_FLAGS, env=target.env())
    assert run.code == 1, str(run)
    line = one_line_error(run)
    assert "changed since the plan" in line and "nothing was changed" in line, line
    assert target.snapshot() == drifted
    assert outcomes(target, SYSTEM) == ["refused"]


def test_a_changed_byte_in_up_sql_refuses_the_bundle(target: Target, bundle: Callable[[str], Path],
                                                     tmp_path: Path) -> None:
    target.load(SYSTEM)
    before = target.snapshot()
    folder = tmp_path / "bundle"
    shutil.copytree(bundle(target.kind), folder)
    up = folder / SYSTEM / "up.sql"
    data = bytearray(up.read_bytes())
    at = data.index(b"H03.02") + 5  # the first new code in the map, Sở Nội vụ's: H03.02 -> H03.09
    data[at:at + 1] = b"9"
    up.write_bytes(bytes(data))

    for args in (["apply", SYSTEM, *APPLY_FLAGS], ["plan", SYSTEM]):
        run = mdd(*args, "--bundle", str(folder), env=target.env())
        assert run.code == 2, str(run)
        line = one_line_error(run)
        assert f"{SYSTEM}/up.sql" in line and "sha256" in line and "refused" in line, line
    assert target.snapshot() == before
    assert not target.has_table("mdd_ledger")  # refused before connecting: not even mdd's tables
