"""Shared fixtures. Qt runs offscreen; every test gets its own data folder, copied from a
database migrated once per run (Anki's pylib/tests/shared.py does the same)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("NQ57_DATA_DIR", None)

import pytest  # noqa: E402

from desktop.db import Database, migrate  # noqa: E402
from desktop.paths import DataFolder  # noqa: E402


def _template(tmp_path_factory, name: str, build) -> Path:
    root = tmp_path_factory.getbasetemp() / f"template-{name}"
    if not (root / "nq57.sqlite").exists():
        folder = DataFolder(root).ensure()
        migrate(folder)
        if build is not None:
            db = Database(folder, user="kiểm thử")
            with db.unit_of_work() as session:
                build(session, folder)
            db.close()
    return root


def _copy(template: Path, target: Path) -> DataFolder:
    shutil.copytree(template, target)
    return DataFolder(target).ensure()


@pytest.fixture
def folder(tmp_path_factory, tmp_path) -> DataFolder:
    """An empty, migrated data folder."""
    return _copy(_template(tmp_path_factory, "empty", None), tmp_path / "data")


@pytest.fixture
def db(folder):
    database = Database(folder, user="kiểm thử")
    yield database
    database.close()


def build_office(session, _folder=None) -> None:
    """A small office: An Hải's header, four departments, two signers."""
    from desktop.core import office

    office.save_office(session, office.OfficeProfile(
        name_lines="ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI", short_name="Phường An Hải", place_name="An Hải",
        code="11311", superior_name="Ủy ban nhân dân thành phố Hải Phòng", kind="ward",
    ))
    for name, abbr in (("Văn phòng HĐND và UBND", "VP"), ("Phòng Văn hóa - Xã hội", "VHXH"),
                       ("Phòng Kinh tế, Hạ tầng và Đô thị", "KTHTĐT"), ("Trung tâm Phục vụ hành chính công", "TTPVHCC")):
        office.save_department(session, office.DepartmentRow(None, name, abbr))
    office.save_signer(session, office.SignerRow(None, "Nguyễn Thế Đức", "PHÓ CHỦ TỊCH", "kt", "CHỦ TỊCH", True))
    office.save_signer(session, office.SignerRow(None, "Cao Huy Hiếu", "CHỦ TỊCH", "tm"))


@pytest.fixture
def office_folder(tmp_path_factory, tmp_path) -> DataFolder:
    return _copy(_template(tmp_path_factory, "office", build_office), tmp_path / "data")


@pytest.fixture
def office_db(office_folder):
    database = Database(office_folder, user="kiểm thử")
    yield database
    database.close()


def _build_demo(session, folder) -> None:
    from desktop.core import demo

    demo.build_demo(session, folder)


@pytest.fixture
def demo_folder(tmp_path_factory, tmp_path) -> DataFolder:
    return _copy(_template(tmp_path_factory, "demo", _build_demo), tmp_path / "data")


@pytest.fixture
def demo_db(demo_folder):
    database = Database(demo_folder, user="kiểm thử")
    yield database
    database.close()


@pytest.fixture
def make_ctx(qtbot):
    """AppContext over an open Database (office_db, demo_db or db)."""
    from desktop.ui.context import AppContext

    def make(database: Database):
        ctx = AppContext(database.folder)
        ctx.db = database
        return ctx

    return make
