"""The advice: the verdict at a glance, the reasons in words, and the safeguards to choose."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QTextBrowser, QVBoxLayout, QWidget

from lia_desktop import palette
from lia_desktop.domain.evaluation import Evaluation, Finding, evaluate
from lia_desktop.ui.widgets import BalanceChart, ItemEditor
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
        self.safeguards.load()
        self.refresh()

    def _changed(self, item_id: str) -> None:
        self.w.draft_changed(item_id)
        self.refresh()

    def refresh(self) -> None:
        texts = self.w.texts
        result = evaluate(self.draft, self.q, texts.language)
        fill, ink = palette.VERDICT[result.verdict.value]
        self.banner.setStyleSheet(f"background: {fill}; color: {ink}; border: 2px solid {ink}; border-radius: 4px;")
        self.banner.setText(
            f"<b style='font-size: 15pt'>{escape(texts.verdict(result.verdict.value))}</b><br>{escape(result.summary)}"
        )
        self.banner.setAccessibleName(texts.verdict(result.verdict.value))
        legend = ", ".join(
            f"<span style='color:{colour}'>■</span> {result.counts[key]} {escape(self._count_label(key))}"
            for key, colour in palette.BALANCE.items()
        )
        self.legend.setText(legend)
        self.chart.set_counts(result.counts, self.legend.text().replace("■", ""))
        self.findings.setHtml(self.findings_html(result))

    def _count_label(self, key: str) -> str:
        texts = self.w.texts
        return texts.get("pdf", "unanswered") if key == "unanswered" else texts.get("balance_label", key)

    def findings_html(self, result: Evaluation) -> str:
        texts = self.w.texts
        parts: list[str] = []

        def block(title: str, findings: tuple[Finding, ...], levels: bool = False) -> None:
            if not findings:
                return
            parts.append(f"<h3>{escape(title)}</h3><ul>")
            for f in findings:
                level = f"<b>{escape(texts.get('level', f.level))}:</b> " if levels and f.level else ""
                pages: dict[str, str] = {}
                for ref in f.refs if len(f.refs) <= 4 else ():
                    if ref in self.w.jumpable():
                        pages.setdefault(self.w.page_of(ref), ref)
                links = " ".join(
                    f"<a href='item:{ref}'>{escape(self.w.ui('go_to', name=self.w.short_name(ref)))}</a>"
                    for ref in pages.values()
                )
                parts.append(f"<li>{level}{escape(f.text)} {links}</li>")
            parts.append("</ul>")

        block(texts.get("pdf", "reasons"), result.reasons)
        block(texts.get("pdf", "requirements"), result.requirements)
        block(texts.get("pdf", "contradictions"), result.contradictions)
        block(texts.section("channels")[0], result.channel_notes, levels=True)
        return "".join(parts)

    def retranslate(self) -> None:
        super().retranslate()
        self.safeguards.retranslate(self.w.texts)
        if self.w.currentPage() is self:
            self.refresh()
