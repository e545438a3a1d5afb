"""The last page: the assessment summed up (each answer one click from its question), the
revision history, preview and save as PDF, and Finish to mark it completed.

It says what Finish will do, not that it is done: nothing is completed before Finish. Its
buttons never take Enter from Finish.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout

from lia_desktop.domain.evaluation import evaluate
from lia_desktop.domain.model import Status
from lia_desktop.ui.qtcompat import emit
from lia_desktop.ui.wizard.page import BasePage, PageHost
from lia_desktop.ui.wizard.summary import summary_html


class FinishPage(BasePage):
    def __init__(self, wizard: PageHost) -> None:
        super().__init__(wizard, "finish")
        self.setFinalPage(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        self.summary = QTextBrowser()
        self.summary.setObjectName("finish.summary")
        self.summary.setOpenLinks(False)
        self.summary.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # it all wraps
        self.summary.anchorClicked.connect(lambda url: wizard.jump_to(url.toString().removeprefix("item:")))
        layout.addWidget(self.summary, 1)
        row = QHBoxLayout()
        self.preview = QPushButton()
        self.preview.setObjectName("finish.preview")
        self.preview.clicked.connect(lambda: emit(wizard.preview_requested, wizard.draft.id))
        self.save_pdf = QPushButton()
        self.save_pdf.setObjectName("finish.save_pdf")
        self.save_pdf.clicked.connect(lambda: emit(wizard.export_requested, wizard.draft.id))
        for button in (self.preview, self.save_pdf):
            button.setAutoDefault(False)  # Enter means Finish on this page
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

    def initializePage(self) -> None:
        self.w.before_page(self.name)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        ui = self.w.ui
        self.setTitle(ui("finish_title"))
        completed = self.draft.status is Status.COMPLETED
        self.intro.setText(ui("finish_completed") if completed else ui("finish_hint"))
        self.preview.setText(ui("preview_pdf"))
        self.save_pdf.setText(ui("save_pdf"))
        self.summary.setAccessibleName(ui("finish_title"))
        if self.w.currentPage() is self:
            result = evaluate(self.draft, self.q, self.w.texts.language)
            self.summary.setHtml(summary_html(self.draft, self.q, self.w.texts, ui, result, self.w.revision_changes()))
