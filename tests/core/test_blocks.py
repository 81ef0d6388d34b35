"""Data blocks and fields resolved on the demo data (Phường An Hải, 01/7–17/11/2025)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from desktop.core import blocks, markup, periods
from desktop.core.document import Para, Table
from desktop.core.tasks import list_tasks

PERIOD = periods.parse("2025-07-01..2025-11-17")
TODAY = date(2026, 1, 5)


@pytest.fixture
def ctx(demo_db):
    with demo_db.read() as session:
        return blocks.load_context(session, PERIOD, today=TODAY)


def lines(inside: str, ctx, problems=None) -> list:
    return blocks.resolve_block(inside, ctx, problems if problems is not None else [])


# ------------------------------------------------------------------ vocabulary


def test_every_vocabulary_example_resolves_on_demo_data(ctx):
    for vocabulary in list(blocks.BLOCK_KINDS.values()) + list(blocks.FIELD_KINDS.values()):
        assert vocabulary.name and vocabulary.description, vocabulary
        problems: list = []
        items = blocks.resolve_items(vocabulary.example, ctx, problems)
        assert items, vocabulary.key
        assert not blocks.blocking(problems), (vocabulary.key, problems)
        assert "chưa rõ" not in str(items), vocabulary.key


def test_block_names_match_without_accents_or_case(ctx):
    assert lines("nhiem vu theo GIAI DOAN", ctx) == lines("Nhiệm vụ theo giai đoạn", ctx)
    assert lines("DANH SÁCH NHIỆM VỤ: Hoan Thanh", ctx) == lines("Danh sách nhiệm vụ: hoàn thành", ctx)


# ------------------------------------------------------------------ task blocks


def test_phase_block_gives_the_report_figures(ctx):
    assert lines("Nhiệm vụ theo giai đoạn", ctx) == [
        "- *Giai đoạn 1: Ủy ban nhân dân phường được giao 16 nhiệm vụ*",
        "+ Số nhiệm vụ đã hoàn thành 16/16, tỷ lệ 100%, trong đó: số nhiệm vụ hoàn thành đúng hạn 16, "
        "số nhiệm vụ hoàn thành quá hạn 0.",
        "+ Số nhiệm vụ đang thực hiện đúng hạn 16, tỷ lệ 100%.",
        "+ Số nhiệm vụ quá hạn chưa hoàn thành 0, tỷ lệ 0%.",
        "- *Giai đoạn 2: Ủy ban nhân dân phường được giao 34 nhiệm vụ*",
        "+ Số nhiệm vụ đã hoàn thành 34/34, tỷ lệ 100%, trong đó: số nhiệm vụ hoàn thành đúng hạn 34, "
        "số nhiệm vụ hoàn thành quá hạn 0.",
        "+ Số nhiệm vụ đang thực hiện đúng hạn 34, tỷ lệ 100%.",
        "+ Số nhiệm vụ quá hạn chưa hoàn thành 0, tỷ lệ 0%.",
    ]
    only_two = lines("Nhiệm vụ theo giai đoạn: 2", ctx)
    assert only_two[0] == "- *Giai đoạn 2: Ủy ban nhân dân phường được giao 34 nhiệm vụ*" and len(only_two) == 4


def test_source_and_department_blocks_cite_and_name(ctx):
    by_source = lines("Nhiệm vụ theo văn bản", ctx)
    assert by_source[0] == "- *Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025: Ủy ban nhân dân phường được giao 14 nhiệm vụ*"
    assert "+ Số nhiệm vụ đã hoàn thành 14/14, tỷ lệ 100%" in by_source[1]
    by_department = lines("Nhiệm vụ theo bộ phận", ctx)
    assert "- *Phòng Văn hóa - Xã hội: Ủy ban nhân dân phường được giao 17 nhiệm vụ*" in by_department


def test_summary_paragraph_counts_every_task(ctx):
    (text,) = lines("Tổng hợp nhiệm vụ", ctx)
    total = len(ctx.tasks)
    done = sum(1 for t in ctx.tasks if t.status.startswith("done"))
    assert text.startswith(f"Tổng số nhiệm vụ được giao: {total} nhiệm vụ theo ")
    assert f"đã hoàn thành {done}/{total}" in text and text.endswith(".")


def test_task_lists_follow_their_filter(ctx):
    done = lines("Danh sách nhiệm vụ: hoàn thành", ctx)
    not_done = lines("Danh sách nhiệm vụ: chưa hoàn thành", ctx)
    every = lines("Danh sách nhiệm vụ: tất cả", ctx)
    assert len(done) + len(not_done) == len(every) == len(ctx.tasks)
    assert lines("Danh sách nhiệm vụ: quá hạn", ctx) == ["Không có nhiệm vụ nào."]
    open_task = next(t for t in ctx.tasks if t.status == "in_progress_on_time" and t.deadline)
    expected = (f"+ {markup.escape(open_task.title)} (chủ trì: {open_task.lead_name}; "
                f"thời hạn: {open_task.deadline_text})")
    assert expected in lines("Danh sách nhiệm vụ: đang thực hiện", ctx)


def test_task_table_has_the_six_columns(ctx):
    (table,) = lines("Bảng nhiệm vụ: chưa hoàn thành", ctx)
    assert isinstance(table, Table)
    assert [c.header for c in table.columns] == ["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Kết quả"]
    open_tasks = [t for t in ctx.tasks if not t.status.startswith("done")]
    assert len(table.rows) == len(open_tasks)
    assert table.rows[0].cells[0] == "1" and table.rows[0].cells[1] == open_tasks[0].title


def test_figures_are_taken_on_the_last_day_of_the_period(demo_db):
    assert blocks.report_as_of(PERIOD, date(2030, 1, 1)) == date(2025, 11, 17)
    assert blocks.report_as_of(periods.parse("2030"), date(2026, 3, 1)) == date(2026, 3, 1)
    with demo_db.read() as session:
        today = blocks.load_context(session, PERIOD, today=TODAY)
        tomorrow = blocks.load_context(session, PERIOD, today=TODAY + timedelta(days=1))
    assert today.as_of == tomorrow.as_of == date(2025, 11, 17)
    assert lines("Tổng hợp nhiệm vụ", today) == lines("Tổng hợp nhiệm vụ", tomorrow)
    with demo_db.read() as session:
        expected = list_tasks(session, date(2025, 11, 17), PERIOD.window[0])
    assert [t.status for t in today.tasks] == [t.status for t in expected]


# ------------------------------------------------------------------ indicators


def test_indicator_sentence_reads_like_the_report(ctx):
    (sentence,) = lines("Câu chỉ tiêu: OPS.DOSSIER", ctx)
    assert sentence.startswith("Hồ sơ tiếp nhận 11.962 hồ sơ; hồ sơ tiếp nhận trực tuyến 9.765 hồ sơ; "
                               "hồ sơ tiếp nhận trực tiếp 2.197 hồ sơ; tỷ lệ hồ sơ trực tuyến 81,6%; ")
    assert sentence.endswith("; phí, lệ phí thu được 412.650.000 đồng.")
    (picked,) = lines("Câu chỉ tiêu: ops.dossier.received, OPS.DOSSIER.ONLINE_RATE", ctx)
    assert picked == "Hồ sơ tiếp nhận 11.962 hồ sơ; tỷ lệ hồ sơ trực tuyến 81,6%."


def test_indicator_sentence_skips_missing_values_and_says_when_there_are_none(ctx):
    (budget,) = lines("Câu chỉ tiêu: OPS.BUDGET", ctx)
    assert budget == "Dự toán ngân sách được bố trí 820.000.000 đồng."  # nothing disbursed yet: left out
    problems: list = []
    (nothing,) = lines("Câu chỉ tiêu: OPS.BUDGET.DISBURSED, OPS.BUDGET.DISBURSED_RATE", ctx, problems)
    assert nothing.endswith("chưa có số liệu.")
    assert problems and not blocks.blocking(problems)


def test_indicator_table_by_group_and_by_catalogue(ctx):
    (table,) = lines("Bảng chỉ tiêu: OPS.DOSSIER", ctx)
    assert [c.header for c in table.columns] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Kỳ này", "Kỳ trước",
                                                 "Chỉ tiêu năm", "Đánh giá"]
    assert table.rows[0].cells[:4] == ("1", "Hồ sơ tiếp nhận", "hồ sơ", "11.962")
    (catalogue,) = lines("Bảng chỉ tiêu: milestones", ctx)
    assert catalogue.rows[0].group and catalogue.rows[0].cells[0].startswith("I. ")
    first_ms = next(r for r in catalogue.rows if not r.group)
    assert first_ms.cells[3] == "65" and first_ms.cells[5] == "≥ 60%" and first_ms.cells[6] == "Đạt"


# ------------------------------------------------------------------ fields


def test_fields_print_as_the_report_writes_them(ctx):
    text = ("{{OPS.DOSSIER.RECEIVED}} hồ sơ; {{OPS.DOSSIER.ONLINE_RATE}}; "
            "{{OPS.DOSSIER.ONLINE / OPS.DOSSIER.RECEIVED}}; {{ kỳ báo cáo }}; {{từ ngày}}–{{đến ngày}}; "
            "{{NĂM}}; {{don vi}}; {{OPS.BUDGET.ESTIMATE}} đồng")
    problems: list = []
    assert blocks.fill_fields(text, ctx, problems) == (
        "11.962 hồ sơ; 81,6%; 9.765/11.962 = 81,6%; từ ngày 01/7/2025 đến ngày 17/11/2025; "
        "01/7/2025–17/11/2025; 2025; phường An Hải; 820.000.000 đồng")
    assert problems == []


def test_quarter_period_fields():
    ctx = blocks.BlockContext(period=periods.parse("2025-Q3"), as_of=date(2025, 9, 14))
    assert blocks.fill_fields("{{kỳ báo cáo}} ({{từ ngày}} - {{đến ngày}}), năm {{năm}}", ctx) == \
        "quý III/2025 (15/6/2025 - 14/9/2025), năm 2025"


def test_unknown_names_are_blocking_problems_shown_inline(ctx):
    problems: list = []
    text = blocks.fill_fields("A {{ngày ký}} B {{XYZ.ABC}} C {{OPS.DOSSIER.RECEIVED / NOPE.X}}", ctx, problems)
    assert text.count("[chưa rõ: ") == 3
    assert [p.name for p in problems] == ["{{ngày ký}}", "{{XYZ.ABC}}", "{{OPS.DOSSIER.RECEIVED / NOPE.X}}"]
    assert all(p.blocking for p in problems)
    for inside in ("Bảng gì đó", "Câu chỉ tiêu", "Danh sách nhiệm vụ: sắp hết hạn", "Bảng chỉ tiêu: KHONG.CO"):
        found: list = []
        (line,) = lines(inside, ctx, found)
        assert line.startswith("[chưa rõ: ") and len(found) == 1 and found[0].blocking, inside
    refusal = blocks.issue_refusal(problems)
    assert "3 chỗ chưa rõ" in refusal and "«{{ngày ký}}»" in refusal


def test_missing_figure_prints_a_blank_and_is_not_blocking(ctx):
    problems: list = []
    assert blocks.fill_fields("giải ngân {{OPS.BUDGET.DISBURSED}} đồng", ctx, problems) == "giải ngân … đồng"
    assert len(problems) == 1 and not problems[0].blocking


def test_name_problems_find_the_same_names_without_figures(demo_db, ctx):
    texts = ["{{kỳ báo cáo}} {{ngày ký}} {{OPS.DOSSIER.RECEIVED}} {{NOPE.CODE}}",
             "[[Nhiệm vụ theo giai đoạn]]\n[[Bảng lạ]]\n[[Bảng chỉ tiêu: nq71]]\n[[Câu chỉ tiêu: OPS.NOPE]]",
             "[[Danh sách nhiệm vụ: ngày mai]]"]
    with demo_db.read() as session:
        names_only = blocks.load_context(session, PERIOD, what={blocks.NAMES}, today=TODAY)
    assert names_only.figures == {} and names_only.tasks == ()
    found = blocks.name_problems(texts, names_only)
    assert [p.name for p in found] == [p.name for p in blocks.blocking(blocks.find_problems(texts, ctx))]
    assert {p.name for p in found} == {"{{ngày ký}}", "{{NOPE.CODE}}", "[[Bảng lạ]]", "[[Câu chỉ tiêu: OPS.NOPE]]",
                                       "[[Danh sách nhiệm vụ: ngày mai]]"}


# ------------------------------------------------------------------ whole texts


def test_resolve_content_builds_paragraphs_and_tables(ctx):
    content = ("Tổng số hồ sơ tiếp nhận **{{OPS.DOSSIER.RECEIVED}}** hồ sơ.\n\n[[Nhiệm vụ theo giai đoạn: 1]]\n"
               "[[Bảng nhiệm vụ: hoàn thành]]")
    resolved = blocks.resolve_content(content, ctx)
    assert resolved.problems == ()
    first = resolved.blocks[0]
    assert isinstance(first, Para) and first.text == "Tổng số hồ sơ tiếp nhận 11.962 hồ sơ."
    assert first.runs[1].bold and first.runs[1].text == "11.962"
    heading = resolved.blocks[1]
    assert heading.runs[0].text == "- " and heading.runs[1].italic
    assert isinstance(resolved.blocks[-1], Table)


def test_data_text_is_never_read_as_markup(demo_db):
    with demo_db.read() as session:
        ctx = blocks.load_context(session, PERIOD, today=TODAY)
    row = ctx.tasks[0]
    tricky = type(row)(**{**row.__dict__, "title": "Số *quan trọng* {{OPS.X}} [[khối]]", "status": "overdue"})
    ctx = blocks.BlockContext(period=ctx.period, as_of=ctx.as_of, tasks=(tricky,), stats=ctx.stats)
    (line,) = lines("Danh sách nhiệm vụ: quá hạn", ctx)
    para = blocks.markup_para(line)
    assert para.text.startswith("+ Số *quan trọng* {{OPS.X}} [[khối]]")
    assert not any(run.italic for run in para.runs)


def test_expand_to_markup_turns_a_block_or_the_fields_into_plain_text(ctx):
    expanded = blocks.expand_to_markup("[[Nhiệm vụ theo giai đoạn: 1]]", ctx)
    assert expanded.split("\n")[0] == "- *Giai đoạn 1: Ủy ban nhân dân phường được giao 16 nhiệm vụ*"
    table_text = blocks.expand_to_markup("[[Bảng chỉ tiêu: OPS.DOSSIER]]", ctx)
    assert table_text.split("\n")[0] == "- Hồ sơ tiếp nhận (đơn vị tính: hồ sơ; kỳ này: 11.962)"
    assert all(line.startswith("- ") for line in table_text.split("\n"))
    text = "Tiếp nhận {{OPS.DOSSIER.RECEIVED}} hồ sơ {{lạ}}\n[[Nhiệm vụ theo giai đoạn]]\n\n{{đơn vị}}"
    assert blocks.expand_to_markup(text, ctx) == \
        "Tiếp nhận 11.962 hồ sơ {{lạ}}\n[[Nhiệm vụ theo giai đoạn]]\n\nphường An Hải"
    assert blocks.expand_to_markup("[[Bảng lạ]]", ctx) == "[[Bảng lạ]]"
    everything = blocks.expand_all(text, ctx)
    assert "[[" not in everything and "Giai đoạn 2" in everything
    # the expanded text reads back to the same paragraphs
    again = blocks.resolve_content(expanded, ctx)
    assert [b.text for b in again.blocks] == [b.text for b in blocks.resolve_content(
        "[[Nhiệm vụ theo giai đoạn: 1]]", ctx).blocks]


def test_needs_loads_only_what_the_text_uses(demo_db):
    assert blocks.needs(["{{kỳ báo cáo}}"]) == frozenset()
    assert blocks.needs(["[[Nhiệm vụ theo văn bản]]"]) == {blocks.TASKS, blocks.CITATIONS}
    assert blocks.needs(["x {{OPS.DOSSIER.RECEIVED}}"]) == {blocks.INDICATORS}
    with demo_db.read() as session:
        light = blocks.load_context(session, PERIOD, texts=["{{kỳ báo cáo}} của {{đơn vị}}"], today=TODAY)
    assert light.tasks == () and light.figures == {} and light.unit_name == "phường An Hải"


def test_ratio_of_text_indicators_is_refused():
    info = blocks.IndicatorInfo("T.A", "Ghi chú", "", "text", "G", "ops")
    num = blocks.IndicatorInfo("N.B", "Số", "", "count", "G", "ops")
    ctx = blocks.BlockContext(period=PERIOD, as_of=PERIOD.window[1],
                              figures={"T.A": blocks.Figure(info, "có", "có"),
                                       "N.B": blocks.Figure(num, Decimal(4), "4")},
                              indicators={"T.A": info, "N.B": num})
    problems: list = []
    assert blocks.resolve_field("T.A / N.B", ctx, problems) is None
    assert problems[0].blocking
    zero = blocks.BlockContext(period=PERIOD, as_of=PERIOD.window[1],
                               figures={"N.B": blocks.Figure(num, Decimal(0), "0")}, indicators={"N.B": num})
    found: list = []
    assert blocks.resolve_field("N.B / N.B", zero, found) == "…" and not found[0].blocking
