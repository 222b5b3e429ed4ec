"""Knowledge for the clean stage, loaded once from ``clean/data/*.yaml`` and compiled."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("data")


def _load(name: str) -> dict:
    with (DATA / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@dataclass(frozen=True)
class Cues:
    line: tuple[tuple[str, re.Pattern[str]], ...]   # (kind, pattern)
    footer: tuple[tuple[str, re.Pattern[str]], ...]     # (kind: "comments" | "related", pattern)
    prompt: tuple[re.Pattern[str], ...]
    credit: tuple[re.Pattern[str], ...]
    teaser: re.Pattern[str]
    source: re.Pattern[str]
    byline: re.Pattern[str]
    not_name: frozenset[str]
    agencies: dict[str, str]                          # alias -> canonical
    attribution: tuple[re.Pattern[str], ...]          # "told AFP": group "agency"
    zones: dict[str, str]                             # abbreviation -> "+05:30"
    months: dict[str, int]                            # "sept" -> 9

    def line_kind(self, text: str) -> str | None:
        """The boilerplate kind of a line (``"comments"``, ``"share"``, ...) or None."""
        for kind, rx in self.line:
            if rx.search(text):
                return kind
        return None

    def footer_kind(self, text: str) -> str | None:
        """"comments" / "related" when the line is a heading that ends the body, else None."""
        for kind, rx in self.footer:
            if rx.search(text):
                return kind
        return None

    def is_prompt(self, text: str) -> bool:
        return any(rx.search(text) for rx in self.prompt)

    def credit_of(self, text: str) -> str | None:
        for rx in self.credit:
            m = rx.search(text)
            if m:
                return m.group("agency").strip()
        return None

    def agency(self, name: str) -> str | None:
        """Canonical agency for an alias ("Agence France-Presse" -> "AFP"), else None."""
        name = name.strip(" .,;:-–—()")
        return self.agencies.get(name) or self.agencies.get(name.lower())


def _attribution(patterns: list[str], agencies: dict[str, str]) -> tuple[re.Pattern[str], ...]:
    """Attribution patterns with ``{agency}`` standing for any alias (longest first); short
    upper-case aliases stay case-sensitive so "ap" or "aa" in running text never match."""
    names = sorted(agencies, key=len, reverse=True)
    alias = "(?P<agency>" + "|".join(re.escape(n) for n in names) + ")"
    return tuple(re.compile(p.replace("{agency}", alias)) for p in patterns)


@lru_cache(maxsize=1)
def cues() -> Cues:
    bp = _load("boilerplate.yaml")
    agencies: dict[str, str] = {}
    for canon, aliases in _load("agencies.yaml").items():
        for alias in [canon, *aliases]:
            agencies[alias] = canon
            if len(alias) > 4:          # short upper-case forms ("AP", "PA") stay case-sensitive
                agencies.setdefault(alias.lower(), canon)
    months = {name: int(num) for num, names in _load("dates.yaml")["months"].items() for name in names}
    return Cues(
        line=tuple((kind, _rx(p)) for kind, pats in bp["line"].items() for p in pats),
        footer=tuple((kind, _rx(p)) for kind, pats in bp["footer"].items() for p in pats),
        prompt=tuple(_rx(p) for p in bp["prompt"]),
        credit=tuple(_rx(p) for p in bp["credit"]),
        teaser=_rx(bp["teaser"]),
        source=_rx(bp["source"]),
        byline=_rx(bp["byline"]),
        not_name=frozenset(w.lower() for w in bp["not_name"]),
        agencies=agencies,
        attribution=_attribution(bp["attribution"], agencies),
        zones={k.upper(): v for k, v in _load("timezones.yaml").items()},
        months=months,
    )
