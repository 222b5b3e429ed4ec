"""ACLED's taxonomy as data: disorder types, event types, sub-event types and their nesting.

The YAML in ``data/codebook.yaml`` is the single source of spellings; code never repeats them
except as lookups.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class SubEventType:
    name: str
    event_type: str
    disorder_type: str
    definition: str


@dataclass(frozen=True)
class Codebook:
    name: str
    disorder_types: dict[str, str]
    event_types: dict[str, str]                      # event type -> definition
    sub_event_types: dict[str, SubEventType] = field(default_factory=dict)

    def event_type(self, sub_event_type: str) -> str:
        """The event type a sub-event type belongs to (KeyError when unknown)."""
        return self.sub_event_types[sub_event_type].event_type

    def disorder_type(self, sub_event_type: str) -> str:
        """ACLED's disorder type, e.g. "Political violence; Demonstrations" for excessive force."""
        return self.sub_event_types[sub_event_type].disorder_type

    def subtypes_of(self, event_type: str) -> list[str]:
        return [s.name for s in self.sub_event_types.values() if s.event_type == event_type]

    def __contains__(self, sub_event_type: object) -> bool:
        return sub_event_type in self.sub_event_types


def _load(text: str) -> Codebook:
    raw = yaml.safe_load(text)
    overrides = raw.get("disorder_overrides") or {}
    subs: dict[str, SubEventType] = {}
    events: dict[str, str] = {}
    for ev_name, ev in raw["event_types"].items():
        events[ev_name] = ev["definition"]
        for sub_name, definition in ev["sub_event_types"].items():
            disorder = overrides.get(sub_name, ev["disorder_type"])
            subs[sub_name] = SubEventType(sub_name, ev_name, disorder, definition)
    return Codebook(raw["name"], dict(raw["disorder_types"]), events, subs)


@lru_cache(maxsize=1)
def get_codebook() -> Codebook:
    """The ACLED codebook shipped with the package."""
    text = resources.files("eventwire.extract").joinpath("data/codebook.yaml").read_text("utf-8")
    return _load(text)


def disorder_type(sub_event_type: str) -> str:
    """Shortcut for ``get_codebook().disorder_type(sub_event_type)``."""
    return get_codebook().disorder_type(sub_event_type)
