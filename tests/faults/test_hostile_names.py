"""Unit names that try to break out of their SQL literal, or that an encoding would mangle: quotes,
``;``, ``--``, ``/* */``, backslashes (one at the very end), ``%`` and ``:name`` (driver
placeholders), Jinja braces, Vietnamese with every tone mark, and a character beyond the BMP
(chữ Nôm: four bytes in UTF-8, utf8mb4 in MariaDB). A copy of the sample registry gets them (still
valid: NFC, trimmed, single-spaced), ``mdd render`` renders it for each engine, ``mdd deploy
--all`` carries it into all five example systems (one database), and every name arrives byte for
byte in every system's units table.
"""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
import yaml

from dbtargets import REPO, SYSTEMS, sample
from faultkit import APPLY_FLAGS, Target, mdd

HOSTILE = {  # unit id -> name (level 2 and 3 agencies of the state block: in every system's scope)
    "vp-ubnd-tinh": "Sở Tư pháp; --'\\ Đắk Lắk",
    "tt-phuc-vu-hcc": "Văn phòng 'UBND'); DROP TABLE dm_donvi; -- Bắc Giang",
    "so-noi-vu": "Trung tâm /* không phải chú thích */ 100% \"Phục vụ\" `hành chính` '' \\",
    "ban-thi-dua-khen-thuong": "Ban Thi đua :name %(x)s %s {{ x }} {% if %} \\' \\\\ Ỷ Ữ Ẫ ộ ỗ ự 𡨸 Nôm",
}


@pytest.fixture(scope="session")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A valid copy of the sample registry with the hostile names: (folder, {code: name})."""
    folder = tmp_path_factory.mktemp("hostile") / "registry"
    shutil.copytree(REPO / "registry", folder)
    document = yaml.safe_load((folder / "units.yaml").read_text(encoding="utf-8"))
    codes = {}
    for unit in document["units"]:
        if unit["id"] in HOSTILE:
            unit["name"] = HOSTILE[unit["id"]]
            codes[unit["code"]] = unit["name"]
    assert len(codes) == len(HOSTILE)
    (folder / "units.yaml").write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=1000),
                                       encoding="utf-8")
    for name in HOSTILE.values():
        assert unicodedata.is_normalized("NFC", name) and name == name.strip() and "  " not in name
    formatted = mdd("fmt", "--registry", str(folder))  # the canonical form, as a pull request would hold it
    assert formatted.code == 0, str(formatted)
    valid = mdd("validate", "--registry", str(folder))
    assert valid.code == 0, str(valid)
    return folder, codes


def test_hostile_names_arrive_byte_exact_in_every_system(target: Target, hostile: tuple[Path, dict[str, str]],
                                                         tmp_path: Path) -> None:
    registry, codes = hostile
    out = tmp_path / "bundle"
    rendered = mdd("render", "--full", "--dialect", target.kind, "--registry", str(registry), "--out", str(out))
    assert rendered.code == 0, str(rendered)
    for system in SYSTEMS:
        target.load(system)
    run = mdd("deploy", "--bundle", str(out), "--all", *APPLY_FLAGS, env=target.env())
    assert run.code == 0, str(run)

    for system in SYSTEMS:
        units = sample().system(system)["units"]
        found = dict(target.rows(f"SELECT {units['key']}, {units['name']} FROM {units['table']}"))
        for code, name in codes.items():
            assert code in found, f"{system}: no row for {code}"
            assert found[code].encode("utf-8") == name.encode("utf-8"), f"{system} {code}: {found[code]!r} != {name!r}"
