"""Office profile, departments, signers, first run and settings."""

FIELD = {
    "name_lines": "tên cơ quan ban hành",
    "short_name": "tên gọi ngắn",
    "place_name": "địa danh ghi ở dòng ngày tháng",
    "code": "mã đơn vị hành chính",
    "parent_body": "cơ quan chủ quản",
    "superior_name": "cơ quan cấp trên nhận báo cáo",
    "kind": "loại đơn vị",
    "name": "tên bộ phận",
    "abbreviation": "tên viết tắt",
    "full_name": "họ và tên người ký",
    "position_title": "chức vụ",
    "authority": "thẩm quyền ký",
    "head_title": "chức danh người đứng đầu",
}
CODE_FORMAT = "Mã đơn vị hành chính cấp xã gồm 5 chữ số (ví dụ 11311); để trống nếu chưa biết."
KIND_UNKNOWN = "Loại đơn vị «{value}» không hợp lệ."
AUTHORITY_UNKNOWN = "Thẩm quyền ký «{value}» không hợp lệ."
HEAD_TITLE_NEEDED = ("Ký thay (KT.), ký quyền (Q.), ký thừa lệnh (TL.) hoặc thừa ủy quyền (TUQ.) phải ghi chức danh "
                     "người đứng đầu (ví dụ: CHỦ TỊCH).")
DUPLICATE_ABBREVIATION = "Tên viết tắt «{value}» đã dùng cho bộ phận khác."
DUPLICATE_DEPARTMENT = "Bộ phận «{value}» đã có trong danh sách."
DEPARTMENT_IN_USE = "Bộ phận «{value}» đang chủ trì hoặc phối hợp {count} nhiệm vụ nên không xóa được; hãy chuyển nhiệm vụ cho bộ phận khác hoặc đánh dấu «ngừng sử dụng»."
NOT_FOUND = "Không tìm thấy bản ghi (có thể đã bị xóa)."
OFFICE_NOT_SET = "Chưa thiết lập thông tin cơ quan. Hãy mở chương trình để khai báo hoặc chạy «demo» để có dữ liệu mẫu."
NO_DEPARTMENTS = "Cần ít nhất một bộ phận để giao nhiệm vụ."
ROW_PROBLEM = "Dòng {row}: {message}"
ALREADY_SET_UP = "Cơ quan đã được khai báo; hãy sửa thông tin trong mục «Cơ quan và bộ phận»."

# Words used to build names from what the user types ("Phường An Hải" -> "PHƯỜNG AN HẢI").
DEFAULT_COLLECTIVE = "ỦY BAN NHÂN DÂN"
KIND_PREFIX = {"ward": "Phường", "commune": "Xã", "special_zone": "Đặc khu"}
# The usual departments of a commune-level office since 1/7/2025 ({level}: phường, xã, đặc khu).
DEFAULT_DEPARTMENTS = {
    "ward": (
        ("Văn phòng HĐND và UBND", "VP"),
        ("Phòng Văn hóa - Xã hội", "VHXH"),
        ("Phòng Kinh tế, Hạ tầng và Đô thị", "KTHTĐT"),
        ("Trung tâm Phục vụ hành chính công", "TTPVHCC"),
        ("Công an {level}", "CA"),
    ),
    "commune": (
        ("Văn phòng HĐND và UBND", "VP"),
        ("Phòng Văn hóa - Xã hội", "VHXH"),
        ("Phòng Kinh tế", "KT"),
        ("Trung tâm Phục vụ hành chính công", "TTPVHCC"),
        ("Công an {level}", "CA"),
    ),
    "city_body": (
        ("Văn phòng", "VP"),
    ),
}

