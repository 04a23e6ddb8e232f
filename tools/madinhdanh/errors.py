"""The error every layer raises when mdd cannot do its job at all (a missing folder, schema or
variable, an unreadable bundle): the command line prints its message on one line and exits 2.

Its own module, imported by everything and importing nothing, so that a command that never reads
the registry (``mdd apply``) does not load the validator (YAML, the rules, the JSON schemas) to
know the class."""

from __future__ import annotations

from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "schemas"


class ConfigError(Exception):
    """The registry cannot be checked at all (missing folder or schema): exit 2."""
