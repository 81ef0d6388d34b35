"""Indicator catalogues, targets and achievement, values with their rules, closing periods."""

from __future__ import annotations

import json
import unicodedata
from decimal import Decimal

import pytest

from desktop.core import indicators as ind
from desktop.core import periods
from desktop.core.changes import ALL, INDICATORS
from desktop.core.errors import UserError, ValidationError

D = Decimal
RANGE = periods.parse("2025-07-01..2025-11-17")
Q3 = periods.parse("2025-Q3")

REPORT = {
    "OPS.PROC.TOTAL": "368", "OPS.PROC.FULL_ONLINE": "210", "OPS.PROC.PARTLY_ONLINE": "137", "OPS.PROC.NOT_ONLINE": "21",
    "OPS.DOSSIER.RECEIVED": "11.962", "OPS.DOSSIER.ONLINE": "9.765", "OPS.DOSSIER.IN_PERSON": "2.197",
    "OPS.DOSSIER.RESOLVED": "11.766", "OPS.DOSSIER.IN_PROGRESS": "196", "OPS.DOSSIER.WITHDRAWN": "96",
    "OPS.DOSSIER.OVERDUE": "04", "OPS.PETITION.RECEIVED": "26", "OPS.PETITION.RESOLVED": "26",
    "OPS.STAFF.ASSIGNED": "65", "OPS.STAFF.PRESENT": "59", "OPS.BUDGET.ESTIMATE": "820.000.000",
}


def values_of(session, period):
    return {r.indicator.code: r for r in ind.period_values(session, period)}


# ----------------------------------------------------------------------------- catalogue


def test_catalogue_files_are_nfc_with_unique_codes():
    codes, rules = [], []
    for name in ind.CATALOGUE_FILES:
        path = ind.catalogue_dir() / name
        text = path.read_text(encoding="utf-8")
        assert unicodedata.is_normalized("NFC", text), name
        data = json.loads(text)
        for group, items in ind.catalogue_entries(data):
            codes.append(group["code"])
            for item in items:
                codes.append(item["code"])
                assert item["kind"] in ind.KINDS and ind.CODE_PATTERN.fullmatch(item["code"])
                for year, target in item["targets"].items():
                    ind.parse_target(year, target)  # every printed target can be read
        rules += [r["code"] for r in data.get("rules", ())]
    assert len(codes) == len(set(codes)) and len(rules) == len(set(rules))


def test_seed_is_idempotent_and_sizes_match_the_appendices(db):
    with db.unit_of_work() as session:
        assert ind.seed_catalogues(session).touches(INDICATORS)
        assert not ind.seed_catalogues(session).kinds
        assert [c for c, _ in ind.list_catalogues(session)] == ["nq71", "milestones", "operations"]
        assert len(ind.list_indicators(session, "nq71")) == 15
        milestones = ind.list_indicators(session, "milestones")
        assert len(milestones) == 31 and [r.code for r in milestones][:2] == ["MS.01", "MS.02"]
        assert [g.code for g in ind.list_groups(session, "milestones")] == ["MS.I", "MS.II", "MS.III", "MS.IV"]
        assert len(ind.list_indicators(session, "operations")) == 41
    assert INDICATORS in ALL


def test_milestone_targets_read_as_printed(db):
    with db.unit_of_work() as session:
        ms = {r.code: r for r in ind.list_indicators(session, "milestones")}
    assert ms["MS.01"].target_for(2025) == ind.TargetRow(2025, "ge", D(60), None, "≥ 60%")
    assert ms["MS.01"].target_for(2030).comparator == "ge" and ms["MS.01"].target_for(2030).text == "100%"
    assert ms["MS.04"].target_for(2025).comparator == "none" and ms["MS.04"].target_for(2025).text == "-"
    assert ms["MS.06"].target_for(2025) == ind.TargetRow(2025, "aspire", D(3), None, "Phấn đấu ít nhất 3%")
    assert ms["MS.10"].target_for(2040) == ind.TargetRow(2040, "range", D(80), D(90), "80-90%")
    assert ms["MS.20"].target_for(2025).low == D("0.77") and ms["MS.20"].kind == "number"
    assert ms["MS.26"].output == "Số liệu báo cáo" and ms["MS.26"].department == "Trung tâm Phục vụ hành chính công"
    assert ms["MS.26"].target_for(2050) is None