# ------------------------------------------------------------------ shared form labels
LABEL = {
    "kind": "Loại đơn vị",
    "short_name": "Tên gọi",
    "name_lines": "Tên ở đầu văn bản",
    "place_name": "Địa danh",
    "parent_body": "Cơ quan chủ quản",
    "superior_name": "Cấp trên nhận báo cáo",
    "code": "Mã đơn vị hành chính",
    "full_name": "Họ và tên",
    "position_title": "Chức vụ",
    "authority": "Thẩm quyền ký",
    "head_title": "Chức danh người đứng đầu",
    "is_default": "Người ký mặc định",
    "signer_active": "Đang công tác (hiện trong danh sách chọn người ký)",
    "name": "Tên bộ phận",
    "abbreviation": "Tên viết tắt",
    "department_active": "Đang sử dụng (hiện trong danh sách giao nhiệm vụ)",
}
PLACEHOLDER = {
    "short_name": "Ví dụ: Phường An Hải",
    "name_lines": "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI",
    "place_name": "Ví dụ: An Hải",
    "parent_body": "Để trống nếu không có",
    "superior_name": "Ví dụ: Ủy ban nhân dân thành phố Hải Phòng",
    "code": "5 chữ số, để trống nếu chưa biết",
    "full_name": "Ví dụ: Nguyễn Thế Đức",
    "position_title": "Ví dụ: PHÓ CHỦ TỊCH",
    "head_title": "Ví dụ: CHỦ TỊCH",
    "name": "Ví dụ: Phòng Văn hóa - Xã hội",
    "abbreviation": "Ví dụ: VHXH",
}
HINT = {
    "name_lines": "Mỗi dòng một dòng trên đầu văn bản; chương trình tự viết hoa.",
    "place_name": "Ghi ở dòng «…, ngày … tháng … năm …».",
    "parent_body": "Chỉ ghi khi cơ quan ban hành là đơn vị trực thuộc.",
    "superior_name": "Ghi ở dòng «Kính gửi» của báo cáo.",
    "head_title": "Chỉ cần khi ký thay (KT.), ký quyền (Q.), thừa lệnh (TL.), thừa ủy quyền (TUQ.).",
    "abbreviation": "Dùng ở dòng «Lưu: VT, …» và trong bảng thống kê.",
}
AUTHORITY_CHOICE = {
    "tm": "TM. — thay mặt tập thể",
    "kt": "KT. — ký thay người đứng đầu",
    "q": "Q. — ký quyền người đứng đầu",
    "tl": "TL. — ký thừa lệnh",
    "tuq": "TUQ. — ký thừa ủy quyền",
    "none": "Ký trực tiếp (không ghi thẩm quyền)",
}
PREVIEW_TITLE = "Xem trước khối chữ ký"
DEFAULT_HEAD_TITLE = "CHỦ TỊCH"
PREVIEW_SIGNATURE = "(Chữ ký, dấu)"
PREVIEW_NAME_PLACEHOLDER = "Họ và tên"
HEADER_PREVIEW_TITLE = "Xem trước đầu văn bản"
HEADER_NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
HEADER_MOTTO = "Độc lập - Tự do - Hạnh phúc"
HEADER_NUMBER = "Số:      /BC-UBND"

# ------------------------------------------------------------------------ first run
FIRST_RUN_TITLE = "Chào mừng đến với Sổ theo dõi NQ57"
FIRST_RUN_INTRO = ("Chương trình giúp theo dõi nhiệm vụ, chỉ tiêu và lập báo cáo thực hiện Nghị quyết số 57-NQ/TW. "
                   "Hãy khai báo cơ quan của mình qua 3 bước dưới đây (có thể sửa lại bất cứ lúc nào), "
                   "hoặc mở dữ liệu mẫu để dùng thử.")
DEMO_BUTTON = "Dùng dữ liệu mẫu"
DEMO_TOOLTIP = "Tạo dữ liệu mẫu (một phường với kế hoạch, nhiệm vụ, văn bản) để làm quen với chương trình."
DEMO_CONFIRM = ("Tạo dữ liệu mẫu (một phường với kế hoạch, nhiệm vụ, văn bản) để dùng thử?\n\n"
                "Dữ liệu mẫu được lưu vào thư mục dữ liệu:\n{path}\n"
                "Khi dùng thật, hãy mở chương trình với một thư mục dữ liệu khác (xem Hướng dẫn, mục 8).")
