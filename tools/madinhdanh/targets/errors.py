"""What can go wrong on a target, each with its exit code (DESIGN.md §9) and one clear line.
Messages never hold a password: URLs are shown masked (:func:`.connection.masked`)."""

from __future__ import annotations


class TargetError(Exception):
    """A target cannot be used: exit 2 (configuration: a missing variable, a bad URL, no driver)."""

    exit_code = 2


class ConnectError(TargetError):
    """The server cannot be reached or refuses the login: exit 2."""


class Refused(TargetError):
    """mdd refused to change the target, or rolled its change back: the target is as it was. Exit 1."""

    exit_code = 1


class LockBusy(Refused):
    """Another session held a lock longer than the lock timeout."""


class Failed(Refused):
    """A statement of the bundle failed; the transaction was rolled back."""