# ----------------------------------------------------------------------------- targets


@pytest.mark.parametrize("text, comparator, value, expected", [
    ("≥ 60%", "ge", "60", "met"), ("≥ 60%", "ge", "59,9", "not_met"),
    ("100%", "ge", "100", "met"), ("100%", "ge", "99", "not_met"),
    ("≤ 5", "le", "5", "met"), ("≤ 5", "le", "6", "not_met"),
    ("= 12", "eq", "12", "met"), ("= 12", "eq", "13", "not_met"),
    ("80-90%", "range", "85", "met"), ("80-90%", "range", "91", "not_met"), ("80-90%", "range", "79", "not_met"),
    ("Phấn đấu ít nhất 3%", "aspire", "3", "met"), ("Phấn đấu ít nhất 3%", "aspire", "2,5", "not_met"),
    ("-", "none", "50", "no_target"), ("≥ 60%", "ge", "", "no_data"),
])
def test_achievement_for_each_comparator(text, comparator, value, expected):
    target = ind.parse_target(2025, text)
    assert target.comparator == comparator and target.text == text
    from desktop.core.vn import parse_number

    assert ind.achievement(target, parse_number(value)) == expected
    assert ind.achievement(None, D(1)) == "no_target"


@pytest.mark.parametrize("text", ["nhiều", "90-80%", "1-2-3"])
def test_unreadable_targets_are_refused(text):
    with pytest.raises(UserError, match="không đọc được"):
        ind.parse_target(2025, text)


# ----------------------------------------------------------------------------- values


def test_report_figures_save_and_compute(office_db):
    with office_db.unit_of_work() as session:
        assert ind.save_values(session, RANGE, REPORT).touches(INDICATORS)
    with office_db.read() as session:
        rows = values_of(session, RANGE)
    rate = rows["OPS.DOSSIER.ONLINE_RATE"]
    assert rate.value == D("81.6") and rate.text == "81,6" and rate.computed
    assert rows["OPS.DOSSIER.RECEIVED"].value == D(11962) and rows["OPS.DOSSIER.RECEIVED"].text == "11.962"
    assert rows["OPS.DOSSIER.RESOLVED_RATE"].text == "98,4"
    assert rows["OPS.PROC.FULL_ONLINE_SHARE"].text == "57,1"
    assert rows["OPS.BUDGET.ESTIMATE"].text == "820.000.000"
    assert rows["MS.26"].value == D("81.6") and rows["MS.26"].achievement == "met"
    assert rows["MS.24"].value is None and "OPS.DOSSIER.DIGITISED" in rows["MS.24"].problem
    assert rows["OPS.BUDGET.DISBURSED_RATE"].value is None
    assert rows["MS.28"].achievement == "no_data"


def test_values_are_stored_as_exact_text(office_db):
    from desktop.models import IndicatorValue

    with office_db.unit_of_work() as session:
        ind.save_values(session, RANGE, {"MS.20": "0,78", "OPS.DOSSIER.FEES": "412.650.000", "MS.01": "65,50"})
    with office_db.read() as session:
        stored = sorted(v.value_text for v in session.query(IndicatorValue))
        rows = values_of(session, RANGE)
    assert stored == ["0.78", "412650000", "65.5"]
    assert rows["MS.20"].text == "0,78" and rows["MS.01"].text == "65,5"


