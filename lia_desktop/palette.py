"""The colours of the advice, shared by the window and the PDF (plain hex, no toolkit)."""

from __future__ import annotations

from lia_desktop.domain.model import Verdict

# verdict -> (fill, ink): a pale background and the text/border colour that goes on it
VERDICT = {
    Verdict.SUITABLE.value: ("#e3f4e6", "#2e7d32"),
    Verdict.WITH_SAFEGUARDS.value: ("#fff4d6", "#8a5300"),
    Verdict.NOT_SUITABLE.value: ("#fde4e1", "#b71c1c"),
    Verdict.INCOMPLETE.value: ("#eceff1", "#455a64"),
}

# how an answer weighs -> its colour in the balance chart
BALANCE = {
    "favourable": "#2e7d32",
    "unfavourable": "#c62828",
    "open": "#f9a825",
    "unanswered": "#b0bec5",
}
