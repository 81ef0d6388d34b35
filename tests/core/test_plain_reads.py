"""The first screen's reads over the plain sqlite3 connection (desktop.core.sql) give exactly what
the same functions give on a SQLAlchemy session — the overview must not differ from the task table."""

from __future__ import annotations

from datetime import date

from desktop.core import office, profile, staff, stats, task_rows, tasks
from desktop.core.sql import connection_of, plain_read, to_date

AS_OF = date(2025, 11, 20)


def test_task_rows_are_the_same_over_plain_sqlite_and_a_session(demo_db):
    with demo_db.read() as session:
        from_session = tasks.list_tasks(session, AS_OF)
        stats_from_session = stats.task_stats(session, AS_OF).as_json()
    with demo_db.plain() as connection:
        plain = tasks.list_tasks(connection, AS_OF)
        stats_plain = stats.task_stats(connection, AS_OF).as_json()
    assert len(plain) == len(from_session) > 50
    assert plain == from_session
    assert [r.search_source for r in plain] == [r.search_source for r in from_session]
    assert all(isinstance(r.deadline, date) for r in plain if r.deadline is not None)
    assert stats_plain == stats_from_session
    assert len({r.status for r in plain}) >= 3  # derived statuses, not one default
    assert any(r.sources for r in plain) and any(r.lead for r in plain) and any(r.plan_label for r in plain)


def test_overview_over_plain_sqlite_matches_the_session(demo_db):
    with demo_db.read() as session:
        expected = stats.overview(session, AS_OF)
    with demo_db.plain() as connection:
        got = stats.overview(connection, AS_OF)
    assert got == expected
    assert got.unit_subject == "Ủy ban nhân dân phường"
    assert got.sentences and got.stats.total.assigned > 50


def test_office_and_settings_over_plain_sqlite(demo_db):
    with demo_db.unit_of_work() as session:
        office.set_setting(session, office.FONT_SCALE, "130")
        staff.save_staff(session, ["Nguyễn Thị Ánh", "Trần Văn Bình"], ask=True)
    with demo_db.plain() as connection:
        plain_profile = profile.get_office(connection)
        assert profile.get_setting(connection, office.FONT_SCALE, "100") == "130"
        assert profile.get_setting(connection, "khong.co", "mặc định") == "mặc định"
        assert staff.asks_at_start(connection) is True
        assert staff.list_staff(connection) == ["Nguyễn Thị Ánh", "Trần Văn Bình"]
    with demo_db.read() as session:
        assert office.get_office(session) == plain_profile
    assert plain_profile.short_name and plain_profile.header_lines


def test_a_session_read_sees_its_own_unflushed_changes(demo_db):
    # connection_of flushes first, as an ORM query would: a write path that reads right after
    # changing something gets the new value, inside the same transaction.
    with demo_db.unit_of_work() as session:
        office.set_setting(session, "ui.thu", "một")
        from desktop.models import Setting

        session.get(Setting, "ui.thu").value = "hai"  # pending, not flushed
        assert office.get_setting(session, "ui.thu") == "hai"
        assert connection_of(session) is connection_of(session)
    with demo_db.plain() as connection:
        assert profile.get_setting(connection, "ui.thu") == "hai"


def test_plain_reads_never_write(demo_db):
    before = demo_db.folder.database.stat().st_mtime_ns
    with demo_db.plain() as connection:
        connection.execute("UPDATE settings SET value = 'x'")  # a bug would write here: rolled back
    with demo_db.plain() as connection:
        assert "x" not in [v for (v,) in connection.execute("SELECT value FROM settings")]
    assert demo_db.folder.database.stat().st_mtime_ns >= before


def test_marked_reads_and_dates():
    assert task_rows.list_tasks.plain_read and stats.overview.plain_read and profile.get_office.plain_read
    assert not hasattr(tasks.get_task, "plain_read")

    @plain_read
    def f(source):
        return source

    assert f.plain_read
    assert to_date("2025-03-05") == date(2025, 3, 5)
    assert to_date("2025-03-05 00:00:00.000000") == date(2025, 3, 5)
    assert to_date(None) is None and to_date("") is None
