"""Grammar of time expressions: named regular expressions built from ``data/timex.yaml``.

Each rule's named groups are what ``timex_resolve`` reads. Month and weekday names must be
capitalised (or all caps) so the modal "may" or the verb "march" never match; cue words
("last", "early", "in") are matched in any case.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "timex.yaml"

RULE_NAMES = ("iso", "numeric", "mdy", "dmy", "month_year", "month", "year",
              "unit_rel", "unit_the", "weekend", "day_word", "weekday", "ago")


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]            # lower-case full name or abbreviation -> 1..12
    full_months: tuple[str, ...]
    abbreviations: tuple[str, ...]
    ambiguous_months: frozenset[str]  # lower-case
    month_cues: frozenset[str]
    year_cues: frozenset[str]
    year_determiners: frozenset[str]
    weekdays: dict[str, int]          # lower-case -> 0 (Monday) .. 6
    weekday_titles: re.Pattern        # matches right after a weekday that starts a title
    weekday_name_prefixes: frozenset[str]
    day_parts: tuple[str, ...]
    numbers: dict[str, int]
    future_window_days: int
    future_window_months: int
    future_cues: re.Pattern
    past_reporting: re.Pattern
    past_cues: re.Pattern
    part_of_month_start: dict[str, int]  # "early" -> 1, "end of" -> -7 (from the month's end)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once from the package data."""
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    full = {w: int(m) for m, words in raw["months"].items() for w in words}
    abbr = {w: int(m) for m, words in raw["month_abbreviations"].items() for w in words}
    lower = lambda words: frozenset(w.lower() for w in words)  # noqa: E731
    return Lexicon(
        months={w.lower(): m for w, m in {**abbr, **full}.items()},
        full_months=tuple(full), abbreviations=tuple(abbr),
        ambiguous_months=lower(raw["ambiguous_months"]),
        month_cues=lower(raw["month_cues"]), year_cues=lower(raw["year_cues"]),
        year_determiners=lower(raw["year_determiners"]),
        weekdays={w.lower(): i for i, w in enumerate(raw["weekdays"])},
        weekday_titles=re.compile(rf"\s+{_alt(raw['weekday_title_words'], exact=True)}\b"),
        weekday_name_prefixes=lower(raw["weekday_name_prefixes"]),
        day_parts=tuple(raw["day_parts"]),
        numbers={str(k).lower(): int(v) for k, v in raw["numbers"].items()},
        future_window_days=int(raw["future_window_days"]),
        future_window_months=int(raw["future_window_months"]),
        future_cues=re.compile(rf"(?:(?<![\w-])|(?=')){_alt(raw['future_cues'])}(?!\w)"),
        past_reporting=re.compile(rf"(?<![\w-]){_alt(raw['past_reporting_verbs'])}(?!\w)"),
        past_cues=re.compile(rf"(?<![\w-]){_alt(raw['past_cues'])}(?!\w)"),
        part_of_month_start={str(k): int(v) for k, v in raw["part_of_month_start"].items()},
    )


def _alt(words, capitalised: bool = False, exact: bool = False) -> str:
    """Regex alternation, longest first; capitalised words also match in ALL CAPS; ``exact``
    keeps the case as written, otherwise the words match in any case."""
    forms = set()
    for w in words:
        forms.update((w[:1].upper() + w[1:], w.upper()) if capitalised else (w,))
    ordered = sorted(forms, key=len, reverse=True)
    body = "|".join(re.escape(f).replace("\\ ", " ").replace(" ", r"\s+") for f in ordered)
    return f"(?:{body})" if capitalised or exact else f"(?i:{body})"


def _patterns(lex: Lexicon) -> dict[str, str]:
    mon_any = _alt(lex.full_months + lex.abbreviations, capitalised=True)
    mon_full = _alt(lex.full_months, capitalised=True)
    weekday = _alt([w.capitalize() for w in lex.weekdays], capitalised=True)
    part = _alt(lex.day_parts)
    number = r"\d{1,3}|" + _alt(lex.numbers)
    day = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|[,.]\d)"
    year = r"(?P<year>1[89]\d\d|20\d\d)(?!\w|[,.]\d)"  # older years are rare in news
    # "early", "mid-", "the end of" ... before a month or a year
    part_of = r"(?:the\s+)?(?:end|beginning|start|middle)\s+of"
    mod = rf"(?:(?P<mod>(?i:early|late|mid|{part_of}))(?:\s+|-))"
    mod_rel = rf"(?:(?P<mod>(?i:early|late|earlier|later|{part_of}))\s+)"
    rel = r"(?i:last|next|this\s+past|this\s+coming|this)"
    wd_prefix = rf"(?:(?P<wd>{weekday}),?\s+)?"
    nb = r"(?<![\w])"
    return {
        "iso": r"(?<![\w/.-])(?P<year>\d{4})(?P<sep>[-/])(?P<month>1[0-2]|0?[1-9])(?P=sep)"
               r"(?P<day>3[01]|[12]\d|0?[1-9])(?![\d/])(?!-\d)",
        "numeric": r"(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)"
                   r"(?P<year>(?:19|20)\d\d)(?![\d/])(?!-\d)",
        "mdy": rf"{nb}{wd_prefix}(?P<month>{mon_any})\.?\s+{day}(?:,?\s+{year})?",
        "dmy": rf"(?<![\w,.$])(?:(?P<wd>{weekday}),?\s+)?(?:(?i:the)\s+)?{day}(?:\s+(?i:of))?\s+"
               rf"(?P<month>{mon_any})(?!\w)\.?(?:,?\s+{year})?",
        "month_year": rf"{nb}{mod}?(?P<month>{mon_any})(?!\w)\.?(?:,|\s+(?i:of))?\s+{year}",
        "month": rf"{nb}{mod}?(?:(?P<rel>{rel})\s+)?(?P<month>{mon_full})(?!\w)"
                 rf"(?:,?\s+(?:(?i:of)\s+)?(?P<yrel>{rel})\s+(?i:year)(?!\w))?",
        "year": rf"(?<![\w$£€#,.]){mod}?{year}",
        "unit_rel": rf"{nb}(?<![Tt]he\s){mod_rel}?(?P<rel>{rel})\s+"
                    r"(?P<unit>(?i:weekend|week|month|year))(?!\w)",
        "unit_the": rf"{nb}(?P<mod>(?i:{part_of}))\s+(?i:the)\s+"
                    r"(?P<unit>(?i:week|month|year))(?!\w)",
        "weekend": rf"{nb}(?i:the)\s+(?P<unit>(?i:weekend))(?!\w)",
        "day_word": rf"{nb}(?:(?P<mod>(?i:early|late|earlier|later))\s+)?(?P<word>(?i:today|tonight|"
                    r"yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
                    rf"last\s+night|this\s+morning|this\s+afternoon|this\s+evening))(?:\s+{part})?(?!\w)",
        "weekday": rf"{nb}(?:(?P<mod>(?i:early|late|earlier|later))(?:\s+(?i:on))?\s+)?"
                   rf"(?:(?P<rel>{rel}|(?i:past|coming))\s+)?(?P<wd>{weekday})(?!\w)(?:\s+{part})?(?!\w)",
        "ago": rf"{nb}(?P<num>{number})\s+(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)(?!\w)",
    }


@lru_cache(maxsize=1)
def rules() -> dict[str, re.Pattern]:
    """Compiled rules by name, in RULE_NAMES order."""
    pats = _patterns(lexicon())
    return {name: re.compile(pats[name]) for name in RULE_NAMES}
