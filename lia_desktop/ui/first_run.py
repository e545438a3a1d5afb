"""The first start: the window's language, and once, who is using the program.

Asked once (skipping is fine: every answer can be changed later in Settings): the user's name,
for the revision history and as the assessor of new assessments; whether they assess their own
organisation's marketing or, as a consultant, that of clients; and for consultants, the firm
and logo printed on the record.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from lia_desktop.domain.content import Questionnaire
from lia_desktop.domain.model import LANGUAGES
from lia_desktop.i18n import Ui
from lia_desktop.settings import ROLES, Settings
from lia_desktop.ui import dialogs, screen


class FirstRunDialog(QDialog):
    def __init__(self, settings: Settings, q: Questionnaire, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("first_run")
        self.q = q
        self.original = settings
        self.ui = Ui(q, settings.language)
        column = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setObjectName("first_run.intro")
        self.intro.setWordWrap(True)
        column.addWidget(self.intro)
        form = QFormLayout()
        column.addLayout(form)
        self.language = QComboBox()
        self.language.setObjectName("first_run.language")
        for code in LANGUAGES:
            self.language.addItem(q.texts(code).get("language_name"), code)
        self.language.setCurrentIndex(LANGUAGES.index(settings.language))
        self.language.currentIndexChanged.connect(self._language_changed)
        self.name = QLineEdit(settings.user_name)
        self.name.setObjectName("first_run.name")
        self.role_owner = QRadioButton()
        self.role_owner.setObjectName("first_run.role.owner")
        self.role_consultant = QRadioButton()
        self.role_consultant.setObjectName("first_run.role.consultant")
        self.roles = QButtonGroup(self)
        for button in (self.role_owner, self.role_consultant):
            self.roles.addButton(button)
        (self.role_consultant if settings.is_consultant else self.role_owner).setChecked(True)
        roles = QWidget()
        role_column = QVBoxLayout(roles)
        role_column.setContentsMargins(0, 0, 0, 0)
        role_column.addWidget(self.role_owner)
        role_column.addWidget(self.role_consultant)
        self.firm = QLineEdit(settings.firm)
        self.firm.setObjectName("first_run.firm")
        self.logo = QLineEdit(settings.logo)
        self.logo.setObjectName("first_run.logo")
        self.browse = QPushButton()
        self.browse.setObjectName("first_run.logo.browse")
        self.browse.clicked.connect(self._browse)
        self.logo_row = QWidget()
        row = QHBoxLayout(self.logo_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.logo, 1)
        row.addWidget(self.browse)
        self.labels = {key: QLabel() for key in ("set_language", "first_name", "first_role", "set_firm", "set_logo")}
        form.addRow(self.labels["set_language"], self.language)
        form.addRow(self.labels["first_name"], self.name)
        form.addRow(self.labels["first_role"], roles)
        form.addRow(self.labels["set_firm"], self.firm)
        form.addRow(self.labels["set_logo"], self.logo_row)
        self.form = form
        for key, widget in (
            ("set_language", self.language),
            ("first_name", self.name),
            ("first_role", self.role_owner),
            ("set_firm", self.firm),
            ("set_logo", self.logo),
        ):
            self.labels[key].setBuddy(widget)
        self.role_consultant.toggled.connect(self._role_changed)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("first_run.save")
        self.skip_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.skip_button.setObjectName("first_run.skip")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column.addStretch(1)
        column.addWidget(self.buttons)
        self.retranslate()
        self._role_changed(self.role_consultant.isChecked())
        self.name.setFocus()
        screen.fit_to_contents(self, parent, min_width=560)

    def _language_changed(self, index: int) -> None:
        self.ui = Ui(self.q, self.language.itemData(index))
        self.retranslate()

    def _role_changed(self, consultant: bool) -> None:
        for key, widget in (("set_firm", self.firm), ("set_logo", self.logo_row)):
            self.form.setRowVisible(widget, consultant)
            self.labels[key].setVisible(consultant)
        if self.isVisible():  # room for the rows shown, never squeezing the others
            self.layout().activate()
            self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def _browse(self) -> None:
        path = dialogs.choose_image(self, self.ui("set_logo"), self.ui("image_filter"))
        if path:
            self.logo.setText(path)

    def retranslate(self) -> None:
        ui = self.ui
        self.setWindowTitle(ui("first_title"))
        self.intro.setText(ui("first_intro"))
        for key, label in self.labels.items():
            label.setText(ui(key))
        self.role_owner.setText(ui("role_owner"))
        self.role_consultant.setText(ui("role_consultant"))
        self.browse.setText(ui("browse"))
        self.save_button.setText(ui("first_save"))
        self.skip_button.setText(ui("first_skip"))
        for key, widget in (
            ("set_language", self.language),
            ("first_name", self.name),
            ("set_firm", self.firm),
            ("set_logo", self.logo),
        ):
            widget.setAccessibleName(ui(key))

    def chosen_settings(self) -> Settings:
        """The settings with what was answered (only the language when skipped)."""
        language = self.language.currentData()
        if self.result() != QDialog.DialogCode.Accepted:
            return replace(self.original, language=language).normalised()
        name = self.name.text().strip()
        role = ROLES[1] if self.role_consultant.isChecked() else ROLES[0]
        consultant = role == "consultant"
        return replace(
            self.original,
            language=language,
            user_name=name,
            role=role,
            consultant=name if consultant else self.original.consultant,
            firm=self.firm.text().strip() if consultant else self.original.firm,
            logo=self.logo.text().strip() if consultant else self.original.logo,
        ).normalised()
