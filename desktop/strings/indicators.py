"""Indicators (chỉ tiêu): catalogue names, labels, validation and formula messages."""

CATALOGUES = {
    "nq71": "Chỉ tiêu cụ thể theo Nghị quyết 71/NQ-CP đến năm 2030",
    "milestones": "Chỉ tiêu theo dõi, đánh giá theo giai đoạn 05 năm",
    "operations": "Số liệu thống kê định kỳ",
}
KINDS = {
    "count": "Số lượng", "percent": "Tỷ lệ (%)", "money": "Số tiền", "number": "Số",
    "text": "Văn bản", "bool": "Có/Không",
}
COMPARATORS = {
    "ge": "Tối thiểu (≥)", "le": "Tối đa (≤)", "eq": "Bằng (=)", "range": "Khoảng",
    "aspire": "Phấn đấu", "none": "Không có chỉ tiêu",
}
ACHIEVEMENT = {"met": "Đạt", "not_met": "Chưa đạt", "no_data": "Chưa có số liệu", "no_target": "Không có chỉ tiêu"}
YES, NO = "Có", "Không"
YES_WORDS = ("có", "co", "x", "1", "đạt", "dat", "rồi", "yes", "true")
NO_WORDS = ("không", "khong", "0", "chưa", "chua", "no", "false")

# formula
FORMULA_EMPTY = "Công thức trống."
FORMULA_BAD_CHAR = "Công thức «{formula}» có ký tự không được phép «{char}» (chỉ dùng số, mã chỉ tiêu, + - * / và dấu ngoặc)."
FORMULA_INCOMPLETE = "Công thức «{formula}» chưa đầy đủ."
FORMULA_UNEXPECTED = "Công thức «{formula}»: không hiểu «{token}» ở vị trí này."
FORMULA_PAREN = "Công thức «{formula}»: thiếu dấu đóng ngoặc."
FORMULA_DIV_ZERO = "Không tính được «{formula}»: phép chia cho 0 (mẫu số bằng 0)."
FORMULA_MISSING = "Chưa tính được: thiếu số liệu {codes}."
FORMULA_UNKNOWN_CODE = "Công thức dùng mã chỉ tiêu chưa có: {codes}."
FORMULA_CYCLE = "Công thức của chỉ tiêu {code} tự tham chiếu (vòng lặp)."

# values
NOT_INTEGER = "{name}: phải là số nguyên không âm (nhập «{text}»)."
NEGATIVE = "{name}: không được là số âm (nhập «{text}»)."
PERCENT_RANGE = "{name}: tỷ lệ phải từ 0 đến 100 (nhập «{text}»)."
NOT_BOOL = "{name}: nhập «Có» hoặc «Không» (nhập «{text}»)."
COMPUTED = "{name}: chỉ tiêu được tính tự động theo công thức, không nhập tay."
RETIRED = "{name}: chỉ tiêu đã ngừng theo dõi, không nhập số liệu mới."
UNKNOWN_CODE = "Không có chỉ tiêu mã «{code}»."
SUM_EQ = "{total} ({total_value}) phải bằng tổng {parts} ({sum_value})."
SUM_LE = "Tổng {parts} ({sum_value}) không được lớn hơn {total} ({total_value})."
PART_LE = "{parts} ({sum_value}) không được lớn hơn {total} ({total_value})."
JUMP = "{name}: {value} thay đổi hơn {factor} lần so với kỳ trước ({previous}); kiểm tra lại hoặc xác nhận."
HAS_ERRORS = "Số liệu có lỗi, chưa lưu: {details}"
UNCONFIRMED = "Số liệu có cảnh báo cần xác nhận trước khi lưu: {details}"
NO_OFFICE = "Chưa khai báo thông tin cơ quan; hãy khai báo trước khi nhập số liệu chỉ tiêu."

# closing
CLOSED = "Số liệu kỳ {period} đã chốt; muốn sửa phải mở lại kỳ (ghi rõ lý do)."
ALREADY_CLOSED = "Số liệu kỳ {period} đã được chốt trước đó."
NOT_CLOSED = "Số liệu kỳ {period} chưa chốt nên không cần mở lại."
REOPEN_NOTE = "Ghi lý do mở lại số liệu kỳ {period}."
CLOSE_ACTIONS = {"close": "Chốt số liệu", "reopen": "Mở lại"}

