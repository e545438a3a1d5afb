"""The advice: the verdict at a glance and per channel, what to find out, what is still to
do, the reasons in words, what would change the advice, and the safeguards to choose."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

from lia_desktop import palette
from lia_desktop.domain.advice_view import Block, advice_blocks
from lia_desktop.domain.evaluation import Evaluation, evaluate
from lia_desktop.domain.sensitivity import what_would_change
from lia_desktop.ui.balance_chart import BalanceChart
from lia_desktop.ui.widgets import ItemEditor
from lia_desktop.ui.wizard.page import BasePage, PageHost


class OutcomePage(BasePage):
    """The verdict at a glance (colour and balance chart), then the reasons in words."""

    def __init__(self, wizard: PageHost) -> None:
        super().__init__(wizard, "outcome")
        layout = QVBoxLayout(self)
        self.banner = QLabel()
        self.banner.setObjectName("outcome.verdict")
        self.banner.setWordWrap(True)
        self.banner.setMargin(10)
        self.banner.setAutoFillBackground(True)
        layout.addWidget(self.banner)
        chart_row = QHBoxLayout()
        self.chart = BalanceChart()
        self.legend = QLabel()
        self.legend.setObjectName("outcome.legend")
        chart_row.addWidget(self.chart, 2)
        chart_row.addWidget(self.legend, 3)
        layout.addLayout(chart_row)
        body = QHBoxLayout()
        self.findings = QTextBrowser()
        self.findings.setObjectName("outcome.findings")
        self.findings.setOpenLinks(False)
        self.findings.anchorClicked.connect(lambda url: wizard.jump_to(url.toString().removeprefix("item:")))
        body.addWidget(self.findings, 3)
        self.safeguards = ItemEditor(self.q.items["safeguards"], self.q, wizard.texts, wizard.draft)
        self.safeguards.changed.connect(self._changed)
        holder = QWidget()
        holder_layout = QVBoxLayout(holder)
        holder_layout.addWidget(self.safeguards)
        holder_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        body.addWidget(scroll, 2)
        layout.addLayout(body, 1)

    def initializePage(self) -> None:
        self.w.before_page(self.name)
        self.safeguards.draft = self.draft
        self.safeguards.required = None  # which rows show is worked out again for this draft
        self.safeguards.load()
        self.banner.setMinimumHeight(0)
        self.refresh()

    def _changed(self, item_id: str) -> None:
        self.w.draft_changed(item_id)
        self.refresh()

    def refresh(self) -> None:
        texts = self.w.texts
        result = evaluate(self.draft, self.q, texts.language)
        self.safeguards.set_required(result.required_safeguards)
        fill, ink = palette.VERDICT[result.verdict.value]
        self.banner.setStyleSheet(f"background: {fill}; color: {ink}; border: 2px solid {ink}; border-radius: 4px;")
        self.banner.setText(
            f"<b style='font-size: 15pt'>{escape(texts.verdict(result.verdict.value))}</b><br>{escape(result.summary)}"
        )
        self.banner.setAccessibleName(texts.verdict(result.verdict.value))
        # the banner only grows while the page is open: ticking a box never moves the boxes
        self.banner.setMinimumHeight(max(self.banner.minimumHeight(), self.banner.sizeHint().height()))
        legend = ", ".join(
            f"<span style='color:{colour}'>■</span> {result.counts[key]} {escape(self._count_label(key))}"
            for key, colour in palette.BALANCE.items()
        )
        self.legend.setText(legend)
        self.chart.set_counts(result.counts, self.legend.text().replace("■", ""))
        scrolled = self.findings.verticalScrollBar().value()  # the reader stays where they were
        self.findings.setHtml(self.findings_html(result))
        self.findings.verticalScrollBar().setValue(scrolled)

    def _count_label(self, key: str) -> str:
        texts = self.w.texts
        return texts.get("pdf", "unanswered") if key == "unanswered" else texts.get("balance_label", key)

    def findings_html(self, result: Evaluation) -> str:
        texts = self.w.texts
        changes = what_would_change(self.draft, self.q)
        return "".join(self._block_html(block) for block in advice_blocks(result, self.q, texts, changes))

    def _links(self, refs: tuple[str, ...]) -> str:
        pages: dict[str, str] = {}
        for ref in refs if len(refs) <= 4 else ():
            if ref in self.w.jumpable():
                pages.setdefault(self.w.page_of(ref), ref)
        return " · ".join(
            f"<a href='item:{ref}'>{escape(self.w.ui('go_to', name=self.w.short_name(ref)))}</a>"
            for ref in pages.values()
        )

    def _block_html(self, block: Block) -> str:
        texts = self.w.texts
        heading = "h4" if block.key.startswith("channel:") else "h3"
        parts = [f"<{heading}>{escape(block.title)}</{heading}>"]
        if block.key == "channels":
            rows = []
            for line in block.lines:
                fill, ink = palette.CHANNEL[line.verdict]
                cell = f"style='background:{fill}; color:{ink}; padding:4px 8px'"
                rows.append(f"<tr><td {cell}><b>{escape(line.text)}</b></td></tr>")
            return parts[0] + f"<table cellspacing='2'>{''.join(rows)}</table>"
        parts.append("<ul>")
        for line in block.lines:
            word = escape(texts.get("level", line.level)) if line.level in ("warning", "stop") else ""
            level = texts.labelled(f"<b>{word}</b>") + " " if word else ""
            legal = f" <i>({texts.labelled(escape(texts.app('legal')), escape(line.legal))})</i>" if line.legal else ""
            parts.append(f"<li>{level}{escape(line.text)}{legal} {self._links(line.refs)}</li>")
        parts.append("</ul>")
        return "".join(parts)

    def retranslate(self) -> None:
        super().retranslate()
        self.safeguards.retranslate(self.w.texts)
        if self.w.currentPage() is self:
            self.refresh()
