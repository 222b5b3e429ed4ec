"""eventwire: raw news in, one row per real-world conflict event out.

>>> import eventwire
>>> report = eventwire.ingest("samples/", db="eventwire.db")
>>> for event in eventwire.events(db="eventwire.db"): ...
"""
__version__ = "0.1.0"

from eventwire.api import annotate, articles, events, ingest  # noqa: E402

__all__ = ["ingest", "events", "articles", "annotate", "__version__"]
