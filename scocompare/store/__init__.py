"""scocompare.store: comparison sessions in one SQLite database (sqlite-utils), never Qt.

``SessionStore`` is the API the window and the command line use; ``StoreError`` is the
one-line error every problem with the database or a .scocompare file becomes.
"""

from scocompare.store.errors import StoreError

__all__ = ["StoreError"]
