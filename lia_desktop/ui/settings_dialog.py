"""Settings: language, the user's name and role, the consultant's name, firm and logo, paper,
review period, backups."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.model import LANGUAGES
from lia_desktop.i18n import Ui
from lia_desktop.settings import ROLES, Settings
from lia_desktop.ui import dialogs, screen


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, q: Questionnaire, ui: Ui, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("settings")
        self.setWindowTitle(ui("settings"))
        self.ui = ui
        self.original = settings
        form = QFormLayout(self)

        def field(widget: QWidget, name: str, label: str) -> QWidget:
            widget.setObjectName(f"settings.{name}")
            widget.setAccessibleName(label)
            form.addRow(label, widget)
            return widget

        self.language = QComboBox()
        for code in LANGUAGES:
            self.language.addItem(q.texts(code).get("language_name"), code)
        self.language.setCurrentIndex(LANGUAGES.index(settings.language))
        field(self.language, "language", ui("set_language"))
        self.user_name = QLineEdit(settings.user_name)
        field(self.user_name, "user_name", ui("set_user_name"))
        self.role = QComboBox()
        for role in ROLES:
            self.role.addItem(ui(f"role_{role}"), role)
        self.role.setCurrentIndex(ROLES.index(settings.role) if settings.role in ROLES else 0)
        field(self.role, "role", ui("set_role"))
        self.consultant = QLineEdit(settings.consultant)
        field(self.consultant, "consultant", ui("set_consultant"))
        self.firm = QLineEdit(settings.firm)
        field(self.firm, "firm", ui("set_firm"))
        logo_row = QWidget()
        row = QHBoxLayout(logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.logo = QLineEdit(settings.logo)
        self.logo.setObjectName("settings.logo")
        self.logo.setAccessibleName(ui("set_logo"))
        browse = QPushButton(ui("browse"))
        browse.setObjectName("settings.logo.browse")
        browse.clicked.connect(self._browse)
        row.addWidget(self.logo, 1)
        row.addWidget(browse)
        form.addRow(ui("set_logo"), logo_row)
        self.form, self.logo_row = form, logo_row
        self.role.currentIndexChanged.connect(self._role_changed)
        self._role_changed()
        self.paper = QComboBox()
        self.paper.addItem("A4", "a4")
        self.paper.addItem("Letter", "letter")
        self.paper.setCurrentIndex(0 if settings.paper == "a4" else 1)
        field(self.paper, "paper", ui("set_paper"))
        self.review = QSpinBox()
        self.review.setRange(1, 36)
        self.review.setValue(settings.review_months)
        self.review.setSuffix(" " + ui("months"))
        field(self.review, "review_months", ui("set_review"))
        self.backups = QSpinBox()
        self.backups.setRange(1, 100)
        self.backups.setValue(settings.backups)
        field(self.backups, "backups", ui("set_backups"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        screen.fit_to_contents(self, parent, min_width=560)

    def _role_changed(self) -> None:
        """The consultant's name, firm and logo print only for a consultant: shown only then."""
        consultant = self.role.currentData() != "owner"
        for widget in (self.consultant, self.firm, self.logo_row):
            self.form.setRowVisible(widget, consultant)

    def accept(self) -> None:
        """OK keeps the dialog open, saying why, while the logo cannot be printed."""
        logo = self.logo.text().strip()
        if logo and self.role.currentData() != "owner":
            from lia_desktop.export.pdf.base import read_logo
            from lia_desktop.storage.errors import BadLogo

            try:
                read_logo(logo)
            except BadLogo as exc:
                message, detail = self.ui.error(exc)
                dialogs.show_error(self, self.ui("set_logo"), message, detail)
                self.logo.setFocus()
                return
        super().accept()

    def _browse(self) -> None:
        path = dialogs.choose_image(self, self.ui("set_logo"), self.ui("image_filter"))
        if path:
            self.logo.setText(path)

    def result_settings(self) -> Settings:
        return replace(
            self.original,
            language=self.language.currentData(),
            user_name=self.user_name.text().strip(),
            role=self.role.currentData(),
            consultant=self.consultant.text().strip(),
            firm=self.firm.text().strip(),
            logo=self.logo.text().strip(),
            paper=self.paper.currentData(),
            review_months=self.review.value(),
            backups=self.backups.value(),
        ).normalised()
