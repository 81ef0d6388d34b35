"""Main window, navigation, menus, start-up."""

LOADING = "Đang mở dữ liệu…"
AREAS = {
    "overview": "Tổng quan",
    "tasks": "Nhiệm vụ",
    "indicators": "Chỉ tiêu, số liệu",
    "plans": "Kế hoạch",
    "directives": "Văn bản chỉ đạo",
    "office": "Cơ quan và bộ phận",
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
