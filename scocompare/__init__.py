"""scocompare: compare published versions of one official statement."""

__version__ = "0.2.1"
