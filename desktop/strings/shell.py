"""Main window, navigation, menus, start-up."""

LOADING = "Đang mở dữ liệu…"
AREAS = {
    "overview": "Tổng quan",
    "tasks": "Nhiệm vụ",
    "indicators": "Chỉ tiêu, số liệu",
    "plans": "Kế hoạch",
    "directives": "Văn bản chỉ đạo",
    "office": "Cơ quan và bộ phận",
    "reports": "Báo cáo",
    "exchange": "Trao đổi dữ liệu",
    "maintenance": "Sao lưu, phục hồi",
    "audit": "Nhật ký sửa đổi",
}
MENU_FILE = "&Tệp"
MENU_VIEW = "&Hiển thị"
MENU_HELP = "Trợ &giúp"
ACTION_QUIT = "Thoát"
ACTION_HELP = "Hướng dẫn sử dụng"
ACTION_ABOUT = "Giới thiệu"
ACTION_OPEN_DATA_FOLDER = "Mở thư mục dữ liệu"
FONT_MENU = "Cỡ chữ giao diện"
FONT_SCALES = {100: "Bình thường (100%)", 115: "Lớn (115%)", 130: "Rất lớn (130%)", 150: "Cực lớn (150%)"}
DATA_FOLDER = "Thư mục dữ liệu: {path}"
OPEN_FAILED_TITLE = "Không mở được dữ liệu"
OPEN_FAILED = "Không mở được cơ sở dữ liệu trong thư mục\n{path}\n\n{reason}"
ABOUT = ("<b>{app}</b> — phiên bản {version}<br>Theo dõi, thống kê và báo cáo thực hiện Nghị quyết số 57-NQ/TW "
         "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia tại cấp xã, phường."
         "<br>Chạy hoàn toàn không cần mạng. Dữ liệu lưu tại:<br>{path}")

# -- One program per data folder (desktop.instance) ------------------------------------------
ALREADY_RUNNING_TITLE = "Chương trình đang mở"
ALREADY_RUNNING = ("Thư mục dữ liệu\n{path}\nđang được mở trong một cửa sổ Sổ theo dõi NQ57 khác. "
                   "Hãy dùng cửa sổ đó (tìm trên thanh tác vụ). Nếu không thấy cửa sổ nào, "
                   "hãy đợi một lát rồi mở lại chương trình.")
ALREADY_RUNNING_RAISED = "Sổ theo dõi NQ57 đang mở thư mục dữ liệu {path}: đã chuyển sang cửa sổ đang mở."

# -- Start-up check of the data file (desktop.app, desktop.ui.maintenance) -------------------
DAMAGED_TITLE = "Tệp dữ liệu bị hỏng"
DAMAGED_INTRO = ("Tệp dữ liệu {path} bị hỏng — thường do mất điện, rút USB hoặc ổ đĩa bị lỗi đúng lúc "
                 "đang ghi. Để không làm hỏng thêm, chương trình không mở tệp này.")
DAMAGED_OFFER = "Có thể phục hồi từ bản sao lưu tốt gần nhất:"
DAMAGED_CHOSEN = "Bản sao lưu đã chọn:"
DAMAGED_NONE = ("Không tìm thấy bản sao lưu còn tốt trong thư mục {path}. Nếu có bản sao lưu trên USB hoặc "
                "máy khác, hãy bấm «Chọn bản sao lưu khác…». Nếu không, hãy giữ nguyên thư mục dữ liệu và "
                "liên hệ người hỗ trợ kỹ thuật.")
DAMAGED_KEEP = ("Tệp hỏng không bị xóa: chương trình đổi tên thành «{name}» và để lại trong thư mục dữ liệu, "
                "phòng khi cần cứu dữ liệu. Những gì nhập sau thời điểm sao lưu sẽ phải nhập lại.")
DAMAGED_RESTORE = "Phục hồi bản sao lưu này"
DAMAGED_CHOOSE = "Chọn bản sao lưu khác…"
DAMAGED_QUIT = "Thoát"
DAMAGED_SEARCHING = "Đang tìm bản sao lưu còn tốt…"
DAMAGED_RESTORED = ("Đã phục hồi dữ liệu từ bản sao lưu «{name}» ({when}).\n\n"
                    "Tệp hỏng được giữ lại tại:\n{damaged}")
DAMAGED_BACKUP_LINE = "{when} — {office}"
DAMAGED_COUNTS_LINE = "{plans} kế hoạch, {tasks} nhiệm vụ, {reports} báo cáo, {values} số liệu chỉ tiêu"

# -- The error dialog (desktop.ui.crash) -------------------------------------------------------
CRASH_DETAILS = "Chi tiết"
CRASH_HIDE_DETAILS = "Ẩn chi tiết"
CRASH_COPY = "Sao chép chi tiết"
CRASH_COPIED = "Đã sao chép chi tiết. Có thể dán (Ctrl+V) vào thư điện tử hoặc tin nhắn gửi người hỗ trợ."
CRASH_OPEN_LOGS = "Mở thư mục nhật ký"
CRASH_LOG_AT = "Chi tiết kỹ thuật đã được ghi vào nhật ký: {path}"
CRASH_CLOSE = "Đóng"
DETAILS_HEADER = ("Sổ theo dõi NQ57 {version}\nThời điểm: {time}\nHệ điều hành: {system}\n"
                  "Python {python}, Qt {qt}\nThư mục dữ liệu: {folder}\nLuồng: {thread}\n")

