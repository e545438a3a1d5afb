"""The help beside the questions: what an item means, why it matters, examples, the law."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QFrame, QSizePolicy, QTextBrowser, QWidget

from lia_desktop.domain.content import Texts


class HelpPanel(QTextBrowser):
    """What an item means, why it matters, examples and the legal reference."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("help")
        self.setOpenLinks(False)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(260)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

    def show_item(self, texts: Texts, item_id: str) -> None:
        text = texts.item(item_id)
        parts = [f"<h3>{escape(text.label)}</h3>", f"<p>{escape(text.help)}</p>"]
        if text.examples:
            parts.append(f"<p><b>{escape(texts.app('examples'))}</b></p><ul>")
            parts += [f"<li>{escape(example)}</li>" for example in text.examples]
            parts.append("</ul>")
        if text.legal:
            parts.append(f"<p><i>{texts.labelled(escape(texts.app('legal')), escape(text.legal))}</i></p>")
        self.setHtml("".join(parts))
        self.setAccessibleName(text.label)
