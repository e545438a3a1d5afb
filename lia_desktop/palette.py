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

# channel verdict -> (fill, ink): consent needed and not allowed share the red of "not
# suitable", the verdict they make overall; "not allowed" is darker
CHANNEL = {
    "suitable": VERDICT[Verdict.SUITABLE.value],
    "suitable_with_safeguards": VERDICT[Verdict.WITH_SAFEGUARDS.value],
    "incomplete": VERDICT[Verdict.INCOMPLETE.value],
    "consent_needed": VERDICT[Verdict.NOT_SUITABLE.value],
    "not_allowed": ("#f8d0cc", "#7f0000"),
}

# how an answer weighs -> its colour in the balance chart, in the chart's order
BALANCE = {
    "favourable": "#2e7d32",
    "partial": "#ef6c00",
    "unfavourable": "#c62828",
    "open": "#1e88e5",  # blue: to find out, neither for nor against
    "unanswered": "#b0bec5",
}