# -- What went wrong, in words a user can act on (desktop.core.failures) ---------------------
FAILURE_TITLE = {
    "disk_full": "Ổ đĩa đã đầy",
    "read_only": "Không ghi được vào thư mục",
    "file_in_use": "Tệp đang được chương trình khác sử dụng",
    "database_locked": "Dữ liệu đang bận",
    "disk_io": "Lỗi đọc, ghi ổ đĩa",
    "damaged": "Dữ liệu bị hỏng",
    "cannot_open": "Không mở được tệp dữ liệu",
    "attachment_missing": "Không tìm thấy tệp minh chứng",
    "file_missing": "Không tìm thấy tệp",
    "memory": "Máy tính thiếu bộ nhớ",
    "user": "Không thực hiện được",
    "unexpected": "Đã xảy ra lỗi",
}
FAILURE_MESSAGE = {
    "disk_full": ("Không ghi được {target} vì ổ đĩa đã hết chỗ trống. Việc vừa làm chưa được lưu; "
                  "dữ liệu đã lưu trước đó vẫn an toàn.\n\n"
                  "Cách xử lý: xóa bớt tệp không cần (và dọn Thùng rác) để giải phóng ổ đĩa, hoặc chọn ổ khác, "
                  "rồi làm lại."),
    "read_only": ("Không ghi được {target}: thư mục hoặc ổ đĩa chỉ cho phép đọc, hoặc tài khoản Windows này "
                  "không có quyền ghi (ví dụ USB đang gạt khóa chống ghi, thư mục nằm trong Program Files, "
                  "tệp đang được chương trình khác mở).\n\n"
                  "Cách xử lý: chọn thư mục khác, mở khóa chống ghi của USB hoặc nhờ người quản trị máy cấp "
                  "quyền ghi, đóng chương trình đang mở tệp, rồi làm lại."),
    "file_in_use": ("{target_cap} đang được một chương trình khác mở (ví dụ Excel, Word, trình xem PDF, "
                    "phần mềm diệt virus hoặc một cửa sổ Sổ theo dõi NQ57 khác) nên không ghi được.\n\n"
                    "Cách xử lý: đóng chương trình đang mở tệp đó rồi làm lại."),
    "database_locked": ("Cơ sở dữ liệu đang bị một chương trình khác giữ (có thể là phần mềm diệt virus, phần "
                        "mềm sao lưu hoặc một cửa sổ Sổ theo dõi NQ57 khác cùng mở thư mục dữ liệu này). Việc "
                        "vừa làm chưa được lưu.\n\n"
                        "Cách xử lý: đợi một lát rồi làm lại. Nếu vẫn lỗi, đóng các chương trình đó hoặc khởi "
                        "động lại máy."),
    "disk_io": ("Không đọc hoặc ghi được {target}: có thể USB vừa bị rút ra, ổ mạng bị ngắt hoặc ổ đĩa bị lỗi.\n\n"
                "Cách xử lý: cắm lại USB hoặc kiểm tra ổ đĩa rồi làm lại; sau đó vào «Sao lưu, phục hồi» → "
                "«Kiểm tra dữ liệu»."),
    "damaged": ("Tệp dữ liệu bị hỏng nên không đọc được phần dữ liệu này.\n\n"
                "Cách xử lý: đóng chương trình rồi mở lại — khi khởi động, chương trình kiểm tra tệp dữ liệu và "
                "đề nghị phục hồi từ bản sao lưu tốt gần nhất."),
    "cannot_open": ("Không mở được {target}: thư mục dữ liệu không còn, bị đổi tên, hoặc tài khoản này không có "
                    "quyền đọc ghi.\n\n"
                    "Cách xử lý: kiểm tra thư mục dữ liệu (cắm lại USB nếu dữ liệu nằm trên USB) rồi mở lại "
                    "chương trình."),
    "attachment_missing": ("Tệp minh chứng {target} không còn trong thư mục attachments của dữ liệu (có thể đã "
                           "bị xóa hoặc di chuyển).\n\n"
                           "Cách xử lý: đính kèm lại tệp gốc cho nhiệm vụ; vào «Sao lưu, phục hồi» → «Kiểm tra "
                           "dữ liệu» để xem mọi tệp minh chứng bị thiếu."),
    "file_missing": ("Không tìm thấy {target}: tệp có thể đã bị xóa, đổi tên, hoặc USB chứa tệp đã được rút ra.\n\n"
                     "Cách xử lý: kiểm tra lại tệp, cắm lại USB nếu cần, rồi làm lại."),
    "memory": ("Máy tính không đủ bộ nhớ để làm việc này. Việc vừa làm có thể chưa được lưu.\n\n"
               "Cách xử lý: đóng bớt các chương trình khác (trình duyệt, Word, Excel) rồi làm lại."),
    "unexpected": ("Chương trình gặp một lỗi không mong muốn khi đang làm việc này. Dữ liệu đã lưu trước đó vẫn "
                   "an toàn; việc đang làm có thể chưa được lưu.\n\n"
                   "Cách xử lý: làm lại. Nếu lỗi lặp lại, bấm «Sao chép chi tiết» rồi gửi cho người hỗ trợ kỹ "
                   "thuật, kèm mô tả việc đang làm."),
}
FAILURE_TARGET_FILE = "tệp «{path}»"
FAILURE_TARGET_DEFAULT = {
    "disk_full": "dữ liệu",
    "read_only": "vào thư mục",
    "file_in_use": "tệp",
    "disk_io": "ổ đĩa",
    "cannot_open": "tệp dữ liệu",
    "attachment_missing": "",
    "file_missing": "tệp",
}
DAMAGED_CONTINUE = "Tiếp tục làm việc"
DAMAGED_NO_COUNTS = "(không đọc được số lượng)"
