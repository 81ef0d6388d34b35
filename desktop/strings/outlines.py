"""Outlines (đề cương): the service's messages, the outline list and the outline editor."""

# ---------------------------------------------------------------- kinds and fields
KIND = {"report": "Báo cáo", "plan": "Kế hoạch"}
FIELD = {
    "name": "tên đề cương",
    "kind": "loại đề cương",
    "description": "mô tả",
    "doc_type": "loại văn bản",
    "symbol": "ký hiệu",
    "summary": "trích yếu",
    "addressees": "kính gửi",
    "opening": "đoạn mở đầu",
    "closing": "đoạn kết thúc",
    "recipients": "nơi nhận",
    "appendices": "phụ lục",
    "document": "thông tin văn bản",
    "sections": "các mục",
    "heading": "tiêu đề",
    "guidance": "hướng dẫn",
    "content": "nội dung mặc định",
    "numbering": "kiểu đánh số",
    "upper": "in hoa",
    "bold": "đậm",
    "italic": "nghiêng",
    "run_in": "tiêu đề liền đoạn",
    "children": "các mục con",
    "key": "mã mục",
    "format": "định dạng",
    "version": "phiên bản định dạng",
}

# ---------------------------------------------------------------- service messages
NOT_FOUND = "Không tìm thấy đề cương (có thể đã bị xóa)."
NAME_TAKEN = "Đã có đề cương tên «{value}». Hãy đặt tên khác."
KIND_UNKNOWN = "Loại đề cương «{value}» không hợp lệ: chỉ có «Báo cáo» hoặc «Kế hoạch»."
BUILTIN_READ_ONLY = (
    "«{value}» là đề cương có sẵn nên chỉ xem, không sửa, đổi tên hay xóa được. "
    "Hãy bấm «Sao chép để sửa» để tạo bản của mình rồi sửa bản sao."
)
COPY_NAME = "{value} (bản sao)"
SYMBOL_FORMAT = "Ký hiệu «{value}» không đúng dạng. Ví dụ: BC-UBND, KH-UBND, TTr-UBND (không có dấu cách)."
LIST_TOO_LONG = "Danh sách {field} có {count} dòng, vượt quá giới hạn {limit} dòng."
LINE_TOO_LONG = "Một dòng trong {field} dài {length} ký tự, vượt quá giới hạn {limit} ký tự."
APPENDIX_BAD = (
    "Phụ lục thứ {index} không hợp lệ: mỗi phụ lục phải là một nhóm trường có tên và giá trị là chữ, số hoặc có/không."
)
APPENDIX_TOO_MANY = "Có {count} phụ lục, vượt quá giới hạn {limit} phụ lục."
TEXT_TOO_LONG = "Trường {field} dài {length} ký tự, vượt quá giới hạn {limit} ký tự."

NO_SECTIONS = "Đề cương chưa có mục nào. Hãy thêm ít nhất một mục."
TOO_MANY_SECTIONS = "Đề cương có {count} mục, vượt quá giới hạn {limit} mục."
TOO_DEEP = "Mục «{title}» nằm ở cấp {depth}; đề cương chỉ cho phép tối đa {limit} cấp mục lồng nhau."
SECTION_NUMBERING_UNKNOWN = "Mục «{title}» có kiểu đánh số «{value}» không hợp lệ."
SECTION_TEXT_TOO_LONG = "Mục «{title}»: {field} dài {length} ký tự, vượt quá giới hạn {limit} ký tự."

# ---------------------------------------------------------------- reading a file
FILE_PREFIX = "Không nhập được tệp «{name}»: "
FIELD_IN_FILE = "«{key}» ({label})"
FILE_MISSING = "không tìm thấy tệp."
FILE_UNREADABLE = "không đọc được tệp ({reason})."
FILE_TOO_BIG = "tệp nặng {size}, quá lớn đối với một đề cương (tối đa 2 MB). Có thể đây không phải tệp đề cương."
FILE_EMPTY = "tệp rỗng."
FILE_NOT_TEXT = "tệp không phải văn bản UTF-8, không phải tệp đề cương."
FILE_NOT_JSON = (
    "nội dung không đúng định dạng JSON (dòng {line}, cột {column}); tệp có thể bị hỏng hoặc không phải tệp đề cương."
)
FILE_TOO_NESTED = "nội dung lồng nhau quá sâu, không phải tệp đề cương hợp lệ."
FILE_WRONG_FORMAT = "đây không phải tệp đề cương của Sổ theo dõi NQ57 (thiếu hoặc sai trường «format» — định dạng)."
FILE_BAD_VERSION = "trường «version» (phiên bản định dạng) có giá trị «{value}» không hợp lệ."
FILE_NEWER = (
    "tệp được tạo bằng phiên bản mới hơn của chương trình (định dạng phiên bản {value}, chương trình này đọc đến "
    "phiên bản {supported}). Hãy cập nhật chương trình rồi nhập lại."
)
FILE_FIELD_MISSING = "thiếu trường {field}."
FILE_FIELD_BAD = "trường {field} không hợp lệ ({expected})."
FILE_SECTION_BAD = "mục {path}: trường {field} không hợp lệ ({expected})."
FILE_SECTION_NOT_OBJECT = "mục {path} không đúng định dạng."
FILE_SECTION_NUMBERING = "mục {path} có kiểu đánh số «{value}» không hợp lệ."
FILE_TOO_DEEP = "mục {path} nằm ở cấp {depth}; đề cương chỉ cho phép tối đa {limit} cấp."
FILE_TOO_MANY = "tệp có hơn {limit} mục, quá nhiều đối với một đề cương."
EXPECT_TEXT = "phải là chữ"
EXPECT_FLAG = "phải là có/không"
EXPECT_LIST = "phải là danh sách"
EXPECT_OBJECT = "phải là một nhóm trường"
EXPECT_TEXT_LIST = "phải là danh sách các dòng chữ"
EXPECT_KIND = "chỉ nhận «report» hoặc «plan»"
FILE_WRITE_FAILED = "Không ghi được tệp «{name}»: {reason}"

