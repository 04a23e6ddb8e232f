"""The ``--map mapping.yaml`` file: column titles the vocabulary does not know, and their fields.

```yaml
columns:
  "Mã định danh (mã mới)": code          # header text as in the file → a field of columns.BY_FIELD
  "Mã cũ theo QCVN 102:2016": code102
  "Số hiệu văn bản": decision.number
  "Ghi chú nội bộ": ~                    # null: ignore this column even if its title is known
```

Titles are compared like every header (:func:`.columns.header_key`: case, diacritics, spaces
and punctuation do not matter). The file is read by the strict loader; anything wrong in it
raises :class:`MappingError` (exit 2) naming the file, line and column.
"""

from __future__ import annotations

from pathlib import Path

from .. import loader
from ..validate import display_path
from .columns import BY_FIELD
from .tables import TableError


class MappingError(TableError):
    """The mapping file is missing or wrong (exit 2)."""


def load_mapping(path: Path) -> dict[str, str | None]:
    """Header text → field (None: ignore the column), from a mapping file."""
    display = display_path(path)
    if not path.is_file():
        raise MappingError(f"{display}: no such mapping file")
    try:
        doc = loader.load_file(path)
    except loader.LoadError as error:
        first = error.problems[0]
        raise MappingError(f"{display}:{first.line}:{first.column}: {first.message}") from None
    if not isinstance(doc, loader.Map) or set(doc) != {"columns"} or not isinstance(doc["columns"], loader.Map):
        raise MappingError(f"{display}:1:1: a mapping file holds one key, columns: a mapping of header text to field")
    return {header: _field(doc["columns"], header, display) for header in doc["columns"]}


def _field(columns: loader.Map, header: str, display: str) -> str | None:
    value = columns[header]
    if value is None or (isinstance(value, str) and value in BY_FIELD):
        return value
    line, column = columns.value_position(header)
    raise MappingError(f"{display}:{line + 1}:{column + 1}: unknown field {value!r} for the column {header!r};"
                       f" known fields: {', '.join(BY_FIELD)} (or ~ to ignore the column)")
