"""Window settings (recent files, geometry, layout) in an INI file in paths.config_dir().

QSettings' default location ignores ``SCOCOMPARE_HOME``; an explicit file keeps tests
and portable installs out of the user's real configuration.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from scocompare import paths

MAX_RECENT = 10


class Settings:
    """Thin typed wrapper over one QSettings INI file."""

    def __init__(self, file: Path | None = None):
        self.file = file or paths.config_dir() / "gui.ini"
        self.q = QSettings(str(self.file), QSettings.Format.IniFormat)

    # Recent files -------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.q.value("recent/files", [])
        if isinstance(value, str):  # QSettings returns a bare str for one item
            value = [value]
        return [str(v) for v in (value or []) if v]

    def add_recent(self, path: str | Path) -> list[str]:
        """Put ``path`` first (absolute, once) and keep the newest MAX_RECENT."""
        p = str(path).strip()
        if not p.startswith(("http://", "https://")):  # a web address is kept as typed
            p = str(Path(p).resolve())
        files = [p] + [f for f in self.recent_files() if f != p]
        files = files[:MAX_RECENT]
        self.q.setValue("recent/files", files)
        self.q.sync()
        return files

    def clear_recent(self) -> None:
        self.q.remove("recent/files")
        self.q.sync()

    # Window -------------------------------------------------------------------
    def save_window(self, geometry: QByteArray, state: QByteArray) -> None:
        self.q.setValue("window/geometry", geometry)
        self.q.setValue("window/state", state)
        self.q.sync()

    def window_geometry(self) -> QByteArray | None:
        v = self.q.value("window/geometry")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    def window_state(self) -> QByteArray | None:
        v = self.q.value("window/state")
        return v if isinstance(v, QByteArray) and not v.isEmpty() else None

    # Preferences --------------------------------------------------------------
    def value(self, key: str, default=None):
        return self.q.value(key, default)

    def set_value(self, key: str, value) -> None:
        self.q.setValue(key, value)
