"""The main window: a navigation list on the left, one screen at a time on the right.

The window is shown before SQLAlchemy and the database are loaded (they cost more than Qt
itself on an old PC); app.py opens the database right after the first paint and calls
`database_ready()`. Screens are built lazily the first time they are opened.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QFontMetrics, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QWidget,
)

from desktop import __version__
from desktop.strings import common as S
from desktop.strings import shell as SH
from desktop.ui.context import AppContext

DRAFT_NOTICE_DELAY_MS = 400  # after the first screen is painted
MIN_WIDTH, MIN_HEIGHT = 960, 560  # fits 1366x768 at 125 % display scaling (1093x614 logical) with the taskbar


def _overview(ctx: AppContext) -> QWidget:
    from desktop.ui.overview import OverviewScreen

    return OverviewScreen(ctx)


def _tasks(ctx: AppContext) -> QWidget:
    from desktop.ui.tasks.screen import TasksScreen

    return TasksScreen(ctx)


def _indicators(ctx: AppContext) -> QWidget:
    from desktop.ui.indicators.screen import IndicatorsScreen

    return IndicatorsScreen(ctx)


def _plans(ctx: AppContext) -> QWidget:
    from desktop.ui.plans.screen import PlansScreen

    return PlansScreen(ctx)


def _reports(ctx: AppContext) -> QWidget:
    from desktop.ui.reports.screen import ReportsScreen

    return ReportsScreen(ctx)


def _exchange(ctx: AppContext) -> QWidget:
    from desktop.ui.exchange.screen import ExchangeScreen

    return ExchangeScreen(ctx)


def _maintenance(ctx: AppContext) -> QWidget:
    from desktop.ui.maintenance import MaintenanceScreen

    return MaintenanceScreen(ctx)


def _audit(ctx: AppContext) -> QWidget:
    from desktop.ui.audit import AuditLogScreen

    return AuditLogScreen(ctx)


def _directives(ctx: AppContext) -> QWidget:
    from desktop.ui.directives import DirectivesScreen

    return DirectivesScreen(ctx)


def _office(ctx: AppContext) -> QWidget:
    from desktop.ui.office import OfficeScreen

    return OfficeScreen(ctx)


AREAS: list[tuple[str, Callable[[AppContext], QWidget]]] = [
    ("overview", _overview),
    ("tasks", _tasks),
    ("indicators", _indicators),
    ("plans", _plans),
    ("reports", _reports),
    ("exchange", _exchange),
    ("directives", _directives),
    ("office", _office),
    ("maintenance", _maintenance),
    ("audit", _audit),
]


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.setWindowTitle(S.APP_NAME)
        self.setMinimumSize(QSize(MIN_WIDTH, MIN_HEIGHT))
        self._screens: dict[str, QWidget] = {}
        # «Người làm việc: …» — the name the change log records; a click changes it.
        self.worker_button = QPushButton()
        self.worker_button.setObjectName("worker_button")
        self.worker_button.setFlat(True)
        self.worker_button.clicked.connect(self.change_worker)
        self.worker_button.hide()
        self.statusBar().addPermanentWidget(self.worker_button)

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fit_navigation()
        self.nav.setEnabled(False)
        for key, _factory in AREAS:
            item = QListWidgetItem(SH.AREAS[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setSizeHint(QSize(0, 36))
            self.nav.addItem(item)
        self.nav.currentRowChanged.connect(self._open_row)

        self.stack = QStackedWidget()
        self.loading = QLabel(SH.LOADING)
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.loading)

        # The navigation has a fixed width: a plain row, so every spare pixel goes to the screen.
        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._build_menus()
        ctx.data_changed.connect(self._on_changes)

    # -- menus and shortcuts ---------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(SH.MENU_FILE)
        open_folder = QAction(SH.ACTION_OPEN_DATA_FOLDER, self)
        open_folder.triggered.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.folder.root)))
        )
        file_menu.addAction(open_folder)
        file_menu.addSeparator()
        quit_action = QAction(SH.ACTION_QUIT, self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(SH.MENU_VIEW)
        font_menu = view_menu.addMenu(SH.FONT_MENU)
        self.font_actions = QActionGroup(self)
        for scale, label in SH.FONT_SCALES.items():
            action = QAction(label, self, checkable=True)
            action.setData(scale)
            action.triggered.connect(lambda _checked=False, s=scale: self.set_font_scale(s, save=True))
            self.font_actions.addAction(action)
            font_menu.addAction(action)

        help_menu = self.menuBar().addMenu(SH.MENU_HELP)
        help_action = QAction(SH.ACTION_HELP, self)
        help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        help_action.triggered.connect(self.show_help)
        help_menu.addAction(help_action)
        about = QAction(SH.ACTION_ABOUT, self)
        about.triggered.connect(self._about)
        help_menu.addAction(about)

        # Shortcuts routed to the current screen if it supports them.
        for keys, method in (
            (QKeySequence.StandardKey.New, "new_item"),
            (QKeySequence.StandardKey.Save, "save"),
            (QKeySequence.StandardKey.Find, "focus_search"),
            (QKeySequence.StandardKey.Print, "print_current"),
        ):
            action = QAction(self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, m=method: self._route(m))
            self.addAction(action)

    def _route(self, method: str) -> None:
        screen = self.stack.currentWidget()
        handler = getattr(screen, method, None)
        if callable(handler):
            handler()

    def show_help(self) -> None:
        from desktop.ui.help import show_help

        screen = self.stack.currentWidget()
        show_help(self, getattr(screen, "help_topic", None))

    def _about(self) -> None:
        QMessageBox.about(
            self, SH.ACTION_ABOUT, SH.ABOUT.format(app=S.APP_NAME, version=__version__, path=self.ctx.folder.root)
        )

    # -- fonts ---------------------------------------------------------------------------
    def set_font_scale(self, scale: int, save: bool = False) -> None:
        app = QApplication.instance()
        base = app.property("nq57_base_point_size")
        if base is None:
            base = app.font().pointSizeF()
            app.setProperty("nq57_base_point_size", base)
        font = app.font()
        font.setPointSizeF(float(base) * scale / 100)
        app.setFont(font)
        # A widget with its own style sheet keeps the font it was polished with; polish it again.
        for widget in app.allWidgets():
            sheet = widget.styleSheet()
            if sheet:
                widget.setStyleSheet(sheet)
        for action in self.font_actions.actions():
            action.setChecked(action.data() == scale)
        self._fit_navigation()
        if save and self.ctx.db is not None:
            from desktop.core import office

            self.ctx.write(self, office.set_setting, office.FONT_SCALE, str(scale))

    def _fit_navigation(self) -> None:
        """The navigation keeps one width (its longest label), whatever the screen beside it needs."""
        metrics = QFontMetrics(QApplication.font())
        widest = max(metrics.horizontalAdvance(label) for label in SH.AREAS.values())
        self.nav.setFixedWidth(max(widest + 56, 200))

    # -- start-up ------------------------------------------------------------------------
    def database_ready(self) -> None:
        """Called by app.py once the database is open: first run, or the overview."""
        from desktop.core import profile as office  # plain SQL: the first screen loads no SQLAlchemy

        scale = self.ctx.read(office.get_setting, office.FONT_SCALE, "100")
        self.set_font_scale(int(scale) if scale.isdigit() else 100)
        profile = self.ctx.read(office.get_office)
        if profile is None:
            self._show_first_run()
        else:
            self._office_ready()

    def _show_first_run(self) -> None:
        from desktop.ui.first_run import FirstRunPage

        page = FirstRunPage(self.ctx)
        page.completed.connect(self._office_ready)
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)

    def _office_ready(self) -> None:
        self._show_office_title()
        self.statusBar().showMessage(SH.DATA_FOLDER.format(path=self.ctx.folder.root))
        self.nav.setEnabled(True)
        if self.nav.currentRow() != 0:
            self.nav.setCurrentRow(0)
        else:
            self._open_row(0)
        self.show_worker()
        QTimer.singleShot(0, self._open_startup_files)
        QTimer.singleShot(DRAFT_NOTICE_DELAY_MS, self._after_office_ready)

    def _open_startup_files(self) -> None:
        """.nq57 files given on the command line wait through the first-run page, then open."""
        from desktop.app import open_startup_files

        open_startup_files(self.ctx, self)

    def _show_office_title(self) -> None:
        from desktop.core.profile import get_office

        profile = self.ctx.read(get_office) if self.ctx.db is not None else None
        self.setWindowTitle(f"{S.APP_NAME} — {profile.short_name}" if profile is not None else S.APP_NAME)

    def _after_office_ready(self) -> None:
        """Once the first screen is up: who is working (when the office asks), then forms left unsaved."""
        from desktop.core import staff

        if self.ctx.read(staff.asks_at_start):
            self.change_worker()
        self.offer_left_behind()

    def show_worker(self) -> None:
        from desktop.core import staff
        from desktop.strings import staff as ST

        self.worker_button.setText(ST.STATUS.format(name=staff.working_name(self.ctx.db.user or "")))
        self.worker_button.setToolTip(ST.STATUS_TIP)
        self.worker_button.show()

    def change_worker(self) -> None:
        from desktop.ui.staff import choose_worker

        if self.ctx.db is not None and choose_worker(self.ctx, self):
            self.show_worker()

    def offer_left_behind(self) -> None:
        """Forms that were being typed in when the program was cut off: say so, offer to reopen."""
        from desktop.strings import drafts as D
        from desktop.ui.drafts import left_behind, when_text

        found = left_behind(self.ctx.folder)
        if not found:
            return
        items = "\n".join(D.STARTUP_ITEM.format(title=d.title, when=when_text(d)) for d in found)
        box = QMessageBox(QMessageBox.Icon.Information, D.STARTUP_TITLE, D.STARTUP_TEXT.format(items=items),
                          parent=self)
        again = box.addButton(D.OPEN_AGAIN, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(D.LATER, QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(again)
        box.exec()
        if box.clickedButton() is again:
            self.reopen_draft(found[-1].key)

    def reopen_draft(self, key: str) -> None:
        """Open the form a draft belongs to; the form itself offers the draft back."""
        kind, _, ident = key.partition("-")
        record_id = int(ident) if ident.isdigit() else None
        if kind == "task":
            from desktop.ui.tasks.detail import TaskDialog

            tasks = self.open_area("tasks")
            TaskDialog(self.ctx, record_id, tasks or self).exec()
        elif kind == "plan":
            plans = self.open_area("plans")
            if plans is not None and self.stack.currentWidget() is plans:
                plans.open_plan(record_id) if record_id is not None else plans.new_item()

    # -- navigation -----------------------------------------------------------------------
    def open_area(self, key: str) -> QWidget:
        row = next(i for i, (k, _f) in enumerate(AREAS) if k == key)
        self.nav.setCurrentRow(row)
        return self._screens.get(key)

    def open_report(self, report_id: int) -> None:
        """Show the report in «Báo cáo», open in its editor."""
        reports = self.open_area("reports")
        if reports is not None and self.stack.currentWidget() is reports:
            reports.open_report(report_id)

    def screen(self, key: str) -> QWidget | None:
        return self._screens.get(key)

    def _open_row(self, row: int) -> None:
        if row < 0 or self.ctx.db is None:
            return
        key, factory = AREAS[row]
        current = self.stack.currentWidget()
        can_close = getattr(current, "can_close", None)
        if current is not self._screens.get(key) and callable(can_close) and not can_close():
            # The user chose to keep editing: stay on the current screen.
            previous = next((i for i, (k, _f) in enumerate(AREAS) if self._screens.get(k) is current), -1)
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(previous)
            self.nav.blockSignals(False)
            return
        screen = self._screens.get(key)
        if screen is None:
            # The first area opened after the overview also loads SQLAlchemy (≈ 0.5 s here, more on
            # an old PC): the wait cursor says so.
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                screen = factory(self.ctx)
            finally:
                QApplication.restoreOverrideCursor()
            screen.setObjectName(f"screen_{key}")
            self._screens[key] = screen
            self.stack.addWidget(screen)
            if hasattr(screen, "open_area_requested"):
                screen.open_area_requested.connect(self.open_area)
            if hasattr(screen, "open_report_requested"):
                screen.open_report_requested.connect(self.open_report)
        self.stack.setCurrentWidget(screen)
        refresh = getattr(screen, "refresh", None)
        if callable(refresh) and getattr(screen, "_stale", True):
            refresh()
            screen._stale = False

    def _on_changes(self, changes) -> None:
        if changes.touches("office"):  # the office renamed, or another one restored from a backup
            self._show_office_title()
        current = self.stack.currentWidget()
        for screen in self._screens.values():
            handler = getattr(screen, "on_changes", None)
            if screen is current:
                if callable(handler):
                    handler(changes)
                elif callable(getattr(screen, "refresh", None)):
                    screen.refresh()
            else:
                screen._stale = True  # refreshed when next opened

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        for screen in self._screens.values():
            can_close = getattr(screen, "can_close", None)
            if callable(can_close) and not can_close():
                event.ignore()
                return
        super().closeEvent(event)