# indicator form
CODE_LABEL, NAME_LABEL, GROUP_LABEL = "mã chỉ tiêu", "tên chỉ tiêu", "nhóm chỉ tiêu"
BAD_CODE = "Mã chỉ tiêu chỉ gồm chữ cái không dấu, chữ số, dấu chấm và gạch dưới, bắt đầu bằng chữ (ví dụ OPS.DOSSIER.RECEIVED)."
CODE_TAKEN = "Mã «{code}» đã dùng cho chỉ tiêu khác (kể cả chỉ tiêu đã ngừng theo dõi); mã không được dùng lại."
CODE_FIXED = "Không đổi mã của chỉ tiêu đã có."
BAD_KIND = "Loại chỉ tiêu «{value}» không hợp lệ."
BAD_GROUP = "Nhóm chỉ tiêu «{value}» không có."
BAD_DECIMALS = "Số chữ số thập phân phải từ 0 đến 6."
BAD_TARGET = "Chỉ tiêu năm {year}: «{text}» không đọc được (ví dụ: ≥ 60%, 100%, 80-90%, Phấn đấu ít nhất 3%, -)."
BAD_TARGET_YEAR = "Năm của chỉ tiêu «{year}» không hợp lệ."
FORMULA_KIND = "Chỉ tiêu dạng văn bản hoặc Có/Không không tính theo công thức."
ALREADY_RETIRED = "Chỉ tiêu {code} đã ngừng theo dõi."

# catalogue files
BAD_CATALOGUE = "Tệp danh mục chỉ tiêu «{name}» không đọc được: {reason}"

# command line
SHOW_HEADER = "Chỉ tiêu kỳ {period} — {unit}"
SHOW_COLUMNS = ("Mã", "Chỉ tiêu", "Giá trị", "Chỉ tiêu KH", "Đánh giá")
SHOW_COMPUTED = " (tính)"

# ----------------------------------------------------------------------------- screen (desktop.ui.indicators)
PERIOD_KINDS = {
    "month": "Tháng", "quarter": "Quý", "half": "6 tháng", "nine_months": "9 tháng", "year": "Năm",
    "range": "Khoảng ngày",
}
PICKER_KIND, PICKER_YEAR, PICKER_NUMBER, PICKER_FROM, PICKER_TO = "Kỳ:", "Năm:", "Số:", "Từ ngày:", "đến ngày:"
PICKER_MONTH_ITEM, PICKER_QUARTER_ITEM = "Tháng {n}", "Quý {roman}"
PICKER_HALF_ITEMS = ("6 tháng đầu năm", "6 tháng cuối năm")
PICKER_NAME = "Kỳ báo cáo: {name} (mã {code})"
PICKER_BAD_RANGE = "Nhập đủ hai ngày của khoảng (dạng 01/07/2025)."

TAB_ENTRY, TAB_GRID, TAB_PROGRESS, TAB_CATALOGUE = "Nhập số liệu", "Bảng theo kỳ", "Tiến độ so với chỉ tiêu", "Danh mục chỉ tiêu"
GROUP_PICK = "Nhóm chỉ tiêu:"
ENTRY_HEADERS = ("STT", "Chỉ tiêu", "Đơn vị", "Kỳ trước", "Kỳ này", "Chỉ tiêu năm", "Đánh giá", "Ghi chú")
ENTRY_COMPUTED_TIP = "Tính tự động theo công thức {formula}; cập nhật sau khi lưu."
ENTRY_HINT = "Gõ số kiểu Việt Nam (1.234 hoặc 81,6); Enter hoặc Tab để xuống dòng tiếp theo; Ctrl+S để lưu."
SAVE_BUTTON = "Lưu số liệu"
UNDO_BUTTON = "Bỏ thay đổi"
CLOSE_BUTTON, REOPEN_BUTTON = "Chốt số liệu", "Mở lại kỳ"
CLOSED_BANNER = "Số liệu {name} đã chốt — chỉ xem, không sửa được. Muốn sửa, bấm «Mở lại kỳ» và ghi lý do."
HISTORY_TITLE = "Lịch sử chốt số liệu:"
HISTORY_LINE = "{when} — {action}{by}{note}"
HISTORY_EMPTY = "Kỳ này chưa chốt số liệu lần nào."
CLOSE_TITLE = "Chốt số liệu"
CLOSE_QUESTION = "Chốt số liệu {name}? Sau khi chốt, số liệu chỉ xem, không sửa được cho đến khi mở lại."
CLOSE_NOTE_LABEL = "Ghi chú khi chốt (không bắt buộc):"
REOPEN_TITLE = "Mở lại kỳ"
REOPEN_LABEL = "Lý do mở lại số liệu {name} (bắt buộc):"
ERRORS_TITLE = "Số liệu có lỗi, chưa lưu — sửa các dòng tô đỏ:"
WARNINGS_TITLE = "Cảnh báo — kiểm tra lại, hoặc bấm «Xác nhận và lưu» nếu số liệu đúng:"
CONFIRM_SAVE = "Xác nhận và lưu"
SAVED = "Đã lưu số liệu {name}."
NOTHING_TO_SAVE = "Không có thay đổi để lưu."
NO_GROUPS = "Chưa có nhóm chỉ tiêu."

