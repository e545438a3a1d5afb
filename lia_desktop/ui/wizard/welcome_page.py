"""The first page: what the assessment is about, and the language of the record."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout

from lia_desktop.domain.model import LANGUAGES
from lia_desktop.ui.wizard.page import BasePage, PageHost


class WelcomePage(BasePage):
    def __init__(self, wizard: PageHost) -> None:
        super().__init__(wizard, "welcome")
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        row = QHBoxLayout()
        self.language_label = QLabel()
        self.language = QComboBox()
        self.language.setObjectName("welcome.language")
        for code in LANGUAGES:
            self.language.addItem(wizard.q.texts(code).get("language_name"), code)
        self.language_label.setBuddy(self.language)
        self.language.setCurrentIndex(LANGUAGES.index(wizard.draft.language))
        self.language.currentIndexChanged.connect(self._language_changed)
        row.addWidget(self.language_label)
        row.addWidget(self.language)
        row.addStretch(1)
        layout.addLayout(row)
        self.time = QLabel()
        self.time.setObjectName("welcome.privacy")
        self.time.setWordWrap(True)
        layout.addWidget(self.time)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.w.before_page(self.name)

    def _language_changed(self, index: int) -> None:
        self.w.set_content_language(self.language.itemData(index))

    def retranslate(self) -> None:
        super().retranslate()
        self.intro.setText(self.w.texts.section("welcome")[1])
        self.language_label.setText(self.w.ui("record_language"))
        self.language.setAccessibleName(self.w.ui("record_language"))
        self.time.setText(self.w.ui("welcome_saved"))
