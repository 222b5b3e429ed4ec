"""merge: one event, many reports.

- :mod:`.syndication`: copies and near-copies of one story (reposts, shortened or expanded
  wire versions) are grouped; undated copies take the story's date.
- :mod:`.events`: mentions of the same real-world event across articles become one Event,
  with reconciled fields (:mod:`.reconcile`) and corroboration counts.

Thresholds and knowledge live in ``merge/data/*.yaml``.
"""
from eventwire.merge.events import ArticleInfo, Block, blocks_touched, merge_mentions, related_mentions
from eventwire.merge.syndication import SyndicationIndex, date_undated, group_copies, signature

__all__ = [
    "ArticleInfo", "Block", "SyndicationIndex", "blocks_touched", "date_undated", "group_copies",
    "merge_mentions", "related_mentions", "signature",
]
