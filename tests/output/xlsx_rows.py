"""Indicator rows built by hand (desktop.core.indicators' own dataclasses), so the XLSX tests
control every value, including hostile text, without a database."""

from __future__ import annotations

from decimal import Decimal

from desktop.core.indicators import GroupRow, IndicatorRow, TargetRow, ValueRow

GROUPS = [
    GroupRow("TTHC", "Chỉ tiêu về thực hiện thủ tục hành chính, dịch vụ công và chỉ đạo, điều hành, quản trị "
             "nội bộ trên môi trường điện tử", "nq71", 1),
    GroupRow("HTS", "Hạ tầng số", "nq71", 2),
]


def indicator(id_: int, name: str, group: str, position: int, *, unit: str = "%", decimals: int = 1,
              targets: tuple[TargetRow, ...] = (), department: str = "Trung tâm PV Hành chính công",
              output: str = "Số liệu báo cáo", retired: bool = False, kind: str = "percent") -> IndicatorRow:
    group_name = next((g.name for g in GROUPS if g.code == group), "Nhóm lạ")
    return IndicatorRow(id_, f"C{id_:02d}", name, unit, kind, group, group_name, "nq71", department, "71/NQ-CP",
                        output, "", decimals, retired, position, targets)


def ge(year: int, low: str) -> TargetRow:
    return TargetRow(year, "ge", Decimal(low), None, f"≥ {low}%")


DVC = indicator(1, "Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp", "TTHC", 1,
                targets=(ge(2025, "60"), ge(2030, "80"), TargetRow(2035, "eq", Decimal(100), None, "100%")))
SO_HOA = indicator(2, "Tỷ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "TTHC", 2,
                   targets=(TargetRow(2030, "eq", Decimal(100), None, "100"),))
HO_SO = indicator(3, "Số hồ sơ tiếp nhận trực tuyến", "TTHC", 3, unit="hồ sơ", decimals=0, kind="count")
NGAN_SACH = indicator(4, "Chi ngân sách hằng năm cho phát triển KHCN, ĐMST, CĐS", "HTS", 1, unit="% tổng chi NSNN",
                      targets=(TargetRow(2030, "aspire", Decimal(3), None, "Phấn đấu đạt 3%"),),
                      department="Phòng Kinh tế, Hạ tầng, Đô thị")
CO_APP = indicator(5, "Có ứng dụng phản ánh hiện trường", "HTS", 2, unit="", kind="yes_no", decimals=0)
NGUY_HIEM = indicator(6, "=HYPERLINK(\"http://x\",\"y\")", "HTS", 3, unit="-", decimals=0, kind="text",
                      targets=(TargetRow(2030, "none", None, None, "-"),), department="@Tổ công nghệ số")
OLD = indicator(7, "Chỉ tiêu đã bỏ", "HTS", 4, retired=True, targets=(ge(2030, "1"),))
INDICATORS = [NGAN_SACH, DVC, SO_HOA, HO_SO, CO_APP, NGUY_HIEM, OLD]


def values() -> list[ValueRow]:
    def v(ind, value, previous, achievement, *, target=None, text="", computed=False, comment=""):
        return ValueRow(ind, "2025-Q3", value, text, computed, previous, "", target, achievement, comment)

    return [
        v(DVC, Decimal("81.63"), Decimal("75.2"), "met", target=DVC.targets[0], computed=True),
        v(SO_HOA, None, Decimal("90"), "no_data", target=SO_HOA.targets[0]),
        v(HO_SO, Decimal("11962"), Decimal("1234567"), "no_target", comment="+ tăng so với kỳ trước"),
        v(NGAN_SACH, Decimal("2.5"), None, "not_met", target=NGAN_SACH.targets[0]),
        v(CO_APP, True, False, "no_target"),
        v(NGUY_HIEM, "-1+2", "=1+1", "no_target", comment="@SUM(A1)"),
    ]
