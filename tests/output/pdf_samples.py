"""Hand-built `PrintDocument`s for the print-engine tests and the benchmark.

`an_hai_report()` is modelled on the real report of Phường An Hải (shared/reference/documents):
page-1 header, headings of every level (PHẦN, A., I., 1., 1.1., a), bullets - and +, a portrait
table, the closing, three recipients, a KT. signer and two appendices — the second landscape with a
60-row table. `long_report(pages)` repeats its body for the 30-page budget.
"""

from __future__ import annotations

from dataclasses import replace

from desktop.core.document import (
    CENTER,
    LEFT,
    RIGHT,
    Appendix,
    Column,
    Header,
    Metadata,
    Para,
    PrintDocument,
    Run,
    Signature,
    Table,
    TableRow,
    para,
)

SUMMARY = (
    "Kết quả thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá phát triển khoa học, "
    "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
)
OPENING = (
    "Ủy ban nhân dân phường nhận được Công văn số 15-CV/UBKTĐU ngày 03/11/2025 của Ủy ban Kiểm tra Đảng ủy "
    "phường về việc giám sát thường xuyên thực hiện Thông báo kết luận số 07-TB/CQTTBCĐ của Cơ quan Thường trực "
    "và Thông báo kết luận 47-TB/TGV của Tổ giúp việc Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, "
    "đổi mới sáng tạo và chuyển đổi số; Ủy ban nhân dân phường báo cáo kết quả triển khai thực hiện, cụ thể như sau:"
)
LEADERSHIP = (
    "Ngay sau khi có các văn bản chỉ đạo của Trung ương và Thành phố về việc thực hiện Nghị quyết số 57-NQ/TW "
    "ngày 22/12/2024 của Bộ Chính trị, xác định phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi "
    "số là nhiệm vụ trọng tâm, để tập trung lãnh đạo, chỉ đạo, nhằm nâng cao hiệu lực, hiệu quả hoạt động của hệ "
    "thống chính trị, đảm bảo thống nhất cao trong tổ chức đảng, chính quyền, đoàn thể về chủ trương, nhiệm vụ và "
    "giải pháp thực hiện, gắn với tăng cường kỷ cương, nâng cao đạo đức công vụ, chất lượng phục vụ nhân dân. "
    "Căn cứ chỉ đạo của UBND thành phố Hải Phòng, Ủy ban nhân dân phường ban hành Kế hoạch số 70/KH-UBND ngày "
    "18/9/2025 về thực hiện Nghị quyết 57-NQ/TW tại phường An Hải."
)
# Every Vietnamese tone on several vowels: ngang, huyền, hỏi, ngã, sắc, nặng.
TONES = "Tiếng Việt có đủ dấu: ma mà mả mã má mạ, huyền hỏi ngã sắc nặng, ướt ượt ưởng ữa ỳ ỷ ỹ ý ỵ đường."
MEETINGS = (
    "Ban Chỉ đạo của phường An Hải về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 "
    "duy trì tổ chức các cuộc họp hàng tuần, hàng tháng và hàng quý theo quy định, cụ thể: tổ chức 12 cuộc giao "
    "ban tuần, 03 cuộc họp giao ban tháng và 01 cuộc họp sơ kết quý III năm 2025 để đánh giá kết quả thực hiện "
    "nhiệm vụ và triển khai các nhiệm vụ theo chỉ đạo của cơ quan cấp trên."
)
PUBLIC_SERVICE = (
    "Tính từ ngày 01/7 - 06/11/2025, Trung tâm phục vụ hành chính công phường An Hải tiếp nhận 11.962 hồ sơ giải "
    "quyết thủ tục hành chính (9.765 hồ sơ trực tuyến và 2.197 hồ sơ trực tiếp), đã giải quyết 11.766 hồ sơ (tỷ lệ "
    "98,3%), đang giải quyết 196 hồ sơ (tỷ lệ 1,7%); tỷ lệ hồ sơ trực tuyến 9.765/11.962 = 81,6%; không có hồ sơ "
    "chậm tiếp nhận."
)
CLOSING = (
    "Trên đây là báo cáo của UBND phường về kết quả thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị về đột phá "
    "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia./."
)
RECIPIENTS = ("- UBKT Đảng ủy phường;", "- CT, PCT UBND phường;", "- Lưu: VT, VHXH.")
SIGNATURE = Signature(("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"), "Nguyễn Thế Đức")
HEADER = Header(("ỦY BAN NHÂN DÂN", "PHƯỜNG AN HẢI"), "Số:      /BC-UBND", "An Hải, ngày      tháng 11 năm 2025")
METADATA = Metadata(
    title=f"Báo cáo số      /BC-UBND: {SUMMARY}",
    subject=SUMMARY,
    author="Ủy ban nhân dân phường An Hải",
    keywords="BC-UBND, Báo cáo, NQ57",
)
ATTACHED = "(Kèm theo Báo cáo số      /BC-UBND ngày      tháng 11 năm 2025 của Ủy ban nhân dân phường An Hải)"