GRID_YEAR = "Năm:"
GRID_KIND = "Theo:"
GRID_KINDS = {"quarter": "4 quý", "month": "12 tháng", "half": "2 nửa năm"}
GRID_INDICATOR = "Chỉ tiêu"
GRID_UNIT = "Đơn vị"
GRID_TARGET = "Chỉ tiêu năm"
DETAIL_TITLE = "{name} ({unit}) — các kỳ năm {year}"
DETAIL_EMPTY = "Chọn một chỉ tiêu trong bảng để xem diễn biến qua các kỳ."
CHART_TARGET = "Chỉ tiêu {text}"
CHART_NO_DATA = "Chưa có số liệu để vẽ."

PROGRESS_HEADERS = ("Mã", "Chỉ tiêu", "Đơn vị", "Kỳ này", "Chỉ tiêu năm", "% chỉ tiêu", "Đánh giá", "Còn thiếu")
PROGRESS_SORT_GAP = "Xếp theo: xa chỉ tiêu nhất trước"
PROGRESS_CATALOGUE = "Danh mục:"
PROGRESS_ALL = "Tất cả danh mục"

CATALOGUE_PICK = "Danh mục:"
CATALOGUE_SEARCH = "Tìm theo mã hoặc tên chỉ tiêu…"
CATALOGUE_SHOW_RETIRED = "Hiện cả chỉ tiêu đã ngừng theo dõi"
CATALOGUE_HEADERS = ("Mã", "Tên chỉ tiêu", "Đơn vị", "Loại", "Nhóm", "Chỉ tiêu theo năm", "Trạng thái")
CATALOGUE_RETIRED_STATE, CATALOGUE_ACTIVE_STATE = "Đã ngừng theo dõi", "Đang theo dõi"
CATALOGUE_COMPUTED = " (tính theo công thức)"
ADD_INDICATOR, EDIT_INDICATOR, RETIRE_INDICATOR = "Thêm chỉ tiêu", "Sửa chỉ tiêu", "Ngừng theo dõi"
RETIRE_TITLE = "Ngừng theo dõi chỉ tiêu"
RETIRE_QUESTION = ("Ngừng theo dõi chỉ tiêu «{name}» ({code})? Số liệu đã nhập vẫn được giữ để xem lại; "
                   "mã {code} không được dùng lại cho chỉ tiêu khác.")
FORM_TITLE_NEW, FORM_TITLE_EDIT = "Thêm chỉ tiêu", "Sửa chỉ tiêu {code}"
FORM_CODE, FORM_NAME, FORM_GROUP, FORM_UNIT, FORM_KIND = "Mã chỉ tiêu:", "Tên chỉ tiêu:", "Nhóm:", "Đơn vị tính:", "Loại:"
FORM_DEPARTMENT, FORM_SOURCE, FORM_FORMULA, FORM_DECIMALS = "Bộ phận theo dõi:", "Nguồn số liệu:", "Công thức:", "Số chữ số thập phân:"
FORM_TARGETS = "Chỉ tiêu theo năm:"
FORM_TARGETS_TIP = "Mỗi dòng một năm: năm, dấu hai chấm, chỉ tiêu — ví dụ «2025: ≥ 60%», «2030: 100%», «2026: 80-90%»."
FORM_CODE_TIP = "Chữ in hoa không dấu, số, dấu chấm — ví dụ OPS.DOSSIER.RECEIVED. Mã không đổi được sau khi lưu."
FORM_FORMULA_TIP = "Để trống nếu nhập tay. Ví dụ: OPS.DOSSIER.ONLINE / OPS.DOSSIER.RECEIVED * 100"
FORM_BAD_TARGET_LINE = "Dòng «{line}»: ghi dạng «năm: chỉ tiêu», ví dụ «2025: ≥ 60%»."
FORM_SAVE, FORM_CANCEL = "Lưu", "Hủy"

EXPORT_BUTTON = "Xuất Excel"
EXPORT_TITLE = "Xuất bảng chỉ tiêu ra Excel"
EXPORT_FILTER = "Bảng tính Excel (*.xlsx)"
EXPORT_FILE_NAME = "chi-tieu-{code}.xlsx"
EXPORTED = "Đã xuất bảng chỉ tiêu ra tệp:\n{path}"
EXPORT_FAILED = "Không ghi được tệp {path}:\n{reason}"
DONE_TITLE = "Thông báo"