@pytest.mark.parametrize("code, text, message", [
    ("OPS.DOSSIER.RECEIVED", "-3", "số nguyên không âm"),
    ("OPS.DOSSIER.RECEIVED", "12,5", "số nguyên không âm"),
    ("OPS.DOSSIER.RECEIVED", "mười", "không phải là số"),
    ("MS.01", "100,1", "từ 0 đến 100"),
    ("MS.01", "-1", "từ 0 đến 100"),
    ("OPS.DOSSIER.FEES", "-1.000", "không được là số âm"),
    ("OPS.DOSSIER.ONLINE_RATE", "81,6", "tính tự động"),
    ("KHONG.CO", "1", "Không có chỉ tiêu"),
])
def test_value_kinds_are_checked(office_db, code, text, message):
    with office_db.read() as session:
        result = ind.validate_values(session, RANGE, {code: text})
    assert message in result.errors[code]
    with office_db.unit_of_work() as session, pytest.raises(ValidationError):
        ind.save_values(session, RANGE, {code: text})


@pytest.mark.parametrize("entries, code, message", [
    ({"OPS.PROC.TOTAL": "368", "OPS.PROC.FULL_ONLINE": "210", "OPS.PROC.PARTLY_ONLINE": "137",
      "OPS.PROC.NOT_ONLINE": "20"}, "OPS.PROC.TOTAL", "phải bằng tổng"),
    ({"OPS.DOSSIER.RECEIVED": "11.962", "OPS.DOSSIER.ONLINE": "9.765", "OPS.DOSSIER.IN_PERSON": "2.198"},
     "OPS.DOSSIER.RECEIVED", "phải bằng tổng"),
    ({"OPS.DOSSIER.RECEIVED": "100", "OPS.DOSSIER.RESOLVED": "90", "OPS.DOSSIER.IN_PROGRESS": "11"},
     "OPS.DOSSIER.RECEIVED", "không được lớn hơn"),
    ({"OPS.DOSSIER.RECEIVED": "100", "OPS.DOSSIER.WITHDRAWN": "101"}, "OPS.DOSSIER.RECEIVED", "không được lớn hơn"),
    ({"OPS.DOSSIER.RESOLVED": "10", "OPS.DOSSIER.OVERDUE": "11"}, "OPS.DOSSIER.RESOLVED", "không được lớn hơn"),
    ({"OPS.DOSSIER.RECEIVED": "100", "OPS.DOSSIER.DIGITISED": "101"}, "OPS.DOSSIER.RECEIVED", "không được lớn hơn"),
    ({"OPS.DOSSIER.RECEIVED": "100", "OPS.DOSSIER.REUSED": "101"}, "OPS.DOSSIER.RECEIVED", "không được lớn hơn"),
    ({"OPS.DOSSIER.RECEIVED": "100", "OPS.DOSSIER.PAID_ONLINE": "101"}, "OPS.DOSSIER.RECEIVED", "không được lớn hơn"),
    ({"OPS.PETITION.RECEIVED": "26", "OPS.PETITION.RESOLVED": "26", "OPS.PETITION.PENDING": "1"},
     "OPS.PETITION.RECEIVED", "không được lớn hơn"),
    ({"OPS.STAFF.ASSIGNED": "65", "OPS.STAFF.PRESENT": "66"}, "OPS.STAFF.ASSIGNED", "không được lớn hơn"),
    ({"OPS.COMPUTER.TOTAL": "8", "OPS.COMPUTER.PROTECTED": "9"}, "OPS.COMPUTER.TOTAL", "không được lớn hơn"),
    ({"OPS.BUDGET.ESTIMATE": "820.000.000", "OPS.BUDGET.DISBURSED": "820.000.001"}, "OPS.BUDGET.ESTIMATE",
     "không được lớn hơn"),
    ({"OPS.VNEID.APPLICATIONS": "10", "OPS.VNEID.ACTIVATED": "11"}, "OPS.VNEID.APPLICATIONS", "không được lớn hơn"),
])
def test_every_cross_rule(office_db, entries, code, message):
    with office_db.read() as session:
        result = ind.validate_values(session, RANGE, entries)
    assert list(result.errors) == [code] and message in result.errors[code]