def body(text: str, **kwargs) -> Para:
    return para(text, **kwargs)


def heading(text: str, bold: bool = True, italic: bool = False, **kwargs) -> Para:
    return para(text, bold=bold, italic=italic, keep_with_next=True, **kwargs)


def part(number: str, title: str) -> list[Para]:
    """PHẦN I on its own line, centred; its title upper case on the next."""
    return [
        para(number, bold=True, align=CENTER, first_indent=0.0, keep_with_next=True, space_before=6.0,
             space_after=0.0),
        para(title.upper(), bold=True, align=CENTER, first_indent=0.0, keep_with_next=True),
    ]


def statistics_table() -> Table:
    columns = (
        Column("TT", 0.6, CENTER),
        Column("Nội dung", 4.0, LEFT),
        Column("Được giao", 1.3, RIGHT),
        Column("Hoàn thành", 1.3, RIGHT),
        Column("Tỷ lệ", 1.1, RIGHT),
    )
    rows = (
        TableRow(("", "Giai đoạn 1"), group=True),
        TableRow(("1", "Nhiệm vụ theo Kế hoạch số 02-KH/BCĐTW ngày 19/6/2025", "16", "16", "100%")),
        TableRow(("2", "Nhiệm vụ theo Thông báo số 06-TB/CQTTBCĐ ngày 27/9/2025", "5", "5", "100%")),
        TableRow(("", "Giai đoạn 2"), group=True),
        TableRow(("3", "Nhiệm vụ theo Thông báo số 44-TB/TGV, 45-TB/TGV, 46-TB/TGV và 47-TB/TGV", "34", "34", "100%")),
        TableRow(("4", "Nhiệm vụ theo Kế hoạch số 70/KH-UBND ngày 18/9/2025 của Ủy ban nhân dân phường", "12", "11",
                  "91,7%")),
        TableRow(("", "Tổng cộng", "67", "66", "98,5%"), bold=True),
    )
    return Table(columns, rows)


