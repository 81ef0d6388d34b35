"""Vietnamese text for outlines (đề cương), reports and printing. Grouped by screen."""

# ---------------------------------------------------------------- section tree
UNTITLED = "(chưa có tiêu đề)"
SECTION_NOT_FOUND = "Không tìm thấy mục này; có thể nó vừa bị xóa. Hãy tải lại danh sách."
BAD_FIELD = "Tệp đề cương không đúng định dạng: trường «{field}» không hợp lệ."