def test_report_figures_satisfy_every_rule_and_withdrawn_is_counted_apart(office_db):
    with office_db.read() as session:
        assert ind.validate_values(session, RANGE, REPORT).ok


def test_rules_combine_typed_and_stored_values(office_db):
    with office_db.unit_of_work() as session:
        ind.save_values(session, RANGE, {"OPS.DOSSIER.RECEIVED": "100"})
    with office_db.read() as session:
        result = ind.validate_values(session, RANGE, {"OPS.DOSSIER.WITHDRAWN": "101"})
    assert "không được lớn hơn" in result.errors["OPS.DOSSIER.WITHDRAWN"]


def test_big_move_from_previous_period_warns_and_can_be_confirmed(office_db):
    q2 = periods.parse("2025-Q2")
    with office_db.unit_of_work() as session:
        ind.save_values(session, q2, {"OPS.EMAIL.ACCOUNTS": "10", "OPS.CERT.INDIVIDUALS": "10"})
    with office_db.read() as session:
        result = ind.validate_values(session, Q3, {"OPS.EMAIL.ACCOUNTS": "51", "OPS.CERT.INDIVIDUALS": "50"})
    assert list(result.warnings) == ["OPS.EMAIL.ACCOUNTS"] and "5 lần" in result.warnings["OPS.EMAIL.ACCOUNTS"]
    assert not result.errors
    with office_db.unit_of_work() as session, pytest.raises(ind.WarningsNotConfirmed):
        ind.save_values(session, Q3, {"OPS.EMAIL.ACCOUNTS": "51"})
    with office_db.unit_of_work() as session:
        ind.save_values(session, Q3, {"OPS.EMAIL.ACCOUNTS": "51"}, confirm_warnings=True)
    with office_db.read() as session:
        rows = values_of(session, Q3)
    assert rows["OPS.EMAIL.ACCOUNTS"].value == 51 and rows["OPS.EMAIL.ACCOUNTS"].previous == 10
    assert rows["OPS.EMAIL.ACCOUNTS"].previous_text == "10"


def test_saving_is_all_or_nothing(office_db):
    with office_db.unit_of_work() as session, pytest.raises(ValidationError):
        ind.save_values(session, RANGE, {"OPS.STAFF.ASSIGNED": "65", "OPS.DOSSIER.RECEIVED": "-1"})
    with office_db.read() as session:
        assert values_of(session, RANGE)["OPS.STAFF.ASSIGNED"].value is None


def test_blank_removes_a_value_and_comments_are_kept(office_db):
    with office_db.unit_of_work() as session:
        ind.save_values(session, RANGE, {"OPS.STAFF.ASSIGNED": "65", "MS.28": "78"},
                        {"MS.28": "Theo số liệu Công an phường"})
        ind.save_values(session, RANGE, {"OPS.STAFF.ASSIGNED": ""}, {"OPS.BUDGET.DISBURSED": "Chưa có"})
    with office_db.read() as session:
        rows = values_of(session, RANGE)
    assert rows["OPS.STAFF.ASSIGNED"].value is None
    assert rows["MS.28"].comment == "Theo số liệu Công an phường" and rows["MS.28"].text == "78"
    assert rows["OPS.BUDGET.DISBURSED"].value is None and rows["OPS.BUDGET.DISBURSED"].comment == "Chưa có"


def test_values_need_an_office(db):
    with db.unit_of_work() as session, pytest.raises(UserError, match="thông tin cơ quan"):
        ind.save_values(session, RANGE, {"OPS.STAFF.ASSIGNED": "65"})