def report_body() -> tuple:
    blocks: list = [body(OPENING)]
    blocks += part("PHẦN I", "Kết quả thực hiện")
    blocks += [
        heading("A. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO"),
        body(LEADERSHIP),
        body("Lãnh đạo UBND phường đã chỉ đạo các bộ phận chuyên môn, Tổ công nghệ số cộng đồng tăng cường tuyên "
             "truyền, hướng dẫn người dân, doanh nghiệp, hộ kinh doanh thực hiện chuyển đổi số, sử dụng dịch vụ công "
             "trực tuyến, ứng dụng công nghệ trong đời sống, sản xuất, kinh doanh."),
        body(TONES),
        heading("B. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN"),
        heading("I. VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH"),
        heading("1. Thống kê số cuộc họp của Ban Chỉ đạo/Thường trực Ban Chỉ đạo với Thường trực Tổ Giúp việc và "
                "các cơ quan liên quan"),
        body(MEETINGS),
        Para((Run("2. Thống kê các nhiệm vụ thực hiện: ", bold=True),
              Run("tổng số nhiệm vụ được giao theo 08 văn bản chỉ đạo, chi tiết tại bảng sau:"))),
        statistics_table(),
        body("- Giai đoạn 1: Ủy ban nhân dân phường được giao 16 nhiệm vụ", italic=True),
        body("+ Số nhiệm vụ đã hoàn thành 16/16, tỷ lệ 100%, trong đó: số nhiệm vụ hoàn thành đúng hạn 16, số nhiệm "
             "vụ hoàn thành quá hạn 0."),
        body("+ Số nhiệm vụ quá hạn chưa hoàn thành 0, tỷ lệ 0%."),
        body("- Giai đoạn 2: Ủy ban nhân dân phường được giao 34 nhiệm vụ", italic=True),
        body("+ Số nhiệm vụ đã hoàn thành 34/34, tỷ lệ 100%."),
        heading("1.1. Về tiếp nhận xử lý phản ánh, kiến nghị, sáng kiến, giải pháp"),
        body("- Tổng số PAKN, SKGP đã nhận được: 0, trong đó:"),
        body("+ Số PAKN, SKGP đã giải quyết: 0."),
        heading("II. VỀ CHUYỂN ĐỔI SỐ QUỐC GIA"),
        heading("1. Tình hình, kết quả thực hiện"),
        heading("a) Việc cung cấp dịch vụ công trực tuyến và các dịch vụ, tiện ích", bold=False),
        body(PUBLIC_SERVICE),
        body("- Đầu tư, nâng cấp, sửa chữa 02 phòng họp trực tuyến, hội trường trung tâm; nâng cấp đường truyền "
             "internet tốc độ cao kết nối với các phòng ban; 08 máy tính, 02 máy in, 01 máy lấy số tự động, 06 màn "
             "hình đánh giá sự hài lòng tại Trung tâm Phục vụ hành chính công."),
        heading("b) Việc ứng dụng chuyển đổi số phục vụ hoạt động của các cơ quan", bold=False),
        body("- 100% văn bản hành chính của UBND phường được ký số và xử lý qua hệ thống phần mềm quản lý văn bản "
             "điện tử; Tổ công nghệ số cộng đồng hoạt động hiệu quả tại 100% tổ dân phố."),
        body(LEADERSHIP),
        body(MEETINGS),
        heading("2. Tồn tại, hạn chế"),
        body("- Trang thiết bị công nghệ thông tin còn thiếu và lạc hậu, các máy tính trang bị cho cán bộ, công chức "
             "đa số là các máy cũ, cấu hình thấp gây khó khăn cho việc triển khai nghiệp vụ."),
        body("- Việc số hóa hồ sơ lưu trữ tại cơ quan còn hạn chế."),
        heading("III. VỀ BẢO ĐẢM KINH PHÍ"),
        body("Tổng kinh phí bố trí năm 2025: dự toán ngân sách nhà nước 820.000.000 đồng; cân đối thêm từ nguồn tăng "
             "thu ngân sách trung ương năm 2024: không có."),
        body(PUBLIC_SERVICE),
        heading("IV. KIẾN NGHỊ, ĐỀ XUẤT"),
        body("Đề nghị UBND thành phố và Sở Tài chính bố trí kinh phí bổ sung cho phường để đầu tư hạ tầng công nghệ "
             "thông tin, đặc biệt là máy chủ, lưu trữ dữ liệu, thiết bị bảo mật."),
        body(LEADERSHIP),
    ]
    return tuple(blocks)