DEMO_DONE = "Đã tạo dữ liệu mẫu: {tasks} nhiệm vụ, {plans} kế hoạch, {directives} văn bản."
STEP_TITLES = ("Thông tin cơ quan", "Các bộ phận", "Người ký văn bản")
STEP_CAPTION = "Bước {number}/{total}: {title}"
STEP_HINT = (
    "Gõ tên gọi (ví dụ «Phường An Hải»): tên ở đầu văn bản và địa danh được điền sẵn, bạn sửa lại nếu cần.",
    "Danh sách bộ phận chuyên môn dùng để giao nhiệm vụ và thống kê. Bấm đúp vào ô để sửa; "
    "dòng để trống sẽ được bỏ qua.",
    "Người ký báo cáo, kế hoạch. Có thể để trống và bổ sung sau trong mục «Cơ quan và bộ phận».",
)
BACK = "‹ Quay lại"
NEXT = "Tiếp tục ›"
FINISH = "Hoàn tất"
HELP_BUTTON = "Hướng dẫn (F1)"
ADD_ROW = "Thêm dòng"
REMOVE_ROW = "Xóa dòng"
MOVE_UP = "Lên"
MOVE_DOWN = "Xuống"
RESTORE_DEFAULTS = "Khôi phục danh sách gợi ý"
RESTORE_DEFAULTS_QUESTION = "Thay danh sách hiện tại bằng danh sách bộ phận gợi ý?"
ADD_SIGNER = "Thêm vào danh sách"
REMOVE_SIGNER = "Bỏ khỏi danh sách"
MAKE_DEFAULT = "Đặt làm mặc định"
SIGNERS_ADDED = "Người ký đã thêm"
NO_SIGNERS_YET = "Chưa có người ký nào. Điền thông tin bên trên rồi bấm «Thêm vào danh sách»."
SETUP_DONE = "Đã lưu thông tin cơ quan."

# ------------------------------------------------------------------------ office screen
SCREEN_TITLE = "Cơ quan và bộ phận"
TAB_PROFILE = "Thông tin cơ quan"
TAB_DEPARTMENTS = "Bộ phận chuyên môn"
TAB_SIGNERS = "Người ký văn bản"
SAVE_PROFILE = "Lưu thông tin (Ctrl+S)"
REVERT_PROFILE = "Hoàn tác"
PROFILE_SAVED = "Đã lưu thông tin cơ quan."
PROFILE_UNSAVED = "Có thay đổi chưa lưu."
FONT_LABEL = "Cỡ chữ giao diện:"
ADD_DEPARTMENT = "Thêm bộ phận"
EDIT_DEPARTMENT = "Sửa"
DELETE_DEPARTMENT = "Xóa"
DEACTIVATE = "Ngừng sử dụng"
REACTIVATE = "Dùng lại"
DEPARTMENT_DIALOG_NEW = "Thêm bộ phận"
DEPARTMENT_DIALOG_EDIT = "Sửa bộ phận"
CONFIRM_DELETE_DEPARTMENT = "Xóa bộ phận «{value}»?"
DEPARTMENTS_HINT = ("Bộ phận «ngừng sử dụng» vẫn giữ trên các nhiệm vụ cũ nhưng không hiện khi giao nhiệm vụ mới. "
                    "Thứ tự ở đây là thứ tự trong các bảng thống kê.")
ADD_SIGNER_BUTTON = "Thêm người ký"
EDIT_SIGNER = "Sửa"
DELETE_SIGNER = "Xóa"
SIGNER_DIALOG_NEW = "Thêm người ký"
SIGNER_DIALOG_EDIT = "Sửa người ký"
CONFIRM_DELETE_SIGNER = "Xóa người ký «{value}»?"
SELECT_SIGNER_HINT = "Chọn một người ký để xem khối chữ ký."

COLUMN = {
    "position": "TT",
    "name": "Tên bộ phận",
    "abbreviation": "Viết tắt",
    "active": "Tình trạng",
    "full_name": "Họ và tên",
    "position_title": "Chức vụ",
    "authority": "Thẩm quyền",
    "head_title": "Người đứng đầu",
    "is_default": "Mặc định",
}
ACTIVE = "Đang sử dụng"
INACTIVE = "Ngừng sử dụng"
SIGNER_INACTIVE = "Đã nghỉ"
DEFAULT_MARK = "✓ Mặc định"
