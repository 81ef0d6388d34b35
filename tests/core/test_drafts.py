"""Drafts of open forms survive a cut-off program and are never half-written."""

from __future__ import annotations

import json
from datetime import datetime

import pytest

from desktop.core import drafts
from desktop.paths import DataFolder


@pytest.fixture
def data(tmp_path) -> DataFolder:
    return DataFolder(tmp_path / "Nguyễn Văn A" / "dữ liệu").ensure()


def test_save_load_list_and_discard(data):
    state = {"title": "Số hóa hồ sơ một cửa", "sources": [[3, "mục 2.1"]], "deadline": "30/12/2025"}
    drafts.save_draft(data, "task-12", "Nhiệm vụ «Số hóa hồ sơ một cửa»", state, when=datetime(2025, 11, 3, 9, 30))
    drafts.save_draft(data, "task-new", "Nhiệm vụ mới", {"title": "Chưa có"}, when=datetime(2025, 11, 3, 10, 0))
    draft = drafts.load_draft(data, "task-12")
    assert draft.state == state and draft.title.startswith("Nhiệm vụ") and draft.saved_at == datetime(2025, 11, 3, 9, 30)
    assert [d.key for d in drafts.list_drafts(data)] == ["task-12", "task-new"]
    drafts.discard_draft(data, "task-12")
    assert drafts.load_draft(data, "task-12") is None
    assert [d.key for d in drafts.list_drafts(data)] == ["task-new"]
    assert not list(data.drafts.glob("*.tmp*"))


def test_damaged_or_foreign_files_are_ignored(data):
    data.drafts.mkdir(exist_ok=True)
    (data.drafts / "task-1.json").write_text("{half", encoding="utf-8")
    (data.drafts / "task-2.json").write_text(json.dumps({"version": 99}), encoding="utf-8")
    (data.drafts / "Thư của tôi.json").write_text("{}", encoding="utf-8")
    assert drafts.load_draft(data, "task-1") is None
    assert drafts.list_drafts(data) == []


def test_keys_cannot_leave_the_drafts_folder(data):
    with pytest.raises(ValueError):
        drafts.save_draft(data, "../nq57", "x", {})
    with pytest.raises(ValueError):
        drafts.load_draft(data, "C:\\Windows")