def test_division_by_zero_leaves_a_computed_value_empty_with_the_reason(office_db):
    with office_db.unit_of_work() as session:
        ind.save_values(session, RANGE, {"OPS.DOSSIER.RECEIVED": "0", "OPS.DOSSIER.ONLINE": "0", "OPS.DOSSIER.IN_PERSON": "0"})
    with office_db.read() as session:
        rate = values_of(session, RANGE)["OPS.DOSSIER.ONLINE_RATE"]
    assert rate.value is None and "chia cho 0" in rate.problem and rate.achievement == "no_target"


# ----------------------------------------------------------------------------- closing


def test_close_and_reopen_with_history(office_db):
    with office_db.unit_of_work() as session:
        ind.save_values(session, Q3, {"OPS.STAFF.ASSIGNED": "65"})
        ind.close_period(session, Q3, "Chốt số liệu quý III")
    with office_db.unit_of_work() as session, pytest.raises(UserError, match="đã chốt"):
        ind.save_values(session, Q3, {"OPS.STAFF.ASSIGNED": "66"})
    with office_db.unit_of_work() as session, pytest.raises(UserError, match="đã được chốt"):
        ind.close_period(session, Q3)
    with office_db.unit_of_work() as session, pytest.raises(ValidationError, match="lý do"):
        ind.reopen_period(session, Q3, "  ")
    with office_db.unit_of_work() as session:
        ind.reopen_period(session, Q3, "Bổ sung số liệu cán bộ")
        ind.save_values(session, Q3, {"OPS.STAFF.ASSIGNED": "66"})
    with office_db.unit_of_work() as session, pytest.raises(UserError, match="chưa chốt"):
        ind.reopen_period(session, Q3, "lại")
    with office_db.read() as session:
        history = ind.closure_history(session, Q3)
        assert not ind.is_closed(session, Q3)
        assert values_of(session, Q3)["OPS.STAFF.ASSIGNED"].value == 66
    assert [h.action for h in history] == ["close", "reopen"]
    assert history[1].note == "Bổ sung số liệu cán bộ" and history[0].recorded_by == "kiểm thử"
    assert history[0].recorded_at is not None


# ----------------------------------------------------------------------------- editing


def test_add_edit_and_retire_an_indicator(office_db):
    with office_db.unit_of_work() as session:
        new_id, changes = ind.save_indicator(session, ind.IndicatorInput(
            code="ops.wifi.points", name="Điểm wifi công cộng miễn phí", group_code="OPS.INFRA", unit="điểm",
            kind="count", department="Phòng Văn hóa - Xã hội", targets={2025: "≥ 10"},
        ))
        assert changes.touches(INDICATORS)
        ind.save_values(session, RANGE, {"OPS.WIFI.POINTS": "12"})
    with office_db.read() as session:
        row = values_of(session, RANGE)["OPS.WIFI.POINTS"]
    assert row.achievement == "met" and row.indicator.group_code == "OPS.INFRA"
    with office_db.unit_of_work() as session:
        ind.save_indicator(session, ind.IndicatorInput(
            id=new_id, code="OPS.WIFI.POINTS", name="Điểm wifi công cộng", group_code="OPS.INFRA", kind="count",
            targets={2025: "≥ 15"}))
        ind.retire_indicator(session, "OPS.WIFI.POINTS")
    with office_db.read() as session:
        assert "OPS.WIFI.POINTS" not in {r.code for r in ind.list_indicators(session)}
        assert "OPS.WIFI.POINTS" in {r.code for r in ind.list_indicators(session, include_retired=True)}
        row = values_of(session, RANGE)["OPS.WIFI.POINTS"]  # retired values stay readable
        assert row.value == 12 and row.indicator.retired and row.achievement == "not_met"
        assert "OPS.WIFI.POINTS" not in values_of(session, Q3)  # no value there: not listed
        result = ind.validate_values(session, RANGE, {"OPS.WIFI.POINTS": "13"})
    assert "ngừng theo dõi" in result.errors["OPS.WIFI.POINTS"]
    with office_db.unit_of_work() as session, pytest.raises(ValidationError, match="không được dùng lại"):
        ind.save_indicator(session, ind.IndicatorInput(code="OPS.WIFI.POINTS", name="Khác", group_code="OPS.INFRA"))
    with office_db.unit_of_work() as session, pytest.raises(UserError, match="đã ngừng"):
        ind.retire_indicator(session, "OPS.WIFI.POINTS")