def task_appendix_table(count: int = 60) -> Table:
    columns = (
        Column("Stt", 0.5, CENTER),
        Column("Nội dung nhiệm vụ", 4.0, LEFT),
        Column("Cơ quan chủ trì", 1.5, CENTER),
        Column("Cơ quan phối hợp", 1.8, LEFT),
        Column("Sản phẩm đầu ra", 1.8, LEFT),
        Column("Thời hạn", 1.1, CENTER),
        Column("Tình trạng", 1.3, CENTER),
    )
    groups = ("Hoàn thiện thể chế", "Hạ tầng số", "Dữ liệu số", "Dịch vụ công trực tuyến", "Kỹ năng số")
    rows: list[TableRow] = []
    for number in range(1, count + 1):
        if number % 12 == 1:
            rows.append(TableRow((f"{groups[(number // 12) % len(groups)]}",), group=True))
        rows.append(TableRow((
            str(number),
            f"Nhiệm vụ số {number}: triển khai ứng dụng công nghệ số trong quản lý, điều hành và cung cấp dịch vụ "
            f"công trực tuyến toàn trình tại phường" + (" (ưu tiên, có báo cáo định kỳ hằng tháng)" if number % 5 == 0
                                                        else ""),
            "VHXH" if number % 3 else "VP",
            "Các bộ phận chuyên môn; Tổ công nghệ số cộng đồng",
            "Báo cáo kết quả",
            f"{(number % 12) + 1:02d}/2025",
            "Hoàn thành" if number % 7 else "Đang thực hiện",
        )))
    return Table(columns, tuple(rows), header_numbers=True)


def appendices() -> tuple[Appendix, ...]:
    return (
        Appendix(
            "Phụ lục I",
            "Kết quả thực hiện các chỉ tiêu chuyển đổi số năm 2025",
            ATTACHED,
            (
                Table((Column("TT", 0.5, CENTER), Column("Chỉ tiêu", 4.0), Column("Đơn vị", 1.0, CENTER),
                       Column("Kết quả", 1.2, RIGHT)),
                      tuple(TableRow((str(i), f"Chỉ tiêu số {i}: tỷ lệ hồ sơ được xử lý trực tuyến", "%", "81,6"))
                            for i in range(1, 9))),
                body("Ghi chú: số liệu tính đến ngày 06/11/2025.", italic=True, first_indent=0.0),
            ),
        ),
        Appendix(
            "Phụ lục II",
            "Danh mục nhiệm vụ thực hiện Nghị quyết số 57-NQ/TW của Ủy ban nhân dân phường An Hải",
            ATTACHED,
            (task_appendix_table(60),),
            landscape=True,
        ),
    )


def an_hai_report() -> PrintDocument:
    return PrintDocument(
        header=HEADER,
        doc_type="BÁO CÁO",
        summary=SUMMARY,
        body=report_body(),
        recipients=RECIPIENTS,
        signature=SIGNATURE,
        metadata=METADATA,
        addressees=("Ủy ban nhân dân thành phố Hải Phòng.",),
        closing=(body(CLOSING),),
        drafter_line="",
        appendices=appendices(),
    )


def long_report(pages: int = 30) -> PrintDocument:
    """The An Hải report with its body repeated until it fills at least `pages` pages (no appendices)."""
    from desktop.printing.layout import lay_out

    base = report_body()
    doc = replace(an_hai_report(), appendices=())
    repeats = 1
    while len(lay_out(doc).pages) < pages:
        repeats += 1
        doc = replace(doc, body=base * repeats)
    return doc


def simple_doc(body_blocks: tuple = (), closing: tuple = (), **changes) -> PrintDocument:
    """A minimal document for focused tests."""
    doc = PrintDocument(
        header=HEADER,
        doc_type="BÁO CÁO",
        summary="Kết quả thực hiện nhiệm vụ",
        body=tuple(body_blocks),
        recipients=RECIPIENTS,
        signature=SIGNATURE,
        metadata=METADATA,
        closing=tuple(closing),
    )
    return replace(doc, **changes)
