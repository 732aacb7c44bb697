"""Errors that reach the user as one clear line (never a traceback)."""

from __future__ import annotations


class ScocompareError(Exception):
    """Base class: ``str(err)`` is the one line shown to the user."""


class InputError(ScocompareError):
    """A file (or URL) that cannot be loaded: names the file and the problem."""

    def __init__(self, source: str, problem: str):
        self.source = source
        self.problem = problem
        super().__init__(f"{source}: {problem}")


class Cancelled(ScocompareError):
    """Long work stopped because the user asked for it."""

    def __init__(self) -> None:
        super().__init__("cancelled")
