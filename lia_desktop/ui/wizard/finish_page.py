"""The last page: the advice and the decision in short, preview and save as PDF."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from lia_desktop.domain.evaluation import evaluate
from lia_desktop.ui.qtcompat import emit
from lia_desktop.ui.wizard.page import BasePage, PageHost


class FinishPage(BasePage):
    def __init__(self, wizard: PageHost) -> None:
        super().__init__(wizard, "finish")
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setObjectName("finish.summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        row = QHBoxLayout()
        self.preview = QPushButton()
        self.preview.setObjectName("finish.preview")
        self.preview.clicked.connect(lambda: emit(wizard.preview_requested, wizard.draft.id))
        self.save_pdf = QPushButton()
        self.save_pdf.setObjectName("finish.save_pdf")
        self.save_pdf.clicked.connect(lambda: emit(wizard.export_requested, wizard.draft.id))
        row.addWidget(self.preview)
        row.addWidget(self.save_pdf)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.w.before_page(self.name)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        texts = self.w.texts
        result = evaluate(self.draft, self.q, texts.language)
        decision = texts.option(self.draft.decision) if self.draft.decision else texts.get("pdf", "no_decision")
        self.summary.setText(
            f"<p><b>{escape(texts.verdict(result.verdict.value))}</b></p>"
            f"<p>{escape(texts.label('decision'))}: {escape(decision)}</p>"
            f"<p>{escape(self.w.ui('finish_hint'))}</p>"
        )
        self.preview.setText(self.w.ui("preview_pdf"))
        self.save_pdf.setText(self.w.ui("save_pdf"))
