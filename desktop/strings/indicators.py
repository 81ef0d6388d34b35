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