@pytest.mark.parametrize("changes, message", [
    ({"code": "1ABC"}, "Mã chỉ tiêu chỉ gồm"),
    ({"code": "MÃ.CÓ.DẤU"}, "Mã chỉ tiêu chỉ gồm"),
    ({"name": " "}, "Chưa nhập tên chỉ tiêu"),
    ({"kind": "float"}, "không hợp lệ"),
    ({"group_code": "KHONG"}, "Nhóm chỉ tiêu"),
    ({"decimals": 9}, "chữ số thập phân"),
    ({"targets": {2025: "nhiều"}}, "không đọc được"),
    ({"formula": "OPS.DOSSIER.ONLINE / KHONG.CO"}, "mã chỉ tiêu chưa có"),
    ({"formula": "OPS.DOSSIER.ONLINE ** 2"}, "không hiểu"),
    ({"formula": "X.NEW * 2"}, "tự tham chiếu"),
    ({"formula": "OPS.DOSSIER.ONLINE", "kind": "text"}, "không tính theo công thức"),
])
def test_indicator_form_is_validated(office_db, changes, message):
    fields = {"code": "X.NEW", "name": "Chỉ tiêu mới", "group_code": "OPS.INFRA", "kind": "number"}
    fields.update(changes)
    with office_db.unit_of_work() as session, pytest.raises(ValidationError, match=message):
        ind.save_indicator(session, ind.IndicatorInput(**fields))


def test_computed_indicator_over_computed_ones(office_db):
    with office_db.unit_of_work() as session:
        ind.save_indicator(session, ind.IndicatorInput(
            code="X.GAP", name="Khoảng cách tới mục tiêu 85%", group_code="OPS.DOSSIER", kind="number", decimals=1,
            formula="85 - OPS.DOSSIER.ONLINE_RATE"))
        ind.save_values(session, RANGE, REPORT)
        with pytest.raises(ValidationError, match="tính tự động"):
            ind.save_values(session, RANGE, {"X.GAP": "1"})
    with office_db.read() as session:
        assert values_of(session, RANGE)["X.GAP"].text == "3,4"


def test_bool_and_text_indicators(office_db):
    with office_db.unit_of_work() as session:
        ind.save_indicator(session, ind.IndicatorInput(code="X.PORTAL", name="Có trang thông tin điện tử",
                                                       group_code="OPS.INFRA", kind="bool"))
        ind.save_indicator(session, ind.IndicatorInput(code="X.NOTE", name="Ghi chú", group_code="OPS.INFRA", kind="text"))
        assert "Có" in ind.validate_values(session, RANGE, {"X.PORTAL": "có lẽ"}).errors["X.PORTAL"]
        ind.save_values(session, RANGE, {"X.PORTAL": "Có", "X.NOTE": "Đang nâng cấp"})
    with office_db.read() as session:
        rows = values_of(session, RANGE)
    assert rows["X.PORTAL"].value is True and rows["X.PORTAL"].text == "Có"
    assert rows["X.NOTE"].value == "Đang nâng cấp"


# ----------------------------------------------------------------------------- demo and migration


