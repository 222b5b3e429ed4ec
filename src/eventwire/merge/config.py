"""Thresholds and knowledge of the merge stage, read from ``merge/data/*.yaml``."""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml


@cache
def load(name: str) -> dict[str, Any]:
    """The YAML file ``merge/data/<name>.yaml`` as a dict (read once per process)."""
    text = resources.files("eventwire.merge").joinpath("data", f"{name}.yaml").read_text("utf-8")
    return yaml.safe_load(text)