# ---------------------------------------------------------------- outline list screen
LIST_TITLE = "Đề cương báo cáo, kế hoạch"
LIST_HINT = (
    "Đề cương quy định các mục của một báo cáo hoặc kế hoạch (đánh số, tiêu đề, hướng dẫn, nội dung mặc định). "
    "Đề cương có sẵn chỉ xem được; hãy sao chép để sửa. Khi thành phố gửi đề cương mới, dùng «Nhập từ tệp…»."
)
NEW = "Mới"
NEW_TIP = "Tạo đề cương trống (Ctrl+N)"
COPY = "Sao chép"
COPY_TIP = "Tạo một bản sao của đề cương đang chọn để sửa"
EDIT = "Sửa"
VIEW = "Xem"
EDIT_TIP = "Mở đề cương đang chọn (Enter)"
RENAME = "Đổi tên"
RENAME_TITLE = "Đổi tên đề cương"
RENAME_LABEL = "Tên mới:"
DELETE = "Xóa"
IMPORT = "Nhập từ tệp…"
IMPORT_TIP = "Nhập đề cương từ tệp .json (ví dụ đề cương thành phố gửi)"
EXPORT = "Xuất ra tệp…"
EXPORT_TIP = "Ghi đề cương đang chọn ra tệp .json để gửi đơn vị khác"
FILE_FILTER = "Tệp đề cương (*.json);;Mọi tệp (*)"
EXPORT_FILE_NAME = "de-cuong-{name}.json"
IMPORTED = "Đã nhập đề cương «{name}»."
EXPORTED = "Đã ghi đề cương ra tệp {path}"
COPIED = "Đã tạo bản sao «{name}»."
DELETED = "Đã xóa đề cương «{name}»."
CONFIRM_DELETE = (
    "Xóa đề cương «{name}»?\n\nCác báo cáo đã lập theo đề cương này vẫn giữ nguyên các mục của mình; "
    "chỉ là không lập được báo cáo mới theo đề cương này nữa."
)
COLUMNS = {
    "name": "Tên đề cương",
    "kind": "Loại",
    "source": "Nguồn",
    "sections": "Số mục",
    "updated": "Cập nhật",
}
SOURCE_BUILTIN = "Có sẵn"
SOURCE_USER = "Tự tạo"
COUNT = "{count} đề cương"

# ---------------------------------------------------------------- editor: top bar
NEW_TITLE = "Đề cương mới"
EDITOR_TITLE = "Đề cương: {name}"
BACK = "← Danh sách đề cương"
SAVE = "Lưu"
SAVE_TIP = "Lưu đề cương (Ctrl+S)"
SAVED = "Đã lưu."
COPY_TO_EDIT = "Sao chép để sửa"
BUILTIN_BANNER = "Đây là đề cương có sẵn của chương trình nên chỉ xem được. Bấm «Sao chép để sửa» để tạo bản của mình."
LABEL_NAME = "Tên đề cương:"
LABEL_KIND = "Loại:"
PLACEHOLDER_NAME = "Ví dụ: Báo cáo quý theo đề cương của thành phố"
TAB_SECTIONS = "Các mục"
TAB_SECTIONS_COUNT = "Các mục ({count})"
TAB_DOCUMENT = "Thông tin văn bản"