def test_demo_carries_the_report_figures(demo_db):
    with demo_db.read() as session:
        rows = values_of(session, RANGE)
        assert ind.is_closed(session, periods.parse("2025-Q1")) and not ind.is_closed(session, Q3)
        quarters = [values_of(session, periods.quarter(2025, q)) for q in (1, 2, 3, 4)]
    assert rows["OPS.DOSSIER.ONLINE_RATE"].text == "81,6"
    expected = {"OPS.DOSSIER.RECEIVED": 11962, "OPS.DOSSIER.ONLINE": 9765, "OPS.DOSSIER.IN_PERSON": 2197,
                "OPS.DOSSIER.RESOLVED": 11766, "OPS.DOSSIER.IN_PROGRESS": 196, "OPS.DOSSIER.WITHDRAWN": 96,
                "OPS.DOSSIER.OVERDUE": 4, "OPS.PROC.TOTAL": 368, "OPS.PROC.FULL_ONLINE": 210,
                "OPS.PROC.PARTLY_ONLINE": 137, "OPS.PROC.NOT_ONLINE": 21, "OPS.PETITION.RECEIVED": 26,
                "OPS.PETITION.RESOLVED": 26, "OPS.MEETING.WEEKLY": 12, "OPS.MEETING.MONTHLY": 3,
                "OPS.MEETING.QUARTERLY": 1, "OPS.STAFF.ASSIGNED": 65, "OPS.STAFF.PRESENT": 59,
                "OPS.CERT.ORGANISATIONS": 6, "OPS.CERT.INDIVIDUALS": 61, "OPS.EMAIL.ACCOUNTS": 67,
                "OPS.COMPUTER.TOTAL": 8, "OPS.BUDGET.ESTIMATE": 820000000, "OPS.RESPONSE.MEMBERS": 13}
    assert {code: rows[code].value for code in expected} == expected
    for rows_q in quarters:
        assert rows_q["OPS.DOSSIER.RECEIVED"].value > 0 and rows_q["OPS.DOSSIER.ONLINE_RATE"].value is not None


def test_migration_adds_the_tables_to_an_old_database_keeping_its_data(tmp_path):
    import sqlite3

    from alembic import command
    from alembic.config import Config

    from desktop import db as dbmod
    from desktop.migrations import HEAD, SCRIPT_LOCATION
    from desktop.paths import DataFolder

    folder = DataFolder(tmp_path / "cũ").ensure()
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION))
    engine = dbmod.make_engine(folder.database)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    con = sqlite3.connect(folder.database)
    con.execute("INSERT INTO settings (key, value) VALUES ('giữ', 'nguyên')")
    con.commit()
    con.close()
    backup = dbmod.migrate(folder)
    assert backup is not None and dbmod.current_revision(folder.database) == HEAD
    con = sqlite3.connect(folder.database)
    assert con.execute("SELECT value FROM settings WHERE key='giữ'").fetchone() == ("nguyên",)
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    con.close()
    assert {"indicators", "indicator_groups", "indicator_targets", "indicator_rules", "indicator_values",
            "period_closures"} <= tables


# ------------------------------------------------------------------ progress against targets

def _progress_row(target_text: str, value) -> ind.ValueRow:
    target = ind.parse_target(2025, target_text)
    indicator = ind.IndicatorRow(1, "T.1", "Tỷ lệ thử", "%", "percent", "G", "Nhóm", "ops", "", "", "", "", 1,
                                 False, 1, (target,))
    achieved = ind.achievement(target, value)
    return ind.ValueRow(indicator, "2025", value, "", False, None, "", target, achieved, "")


def test_progress_share_and_gap_against_targets():
    met = _progress_row("≥ 70%", Decimal("81.6"))
    short = _progress_row("≥ 80%", Decimal("60"))
    ceiling = _progress_row("≤ 5", Decimal("10"))
    missing = _progress_row("≥ 80%", None)
    assert met.achievement == ind.MET and ind.target_gap(met) == 0
    assert round(ind.share_of_target(met), 1) == Decimal("116.6")
    assert short.achievement == ind.NOT_MET and ind.target_gap(short) == Decimal(25)
    assert ceiling.achievement == ind.NOT_MET and ind.target_gap(ceiling) == Decimal(100)
    assert ind.target_gap(missing) is None and ind.share_of_target(missing) is None
    ordered = sorted([met, short, ceiling, missing], key=ind.gap_sort, reverse=True)
    assert ordered == [ceiling, short, missing, met]  # furthest from target first
