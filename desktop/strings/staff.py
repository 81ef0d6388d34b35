"""Staff list and «Người làm việc» (who is at the keyboard; recorded in the change log)."""

TAB = "Cán bộ sử dụng"
HINT = ("Khi nhiều người dùng chung một tài khoản Windows, hãy nhập tên từng người (mỗi dòng một người) và "
        "bật «Hỏi người làm việc khi mở chương trình»: mọi thay đổi sẽ ghi đúng tên người sửa. "
        "Nếu không, chương trình ghi tên đăng nhập Windows.")
NAMES_LABEL = "Danh sách cán bộ (mỗi dòng một người):"
ASK = "Hỏi người làm việc khi mở chương trình"
SAVE = "Lưu danh sách"
SAVED = "Đã lưu danh sách cán bộ."
NAME_TOO_LONG = "Tên «{name}…» dài quá {limit} ký tự."
TOO_MANY = "Danh sách có quá {limit} người."

STATUS = "Người làm việc: {name}"
STATUS_TIP = "Bấm để đổi người làm việc (tên này được ghi vào nhật ký sửa đổi)."
CHOOSE_TITLE = "Ai đang làm việc?"
CHOOSE_TEXT = "Chọn hoặc gõ tên của anh/chị. Mọi thay đổi từ bây giờ được ghi tên này trong nhật ký sửa đổi."
CHOOSE_LABEL = "Người làm việc:"
USE_LOGIN = "Dùng tên đăng nhập Windows ({login})"
