"""The window as a first-time user meets it (no saved layout).

It opens over the whole available screen, the texts get most of the height, the
"Differences of the selection" dock stays a short strip until the first click and
then takes about a quarter of the height, and the legend sits above the panes where
it wraps instead of being clipped in the status bar. A saved layout (window
geometry and dock state) overrides all of this.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QVBoxLayout, QWidget

DETAIL_SHARE = 0.25  # of the window height, once something is selected
DETAIL_SHORT_LINES = 3  # before that: the hint line and a little room
SIDE_WIDTH = 280  # px: overview and facts docks at first sight


def place_on_screen(win) -> None:
    """Size ``win`` to the available geometry of its screen (a first start)."""
    screen = win.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        win.resize(1400, 900)
        return
    avail = screen.availableGeometry()
    if avail.width() < 200 or avail.height() < 200:  # a nonsense screen: keep a sane size
        win.resize(1400, 900)
        return
    win.setGeometry(avail)


def short_detail_height(win) -> int:
    """The detail dock's height while nothing is selected."""
    fm = win.fontMetrics()
    return fm.lineSpacing() * DETAIL_SHORT_LINES + 48  # title bar, tab bar, margins


def size_docks_first_time(win) -> None:
    """Narrow the side docks and shorten the detail dock (docks size only once shown)."""
    side = [win.docks[k] for k in ("overview", "facts") if k in win.docks and not win.docks[k].isFloating()]
    if side:
        win.resizeDocks(side[:1], [SIDE_WIDTH], Qt.Orientation.Horizontal)
    if "detail" in win.docks:
        win.resizeDocks([win.docks["detail"]], [short_detail_height(win)], Qt.Orientation.Vertical)
        win._detail_grows = True


def grow_detail_once(win) -> None:
    """At the first selection, give the detail dock its quarter of the height, unless
    the user already made it taller."""
    if not getattr(win, "_detail_grows", False):
        return
    win._detail_grows = False
    dock = win.docks.get("detail")
    if dock is None or dock.isFloating() or dock.isHidden():
        return
    want = int(win.height() * DETAIL_SHARE)
    if dock.height() < want:
        win.resizeDocks([dock], [want], Qt.Orientation.Vertical)
        # The panes just lost that height: a selection near a pane's foot was cut off.
        QTimer.singleShot(0, win.area.reveal_selected)


def first_show(win) -> None:
    """Called from the first showEvent when no layout was saved."""
    QTimer.singleShot(0, lambda: size_docks_first_time(win))


def legend_above_panes(win) -> QWidget:
    """Put ``win.legend`` above the panes (out of the status bar, where five versions'
    worth of status text clipped it) and make the pair the central widget."""
    sb = win.statusBar()
    sb.removeWidget(win.legend)  # harmless when it was never there
    host = QWidget()
    lay = QVBoxLayout(host)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(0)
    lay.addWidget(win.legend)
    lay.addWidget(win.area, 1)
    win.setCentralWidget(host)
    win.legend.show()
    return host
