"""The line under the list: how many assessments the workspace holds, by verdict, how many are
due for review, and how many the filters leave on screen."""

from __future__ import annotations

from collections import Counter

from lia_desktop.domain.content import Texts
from lia_desktop.domain.model import Verdict
from lia_desktop.i18n import Ui
from lia_desktop.storage.summaries import Summary


def overview_text(everything: list[Summary], shown: int, today: str, ui: Ui, t: Texts) -> str:
    counts = dict.fromkeys((v.value for v in Verdict), 0)
    counts.update(Counter(row.verdict for row in everything))
    parts = [ui.plural("overview_total", len(everything))]
    parts += [t.labelled(t.verdict_short(v), str(n)) for v, n in counts.items() if n]
    parts.append(ui("overview_due", count=sum(1 for row in everything if row.review_due(today))))
    if shown != len(everything):  # a search or a filter hides some
        parts.append(ui.plural("overview_shown", shown))
    return " · ".join(parts)
