"""eventwire: raw news in, one row per real-world conflict event out."""
__version__ = "0.1.0"