# ---------------------------------------------------------------- editor: section tree
ADD_SIBLING = "Thêm mục cùng cấp"
ADD_SIBLING_TIP = "Thêm một mục ngay sau mục đang chọn, cùng cấp và cùng kiểu đánh số"
ADD_CHILD = "Thêm mục con"
ADD_CHILD_TIP = "Thêm một mục con vào cuối mục đang chọn"
UP = "Lên"
UP_TIP = "Đưa mục lên trước mục liền trên cùng cấp"
DOWN = "Xuống"
DOWN_TIP = "Đưa mục xuống sau mục liền dưới cùng cấp"
INDENT = "Thụt vào"
INDENT_TIP = "Biến mục thành mục con của mục liền trên"
OUTDENT = "Lùi ra"
OUTDENT_TIP = "Đưa mục ra ngoài một cấp, đứng sau mục cha"
REMOVE = "Xóa mục"
REMOVE_TIP = "Xóa mục đang chọn cùng các mục con"
CONFIRM_REMOVE_TITLE = "Xóa mục"
CONFIRM_REMOVE = "Xóa mục «{title}»?"
CONFIRM_REMOVE_CHILDREN = "Xóa mục «{title}» cùng {count} mục con của nó?"
TREE_HEADER = "Mục (số thứ tự tự tính theo vị trí)"
TREE_EMPTY_HEADING = "(chưa có tiêu đề)"
TREE_EMPTY_HINT = "Chưa có mục nào. Bấm «Thêm mục cùng cấp» (Ctrl+Enter) để thêm mục đầu tiên."

# ---------------------------------------------------------------- editor: section form
FORM_TITLE = "Mục đang chọn"
FORM_TITLE_OF = "Mục {label}"
FORM_NO_SECTION = "Chọn một mục ở cây bên trái để sửa, hoặc thêm mục mới."
LABEL_NUMBERING = "Đánh số:"
NUMBERING_HINT = "Số thứ tự tự tính theo vị trí của mục, không cần gõ."
LABEL_HEADING = "Tiêu đề:"
PLACEHOLDER_HEADING = "Ví dụ: VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH (gõ không kèm số thứ tự)"
LABEL_GUIDANCE = "Hướng dẫn:"
PLACEHOLDER_GUIDANCE = "Gợi ý cho người viết báo cáo: cần viết gì, số liệu nào cấp trên yêu cầu (không in ra)"
LABEL_CONTENT = "Nội dung mặc định:"
PLACEHOLDER_CONTENT = (
    "Đoạn văn sẵn có khi lập báo cáo mới. Mỗi dòng là một đoạn; «- » và «+ » đầu dòng là gạch đầu dòng; "
    "**đậm**, *nghiêng*; {{OPS.DOSSIER.RECEIVED}} là số liệu tự điền; "
    "một dòng [[Nhiệm vụ theo giai đoạn]] là khối số liệu."
)
LABEL_LOOK = "Kiểu tiêu đề:"
LOOK_FIELDS = {"upper": "In hoa", "bold": "Đậm", "italic": "Nghiêng"}
LOOK_DEFAULT = "Mặc định"
LOOK_DEFAULT_TIP = "«Mặc định» theo kiểu đánh số của mục: {value}"
LABEL_PREVIEW = "Xem trước:"
LOOK_YES = "Có"
LOOK_NO = "Không"
RUN_IN = "Tiêu đề liền đoạn (nội dung viết tiếp ngay sau tiêu đề, trên cùng một dòng)"

# ---------------------------------------------------------------- editor: document defaults
DOCUMENT_HINT = (
    "Các thông tin này được điền sẵn vào văn bản mới lập theo đề cương; khi lập văn bản vẫn sửa được. "
    "Trích yếu, mở đầu, kết thúc có thể dùng số liệu tự điền như "
    "{{kỳ báo cáo}}, {{từ ngày}}, {{đến ngày}}, {{năm}}, {{đơn vị}}."
)
LABEL_DOC_TYPE = "Loại văn bản:"
DOC_TYPES = ("BÁO CÁO", "KẾ HOẠCH", "TỜ TRÌNH", "CÔNG VĂN", "THÔNG BÁO", "CHƯƠNG TRÌNH")
LABEL_SYMBOL = "Ký hiệu:"
SYMBOL_TIP = "Phần sau số văn bản, ví dụ BC-UBND trong «Số: 05/BC-UBND»"
LABEL_SUMMARY = "Trích yếu:"
LABEL_ADDRESSEES = "Kính gửi:"
ADDRESSEES_TIP = "Mỗi dòng một nơi nhận; để trống nếu văn bản không có «Kính gửi»"
LABEL_OPENING = "Đoạn mở đầu:"
LABEL_CLOSING = "Đoạn kết thúc:"
LABEL_RECIPIENTS = "Nơi nhận:"
RECIPIENTS_TIP = "Mỗi dòng một nơi nhận, không cần gõ «- » và «;». Dòng «Lưu: VT, …» do văn bản tự thêm."
LABEL_DESCRIPTION = "Mô tả đề cương:"
PLACEHOLDER_DESCRIPTION = "Dùng khi nào, theo văn bản nào của cấp trên (chỉ để ghi nhớ, không in ra)"
LABEL_APPENDICES = "Phụ lục kèm theo:"
NO_APPENDICES = "(không có)"
