<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="vi">
<context>
    <name>AnswerDialog</name>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="81"/>
        <source>Mỗi dòng một giấy tờ</source>
        <translation>One document per line</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="85"/>
        <source>Giấy tờ cần bổ sung</source>
        <translation>Documents to add</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="91"/>
        <source>Ghi và in (Ctrl+Enter)</source>
        <translation>Record and print (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="97"/>
        <source>Quay lại (Esc)</source>
        <translation>Back (Esc)</translation>
    </message>
</context>
<context>
    <name>ApplicantForm</name>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="378"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="379"/>
        <source>Số CCCD / CMND / hộ chiếu</source>
        <translation>Citizen ID / old ID / passport no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="380"/>
        <source>Ngày sinh (dd/mm/yyyy)</source>
        <translation>Date of birth (dd/mm/yyyy)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="381"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="382"/>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="383"/>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="386"/>
        <source>Quét mã QR trên thẻ CCCD để điền tự động…</source>
        <translation>Scan the QR code on the citizen ID card to fill in…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="401"/>
        <source>Thẻ CCCD</source>
        <translation>Citizen ID card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="429"/>
        <source>Năm sinh trên thẻ ({0}) khác năm sinh trong số định danh ({1}): đối chiếu với thẻ; nếu thẻ ghi đúng như vậy, đánh dấu xác nhận để tiếp nhận</source>
        <translation>The birth year on the card (0) differs from the one in the ID number (1): check the card; if the card says so, tick the confirmation to receive</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="394"/>
        <source>Đã đối chiếu với thẻ và hỏi lại công dân: xác nhận cảnh báo</source>
        <translation>Checked against the card and with the citizen: warnings confirmed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="414"/>
        <source>số định danh</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="415"/>
        <source>số CMND cũ</source>
        <translation>old ID number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="416"/>
        <source>họ tên</source>
        <translation>full name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="417"/>
        <source>ngày sinh</source>
        <translation>date of birth</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="418"/>
        <source>giới tính</source>
        <translation>sex</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="419"/>
        <source>nơi thường trú</source>
        <translation>permanent address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="420"/>
        <source>ngày cấp</source>
        <translation>date of issue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="434"/>
        <source>Giới tính trên thẻ ({0}) khác giới tính trong số định danh ({1})</source>
        <translation>The sex on the card ({0}) differs from the one in the ID number ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="438"/>
        <source>Họ tên trong mã QR bị lỗi mã hoá và đã được sửa thành “{0}”: đối chiếu với thẻ trước khi tiếp nhận</source>
        <translation>The name in the QR code was garbled (wrong encoding) and was repaired to “{0}”: check it against the card before receiving</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="443"/>
        <source>Nơi thường trú trong mã QR bị lỗi mã hoá và đã được sửa: đối chiếu với thẻ trước khi tiếp nhận</source>
        <translation>The address in the QR code was garbled (wrong encoding) and was repaired: check it against the card before receiving</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="464"/>
        <source>Chưa đọc được từ thẻ: {0} — nhập tay theo thẻ</source>
        <translation>Could not read from the card: {0} — type it in from the card</translation>
    </message>
</context>
<context>
    <name>CameraQrReader</name>
    <message>
        <location filename="../../desktop/devices/camera_qt.py" line="73"/>
        <source>Máy này không có camera</source>
        <translation>This computer has no camera</translation>
    </message>
</context>
<context>
    <name>DayCloseDialog</name>
    <message>
        <location filename="../../desktop/ui/day_close_dialog.py" line="44"/>
        <source>Khóa sổ cuối ngày</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_close_dialog.py" line="66"/>
        <source>Khóa sổ dù còn dữ liệu chờ đồng bộ (giám sát chịu trách nhiệm)</source>
        <translation>Close even though data is waiting to sync (the supervisor answers for it)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_close_dialog.py" line="70"/>
        <source>Lý do, ví dụ: mất mạng cả buổi chiều, đã báo Sở</source>
        <translation>Reason, e.g. network down all afternoon, reported to the department</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_close_dialog.py" line="71"/>
        <source>Khóa sổ</source>
        <translation>Close the day</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_close_dialog.py" line="74"/>
        <source>In sổ theo dõi hồ sơ (Mẫu 06)</source>
        <translation>Print the register book (Form 06)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_close_dialog.py" line="76"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_close_dialog.py" line="81"/>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_close_dialog.py" line="84"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_close_dialog.py" line="128"/>
        <source>Quầy không nối máy chủ tỉnh: không có gì phải chờ đồng bộ.</source>
        <translation>The counter has no provincial server: nothing waits to sync.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_close_dialog.py" line="132"/>
        <source>Còn {0} thao tác chưa gửi được lên máy chủ tỉnh: chưa khóa sổ được. Chờ đồng bộ xong, hoặc nhờ cán bộ giám sát khóa sổ kèm lý do.</source>
        <translation>{0} actions have not reached the provincial server yet: the day cannot be closed. Wait for sync, or ask a supervisor to close it with a reason.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_close_dialog.py" line="137"/>
        <source>Mọi thao tác trong ngày đã gửi lên máy chủ tỉnh.</source>
        <translation>Every action of the day has reached the provincial server.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_close_dialog.py" line="140"/>
        <source>{0} thao tác bị máy chủ từ chối, cần giám sát xem lại.</source>
        <translation>{0} actions were refused by the server; a supervisor should review them.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/day_close_dialog.py" line="144"/>
        <source>Đã khóa sổ lúc {0} bởi {1} (%n hồ sơ){2}.</source>
        <translation>
            <numerusform>Closed at {0} by {1} (%n dossier){2}.</numerusform>
            <numerusform>Closed at {0} by {1} (%n dossiers){2}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/day_close_dialog.py" line="176"/>
        <source>Đã khóa sổ ngày {0}: %n hồ sơ.</source>
        <translation>
            <numerusform>Day {0} closed: %n dossier.</numerusform>
            <numerusform>Day {0} closed: %n dossiers.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_close_dialog.py" line="147"/>
        <source>, khi còn {0} thao tác chờ; lý do: {1}</source>
        <translation>, with {0} actions waiting; reason: {1}</translation>
    </message>
</context>
<context>
    <name>DaySummary</name>
    <message>
        <location filename="../../desktop/ui/day_summary.py" line="27"/>
        <source>đã nhận {0} · đã trả {1} · đang chờ {2} · đến hạn trả {3}</source>
        <translation>received {0} · returned {1} · waiting {2} · due {3}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_summary.py" line="39"/>
        <source>Hôm nay: {0}</source>
        <translation>Today: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_summary.py" line="44"/>
        <source>&lt;b&gt;Ngày {0} tại quầy:&lt;/b&gt; {1}</source>
        <translation>&lt;b&gt;This counter on {0}:&lt;/b&gt; {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/day_summary.py" line="50"/>
        <source>Đã nhận: hồ sơ quầy này tiếp nhận hôm nay. Đã trả: kết quả quầy này trả hôm nay. Đang chờ: hồ sơ nhận hôm nay chưa trả kết quả. Đến hạn trả: hồ sơ có hẹn trả hôm nay mà chưa trả.</source>
        <translation>Received: dossiers this counter received that day. Returned: results this counter handed back that day. Waiting: dossiers received that day whose result is not handed back yet. Due: dossiers whose appointment is that day and not returned yet.</translation>
    </message>
</context>
<context>
    <name>Deadlines</name>
    <message>
        <location filename="../../desktop/ui/due_rows.py" line="35"/>
        <source>{0} ngày {1} giờ</source>
        <translation>{0} d {1} h</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/due_rows.py" line="37"/>
        <source>{0} giờ {1} phút</source>
        <translation>{0} h {1} min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/due_rows.py" line="40"/>
        <source>{0} phút</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/due_rows.py" line="46"/>
        <source>quá hạn {0}</source>
        <translation>overdue by {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/due_rows.py" line="48"/>
        <source>sắp hết hạn: còn {0}</source>
        <translation>due soon: {0} left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/due_rows.py" line="49"/>
        <source>còn {0}</source>
        <translation>{0} left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/due_rows.py" line="75"/>
        <source>{0}: {1} giờ làm việc — căn cứ: {2}</source>
        <translation>{0}: {1} working hours — source: {2}</translation>
    </message>
</context>
<context>
    <name>DocumentChecklist</name>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="540"/>
        <source>Giấy tờ (đánh dấu: đã nhận)</source>
        <translation>Document (ticked: received)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="541"/>
        <source>Bản chính</source>
        <translation>Originals</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="542"/>
        <source>Bản sao chứng thực</source>
        <translation>Certified copies</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="543"/>
        <source>Bản photo</source>
        <translation>Photocopies</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="544"/>
        <source>Đã quét</source>
        <translation>Scanned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="608"/>
        <source>{0} trang</source>
        <translation>{0} pages</translation>
    </message>
</context>
<context>
    <name>DomainWords</name>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="25"/>
        <source>Mới đăng ký</source>
        <translation>Newly registered</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="26"/>
        <source>Được tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="27"/>
        <source>Không được tiếp nhận</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="28"/>
        <source>Đang xử lý</source>
        <translation>Being processed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="29"/>
        <source>Yêu cầu bổ sung giấy tờ</source>
        <translation>Documents requested</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="30"/>
        <source>Yêu cầu thực hiện nghĩa vụ tài chính</source>
        <translation>Payment requested</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="31"/>
        <source>Công dân yêu cầu rút hồ sơ</source>
        <translation>Withdrawn by the citizen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="32"/>
        <source>Dừng xử lý</source>
        <translation>Processing stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="33"/>
        <source>Đã xử lý xong</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="34"/>
        <source>Đã trả kết quả</source>
        <translation>Result returned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="35"/>
        <source>Đăng ký trực tuyến</source>
        <translation>Registered online</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="36"/>
        <source>Tiếp nhận hồ sơ</source>
        <translation>Dossier received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="37"/>
        <source>Từ chối tiếp nhận</source>
        <translation>Reception refused</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="38"/>
        <source>Yêu cầu bổ sung hồ sơ</source>
        <translation>Supplement requested</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="39"/>
        <source>Nhận hồ sơ bổ sung</source>
        <translation>Supplement received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="40"/>
        <source>Phòng chuyên môn cập nhật</source>
        <translation>Update from the specialist unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="41"/>
        <source>Nhận kết quả từ phòng chuyên môn</source>
        <translation>Result received from the specialist unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="42"/>
        <source>Trả kết quả cho công dân</source>
        <translation>Result returned to the citizen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="43"/>
        <source>Công dân rút hồ sơ</source>
        <translation>Withdrawn by the citizen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="44"/>
        <source>Hẹn lại ngày trả kết quả</source>
        <translation>Appointment rescheduled</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="45"/>
        <source>Đính kèm giấy tờ</source>
        <translation>Document attached</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="46"/>
        <source>Cấp mã hồ sơ chính thức (thay mã tạm)</source>
        <translation>Official code issued (replacing the provisional one)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="47"/>
        <source>Bàn giao hồ sơ cho bộ phận chuyên môn</source>
        <translation>Handed over to the specialist unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="48"/>
        <source>Gửi kết quả qua bưu chính</source>
        <translation>Result sent by post</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="49"/>
        <source>Bưu chính phát kết quả</source>
        <translation>Result delivered by post</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="50"/>
        <source>Tiếp nhận mới</source>
        <translation>Newly received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="51"/>
        <source>Tiếp nhận trực tuyến</source>
        <translation>Received online</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="52"/>
        <source>Tiếp nhận trực tiếp</source>
        <translation>Received in person</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="53"/>
        <source>Tiếp nhận qua bưu chính công ích</source>
        <translation>Received by public post</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="54"/>
        <source>Kỳ trước chuyển qua</source>
        <translation>Carried over from the previous period</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="55"/>
        <source>Đã giải quyết</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="56"/>
        <source>Giải quyết trước hạn</source>
        <translation>Resolved early</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="57"/>
        <source>Giải quyết đúng hạn</source>
        <translation>Resolved on time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="58"/>
        <source>Giải quyết quá hạn</source>
        <translation>Resolved late</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="59"/>
        <source>Rút hồ sơ, dừng xử lý</source>
        <translation>Withdrawn or stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="60"/>
        <source>Đang giải quyết</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="61"/>
        <source>Đang giải quyết trong hạn</source>
        <translation>In progress, within the deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="62"/>
        <source>Đang giải quyết quá hạn</source>
        <translation>In progress, overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="63"/>
        <source>Chờ bổ sung hồ sơ</source>
        <translation>Waiting for a supplement</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="64"/>
        <source>Đến hạn trả trong ngày</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="65"/>
        <source>Thời gian giải quyết dưới 1 ngày</source>
        <translation>Resolved in under 1 day</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="66"/>
        <source>Thời gian giải quyết từ 1 đến dưới 3 ngày</source>
        <translation>Resolved in 1 to under 3 days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="67"/>
        <source>Thời gian giải quyết từ 3 đến dưới 5 ngày</source>
        <translation>Resolved in 3 to under 5 days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="68"/>
        <source>Thời gian giải quyết từ 5 đến dưới 10 ngày</source>
        <translation>Resolved in 5 to under 10 days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="69"/>
        <source>Thời gian giải quyết từ 10 đến dưới 20 ngày</source>
        <translation>Resolved in 10 to under 20 days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="70"/>
        <source>Thời gian giải quyết từ 20 ngày trở lên</source>
        <translation>Resolved in 20 days or more</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="71"/>
        <source>Hồ sơ trực tuyến đã kiểm tra</source>
        <translation>Online dossiers checked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="72"/>
        <source>Hồ sơ trực tuyến kiểm tra đúng hạn</source>
        <translation>Online dossiers checked on time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="73"/>
        <source>Hồ sơ trực tuyến kiểm tra quá hạn</source>
        <translation>Online dossiers checked late</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="74"/>
        <source>Hồ sơ trực tuyến chờ kiểm tra, đã quá hạn</source>
        <translation>Online dossiers waiting, overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="75"/>
        <source>Hồ sơ đã bàn giao cho bộ phận chuyên môn</source>
        <translation>Dossiers handed to the specialist unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="76"/>
        <source>Hồ sơ bàn giao đúng hạn</source>
        <translation>Handed over on time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="77"/>
        <source>Hồ sơ bàn giao quá hạn</source>
        <translation>Handed over late</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="78"/>
        <source>Hồ sơ chờ bàn giao, đã quá hạn</source>
        <translation>Waiting for hand-over, overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="79"/>
        <source>Kết quả đã gửi qua bưu chính</source>
        <translation>Results sent by post</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="80"/>
        <source>Kết quả bưu chính phát trong 24 giờ</source>
        <translation>Delivered by post within 24 hours</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="81"/>
        <source>Kết quả bưu chính phát quá 24 giờ</source>
        <translation>Delivered by post after 24 hours</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="82"/>
        <source>Kết quả bưu chính chưa phát, đã quá 24 giờ</source>
        <translation>Not delivered by post, over 24 hours</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="83"/>
        <source>Mới tiếp nhận</source>
        <translation>Newly received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="84"/>
        <source>Tiếp nhận</source>
        <translation>Reception</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="85"/>
        <source>Mới nhận</source>
        <translation>New</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="86"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="87"/>
        <source>Trực tiếp</source>
        <translation>In person</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="88"/>
        <source>Bưu chính</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="89"/>
        <source>Chuyển qua</source>
        <translation>Carried over</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="90"/>
        <source>Tổng số</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="91"/>
        <source>Tổng</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="92"/>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="93"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="94"/>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="95"/>
        <source>Đã trả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="96"/>
        <source>Rút, dừng xử lý</source>
        <translation>Withdrawn, stopped</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="97"/>
        <source>Trong hạn</source>
        <translation>Within deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="98"/>
        <source>Chờ bổ sung</source>
        <translation>Awaiting supplement</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="99"/>
        <source>Đến hạn trả</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="100"/>
        <source>Dưới 1</source>
        <translation>Under 1</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="101"/>
        <source>Thời gian giải quyết (ngày làm việc)</source>
        <translation>Processing time (working days)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="102"/>
        <source>1 – dưới 3</source>
        <translation>1 – under 3</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="103"/>
        <source>3 – dưới 5</source>
        <translation>3 – under 5</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="104"/>
        <source>5 – dưới 10</source>
        <translation>5 – under 10</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="105"/>
        <source>10 – dưới 20</source>
        <translation>10 – under 20</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="106"/>
        <source>Từ 20</source>
        <translation>20 or more</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="107"/>
        <source>Đã kiểm tra</source>
        <translation>Checked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="108"/>
        <source>Kiểm tra hồ sơ trực tuyến</source>
        <translation>Online dossier checks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="109"/>
        <source>Chờ kiểm tra, quá hạn</source>
        <translation>Waiting, overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="110"/>
        <source>Chờ, quá hạn</source>
        <translation>Waiting, overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="111"/>
        <source>Đã bàn giao</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="112"/>
        <source>Bàn giao hồ sơ</source>
        <translation>Hand-over</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="113"/>
        <source>Chờ bàn giao, quá hạn</source>
        <translation>Waiting, overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="114"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="115"/>
        <source>Trả kết quả qua bưu chính (24 giờ)</source>
        <translation>Results by post (24 hours)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="116"/>
        <source>Bưu chính (24 giờ)</source>
        <translation>Post (24 hours)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="117"/>
        <source>Phát đúng hạn</source>
        <translation>Delivered on time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="118"/>
        <source>Phát quá hạn</source>
        <translation>Delivered late</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="119"/>
        <source>Chưa phát, quá hạn</source>
        <translation>Not delivered, overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="120"/>
        <source>Tỷ lệ đúng hạn (%)</source>
        <translation>On-time rate (%)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="121"/>
        <source>% đúng hạn</source>
        <translation>% on time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="122"/>
        <source>Trung bình</source>
        <translation>Mean</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="123"/>
        <source>TB (ngày)</source>
        <translation>Mean (days)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="124"/>
        <source>Thời gian</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="125"/>
        <source>Ngày</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="126"/>
        <source>Cán bộ tiếp nhận</source>
        <translation>Receiving officer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="127"/>
        <source>Thủ tục hành chính</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="128"/>
        <source>Lĩnh vực</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="129"/>
        <source>Kênh tiếp nhận</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="130"/>
        <source>Tổng cộng</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="131"/>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="132"/>
        <source>Chuyển khoản (mã QR)</source>
        <translation>Bank transfer (QR code)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="133"/>
        <source>Thẻ</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="134"/>
        <source>Chuyển khoản (ngân hàng báo)</source>
        <translation>Bank transfer (bank notice)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="136"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="137"/>
        <source>Tuần này</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="138"/>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="139"/>
        <source>Quý này</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="175"/>
        <source>{0} ngày {1}</source>
        <translation>{0} on {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="193"/>
        <source>Trả ngay</source>
        <translation>At once</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/domain_words.py" line="195"/>
        <source>%n ngày làm việc</source>
        <translation>
            <numerusform>%n working day</numerusform>
            <numerusform>%n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/domain_words.py" line="196"/>
        <source>%n giờ làm việc</source>
        <translation>
            <numerusform>%n working hour</numerusform>
            <numerusform>%n working hours</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="210"/>
        <source>Tháng {0}/{1}</source>
        <translation>Month {0}/{1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="214"/>
        <source>Quý {0} năm {1}</source>
        <translation>Quarter {0} of {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="218"/>
        <source>Năm {0}</source>
        <translation>Year {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="220"/>
        <source>Ngày {0}</source>
        <translation>Day {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="221"/>
        <source>Từ ngày {0} đến ngày {1}</source>
        <translation>From {0} to {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="229"/>
        <source>ngày {0}</source>
        <translation>on {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="230"/>
        <source>từ ngày {0} đến ngày {1}</source>
        <translation>from {0} to {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/domain_words.py" line="241"/>
        <source>Quầy {0}</source>
        <translation>Counter {0}</translation>
    </message>
</context>
<context>
    <name>DossierDetail</name>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="233"/>
        <source>(chưa cấp mã)</source>
        <translation>(no code yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="236"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="238"/>
        <source> — MÃ TẠM</source>
        <translation> — PROVISIONAL</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="240"/>
        <source>Mã cũ</source>
        <translation>Earlier codes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="242"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="246"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="250"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="253"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="254"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="255"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="256"/>
        <source>Hẹn trả</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="257"/>
        <source>Có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="258"/>
        <source>Đã trả</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="265"/>
        <source>Thành phần hồ sơ</source>
        <translation>Documents in the dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="266"/>
        <source>Quá trình xử lý</source>
        <translation>Processing history</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="267"/>
        <source>Tệp đính kèm</source>
        <translation>Attached files</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="184"/>
        <source>{h} giờ {m:02d} phút</source>
        <translation>{h} h {m:02d} min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="197"/>
        <source>Trả qua bưu chính</source>
        <translation>Result by post</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="198"/>
        <source>Chưa gửi</source>
        <translation>Not sent yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="203"/>
        <source>Gửi bưu chính</source>
        <translation>Sent by post</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="206"/>
        <source>Hạn phát (24 giờ)</source>
        <translation>Delivery due (24 hours)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="210"/>
        <source>đúng hạn</source>
        <translation>on time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="212"/>
        <source>quá hạn 24 giờ</source>
        <translation>later than 24 hours</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="216"/>
        <source>Bưu chính đã phát</source>
        <translation>Delivered by post</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="223"/>
        <source>QUÁ HẠN {span}</source>
        <translation>OVERDUE by {span}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="225"/>
        <source>còn {span}</source>
        <translation>{span} left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="227"/>
        <source>Bưu chính chưa phát</source>
        <translation>Not yet delivered by post</translation>
    </message>
</context>
<context>
    <name>DossierTable</name>
    <message>
        <location filename="../../desktop/ui/dossier_table.py" line="42"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dossier_table.py" line="43"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dossier_table.py" line="44"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dossier_table.py" line="45"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dossier_table.py" line="46"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dossier_table.py" line="47"/>
        <source>Hẹn trả</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dossier_table.py" line="79"/>
        <source>(chưa cấp mã)</source>
        <translation>(no code yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dossier_table.py" line="81"/>
        <source> — MÃ TẠM</source>
        <translation> — PROVISIONAL</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/dossier_table.py" line="97"/>
        <source>Mã tạm: sẽ được thay bằng mã chính thức khi đồng bộ với máy chủ</source>
        <translation>Provisional code: replaced by an official one when the counter syncs with the server</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/drill_dialog.py" line="41"/>
        <source>%n hồ sơ</source>
        <translation>
            <numerusform>%n dossier</numerusform>
            <numerusform>%n dossiers</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/drill_dialog.py" line="42"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/drill_dialog.py" line="47"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/drill_dialog.py" line="48"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/drill_dialog.py" line="49"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/drill_dialog.py" line="50"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/drill_dialog.py" line="51"/>
        <source>Hẹn trả</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/drill_dialog.py" line="52"/>
        <source>Có kết quả</source>
        <translation>Result ready</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/drill_dialog.py" line="63"/>
        <source>(chưa cấp mã)</source>
        <translation>(no code yet)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/drill_dialog.py" line="76"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/drill_dialog.py" line="79"/>
        <source>Nhấp đúp để mở hồ sơ</source>
        <translation>Double-click to open a dossier</translation>
    </message>
</context>
<context>
    <name>ExemptDialog</name>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="449"/>
        <source>Miễn phí, lệ phí — {0}</source>
        <translation>Fee exemption — {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="450"/>
        <source>Miễn phí (Enter)</source>
        <translation>Exempt (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="452"/>
        <source>Căn cứ miễn, ví dụ: người có công với cách mạng</source>
        <translation>Legal ground, e.g. a person with merit to the revolution</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="454"/>
        <source>Căn cứ miễn phí, lệ phí</source>
        <translation>Ground for the exemption</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="470"/>
        <source>Đã ghi miễn phí, lệ phí cho hồ sơ {0}.</source>
        <translation>Dossier {0} exempted from fees.</translation>
    </message>
</context>
<context>
    <name>FeeActions</name>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="525"/>
        <source>Thu phí (Ctrl+T)</source>
        <translation>Take fee (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="526"/>
        <source>Miễn phí, lệ phí…</source>
        <translation>Exempt from fees…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="527"/>
        <source>Hoàn trả phí…</source>
        <translation>Refund fee…</translation>
    </message>
</context>
<context>
    <name>FeeQuantities</name>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="329"/>
        <source>{0} ({1}/{2}) ×</source>
        <translation>{0} ({1} per {2}) ×</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="361"/>
        <source>Tổng phí, lệ phí: &lt;b&gt;{0}&lt;/b&gt;</source>
        <translation>Fees due: &lt;b&gt;{0}&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>FeeText</name>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="82"/>
        <source>Đã nộp một phần, còn {0} đồng</source>
        <translation>Partly paid, {0} đồng left to pay</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="84"/>
        <source>Miễn phí, lệ phí: {0}</source>
        <translation>Exempt from fees: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="88"/>
        <location filename="../../desktop/ui/payment_dialog.py" line="100"/>
        <source>Không thu phí</source>
        <translation>No fee</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="89"/>
        <source>Chưa nộp phí</source>
        <translation>Fee not paid</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="90"/>
        <source>Đã nộp đủ phí</source>
        <translation>Fee paid in full</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="99"/>
        <location filename="../../desktop/ui/payment_dialog.py" line="104"/>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="105"/>
        <source>Đã nộp</source>
        <translation>Paid</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="106"/>
        <source>Còn phải nộp</source>
        <translation>Left to pay</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="107"/>
        <source>Tình trạng phí</source>
        <translation>Fee status</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="159"/>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="174"/>
        <source>Hồ sơ {0} — {1}</source>
        <translation>Dossier {0} — {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="177"/>
        <source>Phí, lệ phí {0} · đã nộp {1} · còn phải nộp {2}</source>
        <translation>Fee {0} · paid {1} · left to pay {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="204"/>
        <source>Đang ghi…</source>
        <translation>Recording…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="224"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="230"/>
        <source>Đã ghi.</source>
        <translation>Recorded.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="436"/>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="437"/>
        <source>Chuyển khoản QR</source>
        <translation>QR bank transfer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="438"/>
        <source>Thẻ</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="439"/>
        <source>Chuyển khoản (ngân hàng báo)</source>
        <translation>Bank transfer (reported by the bank)</translation>
    </message>
</context>
<context>
    <name>FeedbackScreen</name>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="52"/>
        <source>Tại quầy</source>
        <translation>At the counter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="53"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="54"/>
        <source>Văn bản</source>
        <translation>Letter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="55"/>
        <source>Thư điện tử</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="56"/>
        <source>Fax</source>
        <translation>Fax</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="59"/>
        <source>Đang xử lý</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="60"/>
        <source>Đã trả lời, chờ công khai</source>
        <translation>Answered, to be published</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="61"/>
        <location filename="../../desktop/ui/feedback_view.py" line="134"/>
        <source>Đã công khai</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="70"/>
        <source>Mã</source>
        <translation>ID</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="71"/>
        <source>Thời hạn</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="72"/>
        <source>Hạn tiếp theo</source>
        <translation>Next due</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="73"/>
        <source>Trạng thái</source>
        <translation>State</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="74"/>
        <source>Người phản ánh</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="75"/>
        <source>Nhận lúc</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="76"/>
        <source>Kênh</source>
        <translation>Channel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="77"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="78"/>
        <source>Nội dung</source>
        <translation>Text</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="95"/>
        <source>Chỉ phản ánh chưa trả lời</source>
        <translation>Only unanswered feedback</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="97"/>
        <source>Làm mới (Ctrl+R)</source>
        <translation>Refresh (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="108"/>
        <source>điện thoại</source>
        <translation>phone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="111"/>
        <source>mã hồ sơ, nếu phản ánh về một hồ sơ</source>
        <translation>dossier code, if it is about a dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="119"/>
        <source>nội dung phản ánh, kiến nghị</source>
        <translation>the feedback or complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="122"/>
        <source>Ghi nhận phản ánh</source>
        <translation>Record feedback</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="129"/>
        <source>tình hình xử lý, hoặc kết quả trả lời</source>
        <translation>progress, or the answer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="132"/>
        <source>Cập nhật tiến độ</source>
        <translation>Update progress</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="133"/>
        <source>Ghi trả lời</source>
        <translation>Record answer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="159"/>
        <source>Ghi nhận phản ánh, kiến nghị mới</source>
        <translation>New feedback or complaint</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="167"/>
        <source>Người phản ánh:</source>
        <translation>From:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="168"/>
        <source>Kênh, nhận lúc:</source>
        <translation>Channel, received:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="169"/>
        <source>Hồ sơ:</source>
        <translation>Dossier:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="170"/>
        <source>Nội dung:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="173"/>
        <source>Phản ánh đang chọn</source>
        <translation>Selected feedback</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="224"/>
        <source>Trả lời trong 15 ngày làm việc kể từ ngày nhận; quá hạn thì cập nhật tiến độ mỗi 5 ngày làm việc; có kết quả thì công khai trong 2 ngày làm việc — căn cứ: {0}</source>
        <translation>Answer within 15 working days of receipt; when late, update the progress every 5 working days; publish the answer within 2 working days — source: {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/feedback_view.py" line="294"/>
        <source>%n phản ánh · {0} đang xử lý</source>
        <translation>
            <numerusform>%n item · {0} in progress</numerusform>
            <numerusform>%n items · {0} in progress</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="297"/>
        <source>Không có phản ánh nào chờ trả lời.</source>
        <translation>No feedback waits for an answer.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="299"/>
        <source>Chưa có phản ánh, kiến nghị nào.</source>
        <translation>No feedback or complaint recorded yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="302"/>
        <source> · {0} quá hạn</source>
        <translation> · {0} overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="312"/>
        <source>Đã xong</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="317"/>
        <source>Quá hạn trả lời {0} ngày làm việc</source>
        <translation>Answer overdue by {0} working days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="319"/>
        <source>, chưa cập nhật tiến độ</source>
        <translation>, progress not updated</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="321"/>
        <source>trả lời</source>
        <translation>answer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="321"/>
        <source>công khai</source>
        <translation>publication</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="323"/>
        <source>Quá hạn {0}</source>
        <translation>{0} overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="327"/>
        <source>Sắp hết hạn {0}: hôm nay</source>
        <translation>{0} due soon: today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="328"/>
        <source>Sắp hết hạn {0}: còn {1} ngày</source>
        <translation>{0} due soon: {1} days left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="329"/>
        <source>Hạn {0}: còn {1} ngày làm việc</source>
        <translation>{0}: {1} working days left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="347"/>
        <source>Chưa chọn phản ánh nào</source>
        <translation>No feedback selected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="349"/>
        <source>{0} — {1}</source>
        <translation>{0} — {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="351"/>
        <source>Trả lời: {0}</source>
        <translation>Answer: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="353"/>
        <source>Máy chủ tỉnh không nhận: {0}</source>
        <translation>Refused by the provincial server: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="355"/>
        <source>Chưa gửi lên máy chủ tỉnh</source>
        <translation>Not sent to the provincial server yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="375"/>
        <source>Đang ghi nhận phản ánh…</source>
        <translation>Recording the feedback…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="380"/>
        <source>Đã ghi nhận phản ánh {0}; hạn trả lời {1}.</source>
        <translation>Feedback {0} recorded; answer due {1}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="390"/>
        <source>Đã cập nhật tiến độ phản ánh {0}.</source>
        <translation>Progress of feedback {0} updated.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="397"/>
        <source>Đã ghi kết quả trả lời phản ánh {0}; công khai trước {1}.</source>
        <translation>Answer to feedback {0} recorded; publish it by {1}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="404"/>
        <source>Đã ghi nhận công khai kết quả phản ánh {0}.</source>
        <translation>Publication of the answer to feedback {0} recorded.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/feedback_view.py" line="423"/>
        <source>Đang ghi…</source>
        <translation>Saving…</translation>
    </message>
</context>
<context>
    <name>HandoverView</name>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="54"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="55"/>
        <source>Đơn vị nhận</source>
        <translation>Receiving unit</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="56"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="57"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="58"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="59"/>
        <source>Hạn bàn giao</source>
        <translation>Hand-over due</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="60"/>
        <source>Thời gian còn lại</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="83"/>
        <source>Đơn vị nhận:</source>
        <translation>Receiving unit:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="87"/>
        <source>Làm mới (Ctrl+R)</source>
        <translation>Refresh (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="95"/>
        <source>Chọn cả đơn vị đang lọc (Ctrl+A)</source>
        <translation>Tick the unit&apos;s dossiers (Ctrl+A)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="97"/>
        <source>Bỏ chọn</source>
        <translation>Untick all</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="100"/>
        <source>Bàn giao và in phiếu (Ctrl+Enter)</source>
        <translation>Hand over and print the record (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="180"/>
        <source>Hạn bàn giao hồ sơ cho bộ phận chuyên môn</source>
        <translation>Deadline to hand dossiers to the specialist unit</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/handover_view.py" line="226"/>
        <source>Tất cả đơn vị (%n hồ sơ)</source>
        <translation>
            <numerusform>All units (%n dossier)</numerusform>
            <numerusform>All units (%n dossiers)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/handover_view.py" line="229"/>
        <source>{0} (%n hồ sơ)</source>
        <translation>
            <numerusform>{0} (%n dossier)</numerusform>
            <numerusform>{0} (%n dossiers)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/handover_view.py" line="271"/>
        <source>%n hồ sơ chờ bàn giao</source>
        <translation>
            <numerusform>%n dossier to hand over</numerusform>
            <numerusform>%n dossiers to hand over</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="273"/>
        <source>Không có hồ sơ nào chờ bàn giao cho bộ phận chuyên môn.</source>
        <translation>Nothing waits to be handed to a specialist unit.</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/handover_view.py" line="335"/>
        <source>Đã chọn %n hồ sơ cho {0}</source>
        <translation>
            <numerusform>%n dossier ticked for {0}</numerusform>
            <numerusform>%n dossiers ticked for {0}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/handover_view.py" line="337"/>
        <source>Đã chọn %n hồ sơ của {0} đơn vị</source>
        <translation>
            <numerusform>%n dossier ticked from {0} units</numerusform>
            <numerusform>%n dossiers ticked from {0} units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/handover_view.py" line="367"/>
        <source>Đang bàn giao %n hồ sơ cho {0}…</source>
        <translation>
            <numerusform>Handing %n dossier over to {0}…</numerusform>
            <numerusform>Handing %n dossiers over to {0}…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/handover_view.py" line="373"/>
        <source>Đã bàn giao %n hồ sơ cho {0} lúc {1}.</source>
        <translation>
            <numerusform>Handed %n dossier over to {0} at {1}.</numerusform>
            <numerusform>Handed %n dossiers over to {0} at {1}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/handover_view.py" line="377"/>
        <source>%n hồ sơ bàn giao trễ hạn.</source>
        <translation>
            <numerusform>%n handed over late.</numerusform>
            <numerusform>%n handed over late.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="275"/>
        <source> · {0} quá hạn</source>
        <translation> · {0} overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="333"/>
        <source>Chưa chọn hồ sơ nào (Space để chọn)</source>
        <translation>No dossier ticked (Space ticks)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/handover_view.py" line="355"/>
        <source>Các hồ sơ đã chọn thuộc {0} đơn vị khác nhau ({1}): mỗi phiếu bàn giao chỉ dành cho một đơn vị. Hãy lọc theo một đơn vị rồi chọn lại.</source>
        <translation>The ticked dossiers belong to {0} different units ({1}): a hand-over record is for one unit only. Filter by one unit and tick again.</translation>
    </message>
</context>
<context>
    <name>IncidentFormPanel</name>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="34"/>
        <source>Kính gửi</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="35"/>
        <source>Người yêu cầu</source>
        <translation>Requested by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="36"/>
        <source>Chức vụ</source>
        <translation>Position</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="37"/>
        <source>Cơ quan</source>
        <translation>Agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="38"/>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="39"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="40"/>
        <source>Dịch vụ bị ảnh hưởng</source>
        <translation>Affected service</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="43"/>
        <source>Mô tả sự cố</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="44"/>
        <source>Đề xuất</source>
        <translation>Proposal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="75"/>
        <source>Diễn biến</source>
        <translation>Timeline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="77"/>
        <source>Lưu phiếu</source>
        <translation>Save the form</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="78"/>
        <source>In phiếu yêu cầu (A4)</source>
        <translation>Print the request (A4)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="81"/>
        <source>Đã gửi phiếu cho đơn vị xử lý</source>
        <translation>Request sent to the IT department</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="96"/>
        <source>Gửi lúc</source>
        <translation>Sent at</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_form_panel.py" line="121"/>
        <source>Lỗi ghi nhận:</source>
        <translation>Errors recorded:</translation>
    </message>
</context>
<context>
    <name>IncidentScreen</name>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="59"/>
        <source>Sự cố kết nối và khóa sổ</source>
        <translation>Connection incidents and closing the day</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="60"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="61"/>
        <location filename="../../desktop/ui/incident_view.py" line="81"/>
        <source>Khóa sổ cuối ngày…</source>
        <translation>Close the day…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="63"/>
        <source>Số</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="63"/>
        <source>Bắt đầu</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="63"/>
        <source>Kéo dài</source>
        <translation>Duration</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="69"/>
        <source>Chưa có sự cố nào. Khi quầy mất kết nối với máy chủ tỉnh lâu hơn thời gian cho phép, sự cố được ghi tại đây.</source>
        <translation>No incidents. When the counter loses the provincial server for longer than the grace period, the incident is recorded here.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="79"/>
        <source>Kiểm tra lại</source>
        <translation>Check again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="93"/>
        <location filename="../../desktop/ui/incident_view.py" line="108"/>
        <location filename="../../desktop/ui/incident_view.py" line="118"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="94"/>
        <location filename="../../desktop/ui/incident_view.py" line="119"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="95"/>
        <location filename="../../desktop/ui/incident_view.py" line="120"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="96"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="97"/>
        <location filename="../../desktop/ui/incident_view.py" line="121"/>
        <source>Hẹn trả</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="98"/>
        <source>Chờ gửi</source>
        <translation>To send</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="105"/>
        <source>Họ tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="106"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="107"/>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="109"/>
        <location filename="../../desktop/ui/incident_view.py" line="218"/>
        <source>Hẹn mới</source>
        <translation>New date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="110"/>
        <location filename="../../desktop/ui/incident_view.py" line="220"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="114"/>
        <source>Xuất CSV để nhắn tin…</source>
        <translation>Export CSV for SMS…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="122"/>
        <source>Hẹn mới đề xuất</source>
        <translation>Proposed new date</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="131"/>
        <source>Hẹn lại và in Mẫu 04</source>
        <translation>Reschedule and print Form 04</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="138"/>
        <source>In báo cáo sau sự cố</source>
        <translation>Print the catch-up report</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="143"/>
        <source>Phiếu yêu cầu</source>
        <translation>Request form</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="144"/>
        <source>Hồ sơ khi mất mạng</source>
        <translation>Received offline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="145"/>
        <source>Công dân cần báo</source>
        <translation>Citizens to notify</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="146"/>
        <source>Hẹn bị ảnh hưởng</source>
        <translation>Affected dates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="147"/>
        <source>Sau sự cố</source>
        <translation>Catch-up</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="307"/>
        <source>&lt;b style=&apos;color:#b00020&apos;&gt;đang diễn ra&lt;/b&gt;</source>
        <translation>&lt;b style=&apos;color:#b00020&apos;&gt;ongoing&lt;/b&gt;</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="309"/>
        <source>đã kết thúc lúc {0}</source>
        <translation>ended at {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="313"/>
        <source>&lt;b&gt;Sự cố số {0}&lt;/b&gt; — {1}. Bắt đầu {2}, kéo dài {3}. Nguyên nhân: {4} ({5} lần lỗi).</source>
        <translation>&lt;b&gt;Incident {0}&lt;/b&gt; — {1}. Started {2}, lasted {3}. Cause: {4} ({5} failures).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="337"/>
        <source>Chưa gửi phiếu yêu cầu tới {0}.</source>
        <translation>No request sent to {0} yet.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="340"/>
        <source>Đơn vị xử lý phản hồi thời gian khắc phục trong {0} giờ kể từ khi nhận.</source>
        <translation>They answer with a repair time within {0} hours of receiving it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="345"/>
        <source>Đã gửi phiếu tới {0} lúc {1}; đã QUÁ HẠN phản hồi ({2}) — liên hệ lại đơn vị xử lý.</source>
        <translation>Request sent to {0} at {1}; the answer is OVERDUE ({2}) — contact them again.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="350"/>
        <source>không quy định</source>
        <translation>not set</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="351"/>
        <source>Đã gửi phiếu tới {0} lúc {1}; hạn phản hồi: {2}.</source>
        <translation>Request sent to {0} at {1}; answer due: {2}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="363"/>
        <source> (mã tạm)</source>
        <translation> (provisional)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="380"/>
        <source> (trước: {0})</source>
        <translation> (was: {0})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="401"/>
        <source>Hồ sơ khi mất mạng ({0})</source>
        <translation>Received offline ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="402"/>
        <source>Công dân cần báo ({0})</source>
        <translation>Citizens to notify ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="403"/>
        <source>Hẹn bị ảnh hưởng ({0})</source>
        <translation>Affected dates ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="425"/>
        <source>Sự cố chưa kết thúc. Khi quầy kết nối lại, hàng đợi tự gửi đi và báo cáo sau sự cố được lập tại đây.</source>
        <translation>The incident is not over. When the counter reconnects, the queue sends itself and the catch-up report appears here.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="432"/>
        <source>&lt;b&gt;Báo cáo đồng bộ sau sự cố số {0}&lt;/b&gt; ({1})</source>
        <translation>&lt;b&gt;Catch-up report for incident {0}&lt;/b&gt; ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="433"/>
        <source>đã hoàn tất</source>
        <translation>complete</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="433"/>
        <source>đang cập nhật</source>
        <translation>updating</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="435"/>
        <source>Thao tác đã gửi: {0} (của {1} hồ sơ); tệp đính kèm đã tải lên: {2}</source>
        <translation>Actions sent: {0} (of {1} dossiers); attachments uploaded: {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="439"/>
        <source>Trùng (máy chủ đã có): {0}; bị từ chối: {1}; xung đột: {2}; còn chờ gửi: {3}</source>
        <translation>Duplicates (already on the server): {0}; refused: {1}; conflicts: {2}; still to send: {3}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="443"/>
        <source>Mã tạm đã được thay — cấp lại giấy tiếp nhận cho công dân:</source>
        <translation>Provisional codes replaced — give these citizens a new receipt:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="449"/>
        <source>Không có mã tạm nào phải thay.</source>
        <translation>No provisional code had to be replaced.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="457"/>
        <source>{0} giờ {1} phút</source>
        <translation>{0} h {1} min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="458"/>
        <source>{0} phút</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="462"/>
        <source>Đang xử lý…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="481"/>
        <source>Đã lưu phiếu yêu cầu</source>
        <translation>Request form saved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="507"/>
        <source>Đã ghi nhận thời điểm gửi phiếu</source>
        <translation>The time the request was sent is recorded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="515"/>
        <source>Lưu danh sách công dân cần báo</source>
        <translation>Save the citizens to notify</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="528"/>
        <source>Đã lưu {0} công dân vào {1}</source>
        <translation>{0} citizens saved to {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/incident_view.py" line="547"/>
        <source>Đã hẹn lại hồ sơ {0} vào {1}.</source>
        <translation>Dossier {0} rescheduled to {1}.</translation>
    </message>
</context>
<context>
    <name>LoginView</name>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="94"/>
        <location filename="../../desktop/ui/login_view.py" line="153"/>
        <location filename="../../desktop/ui/login_view.py" line="204"/>
        <location filename="../../desktop/ui/login_view.py" line="260"/>
        <source>Đăng nhập quầy</source>
        <translation>Counter sign-in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="103"/>
        <location filename="../../desktop/ui/login_view.py" line="159"/>
        <source>Quầy Một Cửa, phiên bản {0}</source>
        <translation>Quầy Một Cửa (one-stop counter), version {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="107"/>
        <location filename="../../desktop/ui/login_view.py" line="155"/>
        <source>tên đăng nhập</source>
        <translation>user name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="110"/>
        <location filename="../../desktop/ui/login_view.py" line="156"/>
        <source>mật khẩu</source>
        <translation>password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="111"/>
        <location filename="../../desktop/ui/login_view.py" line="157"/>
        <source>Đăng nhập</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="113"/>
        <location filename="../../desktop/ui/login_view.py" line="158"/>
        <source>Đăng nhập tài khoản khác</source>
        <translation>Sign in as someone else</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="117"/>
        <location filename="../../desktop/ui/login_view.py" line="160"/>
        <source>Tên đăng nhập</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="118"/>
        <location filename="../../desktop/ui/login_view.py" line="161"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="153"/>
        <location filename="../../desktop/ui/login_view.py" line="189"/>
        <source>Màn hình đã khóa</source>
        <translation>Screen locked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="195"/>
        <source>Quầy tự khóa khi không dùng. {0} nhập mật khẩu để tiếp tục.</source>
        <translation>The counter locked itself while idle. {0}, enter your password to continue.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="197"/>
        <source>{0} đã khóa màn hình. Nhập mật khẩu để tiếp tục.</source>
        <translation>{0} locked the screen. Enter the password to go on.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="218"/>
        <source>Nhập tên đăng nhập và mật khẩu</source>
        <translation>Enter your user name and password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="222"/>
        <source>Đang kiểm tra…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="242"/>
        <source>Cần đổi mật khẩu trước khi làm việc</source>
        <translation>You must change your password before working</translation>
    </message>
</context>
<context>
    <name>LookupView</name>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="50"/>
        <source>Mã hồ sơ, số CCCD/CMND, họ tên hoặc số điện thoại…</source>
        <translation>Dossier code, ID number, name or phone number…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="63"/>
        <source>In lại giấy tiếp nhận</source>
        <translation>Reprint the receipt</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/lookup_view.py" line="133"/>
        <source>%n hồ sơ</source>
        <translation>
            <numerusform>%n dossier</numerusform>
            <numerusform>%n dossiers</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/lookup_view.py" line="135"/>
        <source>%n hồ sơ gần nhất</source>
        <translation>
            <numerusform>%n most recent dossier</numerusform>
            <numerusform>%n most recent dossiers</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/lookup_view.py" line="139"/>
        <source>Không tìm thấy hồ sơ nào phù hợp.</source>
        <translation>No matching dossier found.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="164"/>
        <location filename="../../desktop/ui/main_window.py" line="455"/>
        <source>Quầy Một Cửa</source>
        <translation>One-Stop Counter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="167"/>
        <source>Đang mở dữ liệu của quầy…</source>
        <translation>Opening the counter’s data…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="194"/>
        <location filename="../../desktop/ui/main_window.py" line="458"/>
        <source>Màn hình cho người dân (Ctrl+Shift+M)</source>
        <translation>Citizen display (Ctrl+Shift+M)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="176"/>
        <location filename="../../desktop/ui/main_window.py" line="456"/>
        <source>Khóa màn hình (Ctrl+L)</source>
        <translation>Lock screen (Ctrl+L)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="177"/>
        <location filename="../../desktop/ui/main_window.py" line="457"/>
        <source>Đăng xuất</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="290"/>
        <location filename="../../desktop/ui/main_window.py" line="326"/>
        <source>Quầy Một Cửa — {0}</source>
        <translation>One-Stop Counter — {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="467"/>
        <source>Chưa mở được dữ liệu của quầy.
{0}</source>
        <translation>Could not open the counter’s data.
{0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="590"/>
        <source>trực tuyến</source>
        <translation>online</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="590"/>
        <source>tại quầy</source>
        <translation>offline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="610"/>
        <source>Tiếp nhận (F3)</source>
        <translation>Reception (F3)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="612"/>
        <source>Tra cứu (F4)</source>
        <translation>Look-up (F4)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="618"/>
        <source>Trả kết quả (F6)</source>
        <translation>Returns (F6)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="621"/>
        <source>Thống kê (F7)</source>
        <translation>Statistics (F7)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="624"/>
        <source>Sự cố (F9)</source>
        <translation>Incidents (F9)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="634"/>
        <source>Phản ánh, kiến nghị (F11)</source>
        <translation>Feedback and complaints (F11)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="637"/>
        <source>Cài đặt</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="615"/>
        <source>Hồ sơ trực tuyến (F5)</source>
        <translation>Online dossiers (F5)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="309"/>
        <source>CẢNH BÁO: chỉ để chạy thử — khóa của quầy nằm trong tệp không được bảo vệ ({0}=1).</source>
        <translation>WARNING: for trying out only — the counter&apos;s keys are in an unprotected file ({0}=1).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="627"/>
        <source>Bàn giao (F10)</source>
        <translation>Hand-over (F10)</translation>
    </message>
</context>
<context>
    <name>OnlineView</name>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="118"/>
        <location filename="../../desktop/ui/online_view.py" line="363"/>
        <location filename="../../desktop/ui/online_view.py" line="380"/>
        <source>Mã hồ sơ</source>
        <translation>Dossier code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="119"/>
        <location filename="../../desktop/ui/online_view.py" line="364"/>
        <location filename="../../desktop/ui/online_view.py" line="381"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="120"/>
        <location filename="../../desktop/ui/online_view.py" line="365"/>
        <location filename="../../desktop/ui/online_view.py" line="384"/>
        <source>Người nộp</source>
        <translation>Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="121"/>
        <location filename="../../desktop/ui/online_view.py" line="382"/>
        <source>Nộp lúc</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="122"/>
        <location filename="../../desktop/ui/online_view.py" line="366"/>
        <location filename="../../desktop/ui/online_view.py" line="383"/>
        <source>Hạn kiểm tra</source>
        <translation>Check due</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="123"/>
        <source>Thời gian còn lại</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="124"/>
        <location filename="../../desktop/ui/online_view.py" line="392"/>
        <source>Đang xử lý</source>
        <translation>Held by</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="144"/>
        <source>Làm mới (Ctrl+R)</source>
        <translation>Refresh (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="152"/>
        <source>Tiếp nhận — Mẫu 01 (Ctrl+1)</source>
        <translation>Accept — Form 01 (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="156"/>
        <source>Yêu cầu bổ sung — Mẫu 02 (Ctrl+2)</source>
        <translation>Ask for documents — Form 02 (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="159"/>
        <source>Từ chối — Mẫu 03 (Ctrl+3)</source>
        <translation>Refuse — Form 03 (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="162"/>
        <source>Nhường quầy khác (Ctrl+4)</source>
        <translation>Leave to another counter (Ctrl+4)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="239"/>
        <source>Hạn kiểm tra hồ sơ trực tuyến</source>
        <translation>Deadline to check an online dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="282"/>
        <source>quầy này ({0})</source>
        <translation>this counter ({0})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="284"/>
        <source>đang xử lý tại {0}</source>
        <translation>being checked at {0}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/online_view.py" line="307"/>
        <source>%n hồ sơ chờ kiểm tra</source>
        <translation>
            <numerusform>%n dossier to check</numerusform>
            <numerusform>%n dossiers to check</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="309"/>
        <source> · {0} quá hạn</source>
        <translation> · {0} overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="331"/>
        <source>Không có hồ sơ trực tuyến nào chờ kiểm tra.</source>
        <translation>No online dossier is waiting to be checked.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="367"/>
        <location filename="../../desktop/ui/online_view.py" line="404"/>
        <source>Tệp đính kèm</source>
        <translation>Attached files</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="372"/>
        <source>Nhấn Enter để mở hồ sơ và kiểm tra.</source>
        <translation>Press Enter to open the dossier and check it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="385"/>
        <source>Số CCCD/CMND</source>
        <translation>ID card number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="386"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="387"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="388"/>
        <source>Điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="389"/>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="397"/>
        <source>Thành phần hồ sơ</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="409"/>
        <source>{0} KB</source>
        <translation>{0} KB</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="416"/>
        <source>Không có tệp nào.</source>
        <translation>No files.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="420"/>
        <source>Quá trình xử lý</source>
        <translation>History</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="450"/>
        <source>Đang nhận kiểm tra và tiếp nhận hồ sơ {0}…</source>
        <translation>Taking dossier {0} to check and accepting it…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="458"/>
        <source>Yêu cầu bổ sung hồ sơ {0} (Mẫu 02)</source>
        <translation>Ask for documents for dossier {0} (Form 02)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="459"/>
        <source>Nội dung cần bổ sung</source>
        <translation>What must be added</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="461"/>
        <source>Từ chối hồ sơ {0} (Mẫu 03)</source>
        <translation>Refuse dossier {0} (Form 03)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="462"/>
        <source>Lý do từ chối</source>
        <translation>Reason for refusal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="488"/>
        <source>Đang ghi yêu cầu bổ sung hồ sơ {0}…</source>
        <translation>Recording the request for documents for dossier {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="498"/>
        <source>Đang ghi từ chối hồ sơ {0}…</source>
        <translation>Recording the refusal of dossier {0}…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="509"/>
        <source>Đang trả lại hồ sơ {0}…</source>
        <translation>Giving dossier {0} back…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="514"/>
        <source>Đã trả lại hồ sơ {0}: quầy khác có thể kiểm tra.</source>
        <translation>Dossier {0} given back: another counter may check it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="525"/>
        <source>Đã tiếp nhận hồ sơ {0} — hẹn trả {1}.</source>
        <translation>Dossier {0} accepted — result due {1}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="527"/>
        <source>Đã yêu cầu bổ sung hồ sơ {0} (Mẫu 02).</source>
        <translation>Documents requested for dossier {0} (Form 02).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="529"/>
        <source>Đã từ chối hồ sơ {0} (Mẫu 03).</source>
        <translation>Dossier {0} refused (Form 03).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/online_view.py" line="530"/>
        <source>Đang in…</source>
        <translation>Printing…</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <location filename="../../desktop/ui/operations.py" line="58"/>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="45"/>
        <source>Đổi mật khẩu</source>
        <translation>Change password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="48"/>
        <source>Tài khoản {0} đăng nhập lần đầu: hãy đặt mật khẩu của riêng mình (ít nhất 8 ký tự, có cả chữ và số) và không chia sẻ cho người khác.</source>
        <translation>Account {0} is signing in for the first time: choose your own password (at least 8 characters, letters and digits) and never share it.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="60"/>
        <source>Mật khẩu mới</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="61"/>
        <source>Nhập lại</source>
        <translation>Repeat</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="75"/>
        <source>Hai lần nhập không giống nhau</source>
        <translation>The two entries differ</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/login_view.py" line="78"/>
        <source>Mật khẩu cần ít nhất 8 ký tự</source>
        <translation>The password needs at least 8 characters</translation>
    </message>
</context>
<context>
    <name>PaymentDialog</name>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="261"/>
        <source>Thu phí, lệ phí — {0}</source>
        <translation>Fee payment — {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="264"/>
        <source>Thu phí và in biên lai (Enter)</source>
        <translation>Take payment and print receipt (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="265"/>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="266"/>
        <source>Chuyển khoản QR</source>
        <translation>QR bank transfer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="267"/>
        <source>Thẻ</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="279"/>
        <source>Mã giao dịch trên điện thoại hoặc hóa đơn thẻ</source>
        <translation>Transaction reference on the phone or the card slip</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="284"/>
        <source>Mã QR chuyển khoản (VietQR) — không phải mã tra cứu hồ sơ</source>
        <translation>Bank transfer QR code (VietQR) — not the dossier look-up code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="298"/>
        <source>Cơ quan chưa khai báo tài khoản nhận phí (Cài đặt): chỉ thu được bằng tiền mặt hoặc thẻ.</source>
        <translation>The office has no fee account set (Settings): only cash or card can be taken.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="316"/>
        <source>Hình thức</source>
        <translation>Method</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="317"/>
        <source>Số tiền (đồng)</source>
        <translation>Amount (đồng)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="318"/>
        <source>Mã giao dịch</source>
        <translation>Transaction reference</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="372"/>
        <source>Nhập số tiền để hiện mã QR.</source>
        <translation>Enter the amount to show the QR code.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="391"/>
        <source>Ngân hàng: {0}</source>
        <translation>Bank: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="392"/>
        <source>Số tài khoản: {0}</source>
        <translation>Account number: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="393"/>
        <source>Chủ tài khoản: {0}</source>
        <translation>Account holder: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="394"/>
        <source>Số tiền: {0}</source>
        <translation>Amount: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="395"/>
        <source>Nội dung: {0}</source>
        <translation>Transfer content: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="417"/>
        <source>Số tiền phải là số nguyên (đồng)</source>
        <translation>The amount must be a whole number of đồng</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="425"/>
        <source>Đã thu {0} ({1}), biên lai số {2}. {3}.</source>
        <translation>Received {0} ({1}), receipt no. {2}. {3}.</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <location filename="../../desktop/ui/preview.py" line="101"/>
        <source>Mũi tên, PgUp/PgDn: cuộn xem hết phiếu</source>
        <translation>Arrows, PgUp/PgDn: scroll through the whole slip</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preview.py" line="103"/>
        <source>In (Enter)</source>
        <translation>Print (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preview.py" line="106"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preview.py" line="124"/>
        <source>máy in nhiệt “{0}” ({1})</source>
        <translation>receipt printer “{0}” ({1})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preview.py" line="126"/>
        <source>máy in nhiệt: chưa cài đặt (phiếu chờ trong hàng đợi in)</source>
        <translation>receipt printer: not set up (the slip waits in the print queue)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preview.py" line="128"/>
        <source>A4: máy in “{0}”</source>
        <translation>A4: printer “{0}”</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preview.py" line="130"/>
        <source>A4: lưu tệp PDF (chưa đặt máy in A4)</source>
        <translation>A4: saved as a PDF file (no A4 printer set)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/preview.py" line="131"/>
        <source>In ra: {0}</source>
        <translation>Prints on: {0}</translation>
    </message>
</context>
<context>
    <name>PrintOutcome</name>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="23"/>
        <source>Giấy tiếp nhận {0}</source>
        <translation>Receipt {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="24"/>
        <source>Phiếu kiểm soát {0}</source>
        <translation>Control slip {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="25"/>
        <source>Phiếu yêu cầu bổ sung {0}</source>
        <translation>Supplement request {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="26"/>
        <source>Phiếu từ chối {0}</source>
        <translation>Rejection notice {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="27"/>
        <source>Phiếu xin lỗi và hẹn lại {0}</source>
        <translation>Apology and new appointment {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="30"/>
        <source>Phiếu yêu cầu xử lý sự cố số {0}</source>
        <translation>Incident request no. {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="33"/>
        <source>Báo cáo đồng bộ sau sự cố số {0}</source>
        <translation>Catch-up report for incident no. {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="36"/>
        <source>Sổ theo dõi hồ sơ ngày {0}</source>
        <translation>Register book of {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="37"/>
        <source>In thử</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="45"/>
        <source>Đã in {0} ra {1}</source>
        <translation>Printed {0} on {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="49"/>
        <source>Đã gửi {0} tới máy in A4 {1}</source>
        <translation>Sent {0} to the A4 printer {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="53"/>
        <source>{0}: {1} — phiếu chờ trong hàng đợi in</source>
        <translation>{0}: {1} — the slip waits in the print queue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="57"/>
        <source>Quầy chưa cài máy in phiếu (Cài đặt → Máy in)</source>
        <translation>The counter has no receipt printer (Settings → Printer)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="63"/>
        <source>Đã lưu {0}</source>
        <translation>Saved {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="73"/>
        <source>Không có gì được in</source>
        <translation>Nothing was printed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="28"/>
        <source>Phiếu bàn giao hồ sơ {0}</source>
        <translation>Dossier hand-over record {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/print_text.py" line="29"/>
        <source>Biên lai thu phí, lệ phí {0}</source>
        <translation>Fee receipt {0}</translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="64"/>
        <source>Tìm thủ tục theo tên (không cần dấu) hoặc mã…</source>
        <translation>Find a procedure by name (accents optional) or code…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="75"/>
        <source>Chưa có thủ tục nào được chọn trong danh sách</source>
        <translation>No procedure highlighted in the list</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="87"/>
        <location filename="../../desktop/ui/reception_parts.py" line="118"/>
        <source>Chưa chọn thủ tục</source>
        <translation>No procedure chosen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="135"/>
        <source>Không có thủ tục nào khớp</source>
        <translation>No procedure matches</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="140"/>
        <source>(nếu có)</source>
        <translation>(if any)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="146"/>
        <source>Mã {0} · Thời hạn: {1} · Phí, lệ phí: {2}</source>
        <translation>Code {0} · Time limit: {1} · Fees: {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="150"/>
        <source>Giấy tờ cần nộp:</source>
        <translation>Documents required:</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="156"/>
        <source>không thu phí</source>
        <translation>no fee</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="190"/>
        <source>Đã chọn &lt;b&gt;{0}&lt;/b&gt; — Thời hạn: {1}.</source>
        <translation>Chosen: &lt;b&gt;{0}&lt;/b&gt; — time limit: {1}.</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="257"/>
        <source>Ghi và in (Ctrl+Enter)</source>
        <translation>Record and print (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="260"/>
        <source>Hủy (Esc)</source>
        <translation>Cancel (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception_parts.py" line="269"/>
        <source>Enter: xuống dòng · Ctrl+Enter: ghi</source>
        <translation>Enter: new line · Ctrl+Enter: record</translation>
    </message>
</context>
<context>
    <name>ReceptionView</name>
    <message>
        <location filename="../../desktop/ui/reception.py" line="94"/>
        <source>Quét giấy tờ… (F8)</source>
        <translation>Scan documents… (F8)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="95"/>
        <location filename="../../desktop/ui/reception.py" line="350"/>
        <source>Chưa quét giấy tờ nào</source>
        <translation>Nothing scanned yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="99"/>
        <source>Trực tiếp tại quầy</source>
        <translation>In person at the counter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="100"/>
        <location filename="../../desktop/ui/reception.py" line="104"/>
        <source>Qua bưu chính công ích</source>
        <translation>By public postal service</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="101"/>
        <source>Trực tuyến</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="103"/>
        <source>Nhận tại quầy</source>
        <translation>Collect at the counter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="106"/>
        <source>Địa chỉ nhận kết quả qua bưu chính</source>
        <translation>Postal address for the result</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="113"/>
        <source>Tiếp nhận (Ctrl+Enter)</source>
        <translation>Receive (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="124"/>
        <source>In lại giấy tiếp nhận</source>
        <translation>Reprint the receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="125"/>
        <source>Công dân tiếp theo (F2)</source>
        <translation>Next citizen (F2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="176"/>
        <source>1. Thủ tục</source>
        <translation>1. Procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="180"/>
        <source>2. Người nộp hồ sơ</source>
        <translation>2. Applicant</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="182"/>
        <source>3. Thành phần hồ sơ</source>
        <translation>3. Documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="189"/>
        <source>4. Nộp và nhận kết quả</source>
        <translation>4. Submission and result</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="192"/>
        <location filename="../../desktop/ui/reception.py" line="519"/>
        <source>Số bộ hồ sơ</source>
        <translation>Number of sets</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="193"/>
        <source>Hình thức nộp</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="197"/>
        <source>Nơi nhận kết quả</source>
        <translation>Result collected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="198"/>
        <location filename="../../desktop/ui/reception.py" line="521"/>
        <source>Ghi chú</source>
        <translation>Note</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="274"/>
        <source>Biên nhận chưa được in</source>
        <translation>Receipt not printed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="275"/>
        <source>Biên nhận của hồ sơ {0} chưa được in.</source>
        <translation>The receipt of dossier {0} has not been printed.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="276"/>
        <source>In bây giờ</source>
        <translation>Print now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="277"/>
        <source>Bỏ qua</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="336"/>
        <source>Chọn thủ tục trước, rồi chọn giấy tờ cần quét</source>
        <translation>Choose the procedure first, then the document to scan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="348"/>
        <source>Đã quét {0} trang cho {1} giấy tờ</source>
        <translation>{0} pages scanned for {1} documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="415"/>
        <source>Không đọc được mã QR CCCD: {0}</source>
        <translation>Could not read the ID card QR: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="439"/>
        <source>Đã điền thông tin từ thẻ CCCD của {0}</source>
        <translation>Filled in from the ID card of {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="487"/>
        <source>Chưa tiếp nhận được: {0}</source>
        <translation>Not received yet: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="510"/>
        <source>Thủ tục</source>
        <translation>Procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="511"/>
        <source>Phí, lệ phí</source>
        <translation>Fees</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="512"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="513"/>
        <source>Số CCCD / CMND / hộ chiếu</source>
        <translation>Citizen ID / old ID / passport no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="514"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="515"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="516"/>
        <source>Số điện thoại</source>
        <translation>Phone number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="517"/>
        <source>Thư điện tử</source>
        <translation>Email</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="518"/>
        <source>Thành phần hồ sơ</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="520"/>
        <source>Địa chỉ nhận kết quả</source>
        <translation>Address for the result</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="522"/>
        <source>Hồ sơ</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="529"/>
        <source>chưa chọn (gõ tên thủ tục, Enter để chọn)</source>
        <translation>not chosen (type the procedure&apos;s name, Enter to choose)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="530"/>
        <source>chưa nhập</source>
        <translation>not filled in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="532"/>
        <source>quá ngắn (ít nhất {0} ký tự)</source>
        <translation>too short (at least {0} characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="534"/>
        <source>quá dài (nhiều nhất {0} ký tự)</source>
        <translation>too long (at most {0} characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="536"/>
        <source>có ký tự không được phép (ký tự điều khiển hoặc ký tự ẩn)</source>
        <translation>contains a character that is not allowed (a control or invisible character)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="538"/>
        <source>năm sinh không khớp với số CCCD: đối chiếu với thẻ</source>
        <translation>the birth year does not match the CCCD number: check the card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="540"/>
        <source>chỉ gồm chữ cái, ít nhất 2 chữ, không có chữ số</source>
        <translation>letters only, at least 2, no digits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="541"/>
        <source>không đúng: CCCD 12 chữ số, CMND 9 chữ số, hoặc số hộ chiếu</source>
        <translation>not valid: a CCCD has 12 digits, a CMND 9 digits, or a passport number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="542"/>
        <source>không phải ngày có thật (ngày/tháng/năm, ví dụ 01/02/1945)</source>
        <translation>not a real date (day/month/year, e.g. 01/02/1945)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="543"/>
        <source>không đúng (10 chữ số, bắt đầu bằng 0)</source>
        <translation>not valid (10 digits starting with 0)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="544"/>
        <source>không đúng dạng (ví dụ ten@gmail.com)</source>
        <translation>not a valid address (e.g. name@gmail.com)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="545"/>
        <source>không hợp lệ</source>
        <translation>not valid</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="562"/>
        <source>Chưa tiếp nhận được — sửa các ô tô đỏ: {0}</source>
        <translation>Not received — correct the fields marked red: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="593"/>
        <source>Đang tiếp nhận…</source>
        <translation>Receiving…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="605"/>
        <source>Đã tiếp nhận hồ sơ {0} — hẹn trả {1}</source>
        <translation>Received dossier {0} — appointment {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="607"/>
        <source> (MÃ TẠM: sẽ có mã chính thức khi đồng bộ)</source>
        <translation> (PROVISIONAL CODE: the official one comes with the next sync)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="623"/>
        <source>Đã đính kèm {0} giấy tờ đã quét</source>
        <translation>{0} scanned documents attached</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="635"/>
        <source>Nội dung cần bổ sung, hoàn thiện</source>
        <translation>What must be added or completed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="637"/>
        <source>Lý do từ chối tiếp nhận</source>
        <translation>Reason for refusing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="650"/>
        <source>Đang ghi…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="661"/>
        <source>Đã ghi yêu cầu bổ sung (Mẫu 02)</source>
        <translation>Document request recorded (Form 02)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="663"/>
        <source>Đã ghi từ chối tiếp nhận (Mẫu 03)</source>
        <translation>Refusal recorded (Form 03)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="682"/>
        <location filename="../../desktop/ui/screenshots.py" line="178"/>
        <source>Xem trước phiếu</source>
        <translation>Slip preview</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="421"/>
        <source>Thẻ CCCD chỉ đọc được một phần; chưa đọc được: {0} — nhập tay theo thẻ</source>
        <translation>The ID card was only partly readable; could not read: {0} — type it in from the card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="117"/>
        <source>Yêu cầu bổ sung (Mẫu 02, Ctrl+2)</source>
        <translation>Request documents (Form 02, Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="120"/>
        <source>Ghi yêu cầu bổ sung, hoàn thiện hồ sơ và in Mẫu 02 (Ctrl+2)</source>
        <translation>Record a request for further documents and print Form 02 (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="122"/>
        <source>Từ chối (Mẫu 03, Ctrl+3)</source>
        <translation>Refuse (Form 03, Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="123"/>
        <source>Ghi từ chối tiếp nhận và in Mẫu 03 (Ctrl+3)</source>
        <translation>Record the refusal and print Form 03 (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="434"/>
        <source>Đã điền thông tin từ thẻ CCCD của {0}; thẻ có cảnh báo cần xác nhận</source>
        <translation>Filled in from the ID card of {0}; the card has warnings to confirm</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/reception.py" line="473"/>
        <source>Thẻ CCCD có cảnh báo chưa được xác nhận: đối chiếu với thẻ, rồi đánh dấu ô xác nhận</source>
        <translation>The ID card has unconfirmed warnings: check them against the card, then tick the confirmation box</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="479"/>
        <source>Hoàn trả phí — {0}</source>
        <translation>Fee refund — {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="480"/>
        <source>Hoàn trả và in biên lai (Enter)</source>
        <translation>Refund and print receipt (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="484"/>
        <source>Số tiền hoàn trả (đồng)</source>
        <translation>Amount to refund (đồng)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="485"/>
        <source>Lý do hoàn trả</source>
        <translation>Reason for the refund</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="499"/>
        <source>Số tiền phải là số nguyên (đồng)</source>
        <translation>The amount must be a whole number of đồng</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/payment_dialog.py" line="506"/>
        <source>Đã hoàn trả {0}, biên lai số {1}.</source>
        <translation>Refunded {0}, receipt no. {1}.</translation>
    </message>
</context>
<context>
    <name>Refusal</name>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="31"/>
        <source>Tên đăng nhập hoặc mật khẩu không đúng</source>
        <translation>Wrong user name or password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="34"/>
        <source>Tên đăng nhập hoặc mật khẩu không đúng; còn {left} lần thử trước khi tài khoản tạm khóa {minutes} phút</source>
        <translation>Wrong user name or password; {left} tries left before the account is locked for {minutes} minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="39"/>
        <source>Tên đăng nhập hoặc mật khẩu không đúng; tài khoản tạm khóa {minutes} phút do nhập sai nhiều lần</source>
        <translation>Wrong user name or password; the account is locked for {minutes} minutes after too many wrong tries</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="44"/>
        <source>Tài khoản tạm khóa do nhập sai nhiều lần; thử lại sau {minutes} phút</source>
        <translation>Account locked after too many failed attempts; try again in {minutes} minutes</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="47"/>
        <source>Tài khoản tạm khóa do nhập sai nhiều lần</source>
        <translation>Account locked after too many failed attempts</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="50"/>
        <source>Tài khoản đã bị vô hiệu hóa trên máy chủ tỉnh</source>
        <translation>This account has been disabled on the provincial server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="53"/>
        <source>Máy chủ tỉnh không cho đăng nhập: {detail}</source>
        <translation>The provincial server refused the sign-in: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="56"/>
        <source>Tài khoản {user} phải đổi mật khẩu ở lần đăng nhập đầu tiên</source>
        <translation>Account {user} must change its password at first sign-in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="59"/>
        <source>Mật khẩu phải có ít nhất {min} ký tự</source>
        <translation>The password must have at least {min} characters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="62"/>
        <source>Mật khẩu phải có cả chữ và số</source>
        <translation>The password must contain both letters and digits</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="65"/>
        <source>Mật khẩu không được chứa tên đăng nhập</source>
        <translation>The password must not contain the user name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="68"/>
        <source>Mật khẩu mới phải khác mật khẩu cũ</source>
        <translation>The new password must differ from the old one</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="72"/>
        <source>Chưa đăng nhập, hoặc màn hình đã khóa: đăng nhập lại</source>
        <translation>Not signed in, or the screen is locked: sign in again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="75"/>
        <source>Tài khoản {user} không có quyền này (cần: {roles})</source>
        <translation>Account {user} may not do this (needs: {roles})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="78"/>
        <source>Tài khoản {user} không phải người đang đăng nhập</source>
        <translation>Account {user} is not the officer signed in</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="82"/>
        <source>Không tìm thấy hồ sơ {ref}</source>
        <translation>Dossier {ref} not found</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="83"/>
        <source>Không tìm thấy hồ sơ mã {ref}</source>
        <translation>No dossier with code {ref}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="86"/>
        <source>Thời điểm tiếp nhận không được ở tương lai</source>
        <translation>The reception time cannot be in the future</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="89"/>
        <source>Thời điểm tiếp nhận {when} quá xa: biên nhận giấy chỉ được nhập lại trong vòng {days} ngày trước hôm nay</source>
        <translation>Reception time {when} is too far back: paper receipts may be entered only within {days} days before today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="94"/>
        <source>Thủ tục {procedure} không trả kết quả qua bưu chính</source>
        <translation>Procedure {procedure} does not deliver results by post</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="97"/>
        <source>Hồ sơ {dossier} do quầy {counter} tiếp nhận: chỉ quầy đó được yêu cầu bổ sung, nhận bổ sung hoặc ghi nhận rút hồ sơ</source>
        <translation>Dossier {dossier} was received at counter {counter}: only that counter may request or receive supplements or record a withdrawal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="102"/>
        <source>Tối đa {max} giấy tờ cần bổ sung</source>
        <translation>At most {max} missing documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="105"/>
        <source>Tên giấy tờ cần bổ sung quá dài (tối đa {max} ký tự)</source>
        <translation>Missing document name too long (at most {max} characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="108"/>
        <source>Cho biết ngày hẹn mới hoặc số ngày/giờ làm việc gia hạn</source>
        <translation>Give a new appointment date or an extension in working days or hours</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="111"/>
        <source>Hồ sơ {dossier} chưa có ngày hẹn để hẹn lại</source>
        <translation>Dossier {dossier} has no appointment to reschedule</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="114"/>
        <source>Ngày hẹn mới phải sau ngày hẹn cũ ({previous}) và sau hiện tại</source>
        <translation>The new appointment must be after the old one ({previous}) and after now</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="117"/>
        <source>Ngày hẹn mới {day} không phải ngày làm việc</source>
        <translation>The new appointment {day} is not a working day</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="120"/>
        <source>Chưa thể khóa sổ ngày {day}: còn {pending} thao tác chờ đồng bộ với máy chủ tỉnh. Hãy chờ đồng bộ xong, hoặc lãnh đạo bộ phận khóa sổ kèm lý do</source>
        <translation>Cannot close the day {day}: {pending} operations are still waiting to sync with the provincial server. Wait for sync, or have a supervisor close the day with a reason</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="213"/>
        <source>Mã QR quá dài, không phải mã trên giấy tiếp nhận</source>
        <translation>The QR code is too long; it is not a receipt code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="216"/>
        <source>Mã QR chứa ký tự lạ, không phải mã trên giấy tiếp nhận</source>
        <translation>The QR code contains unexpected characters; it is not a receipt code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="219"/>
        <source>Mã QR đã bị sửa hoặc bị cắt: cấu trúc không đúng</source>
        <translation>The QR code was altered or cut off: its structure is wrong</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="222"/>
        <source>Đây không phải mã QR trên giấy tiếp nhận hồ sơ</source>
        <translation>This is not the QR code of a dossier receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="225"/>
        <source>Chữ ký trong mã QR bị hỏng</source>
        <translation>The signature in the QR code is damaged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="226"/>
        <source>Mã QR được ký bằng khóa {key_id} không có trong danh sách quầy tin cậy (có thể là giả, hoặc cần đồng bộ khóa từ máy chủ)</source>
        <translation>The QR code is signed with key {key_id}, which is not among the trusted counters (it may be forged, or keys need syncing from the server)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="231"/>
        <source>Mã QR của hồ sơ {dossier} được ký bằng khóa của quầy {counter} thuộc cơ quan {agency}: khóa này không cấp được mã của cơ quan khác</source>
        <translation>The QR code of dossier {dossier} is signed with the key of counter {counter} of agency {agency}: that key cannot issue codes of another agency</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="236"/>
        <source>Không tìm thấy mã QR nào trong ảnh</source>
        <translation>No QR code found in the image</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="239"/>
        <source>Chữ ký của mã QR không khớp: mã đã bị sửa hoặc bị làm giả</source>
        <translation>The QR code&apos;s signature does not match: the code was altered or forged</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="243"/>
        <source>Ngày kết thúc {last} trước ngày bắt đầu {first}</source>
        <translation>End date {last} is before start date {first}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="246"/>
        <source>Chỉ thống kê từ ngày {earliest} trở đi</source>
        <translation>Statistics start from {earliest}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="249"/>
        <source>Khoảng thống kê dài quá {years} năm: hãy chọn khoảng ngắn hơn</source>
        <translation>The period is longer than {years} years: choose a shorter one</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="252"/>
        <source>Tháng {month} không hợp lệ</source>
        <translation>Invalid month {month}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="253"/>
        <source>Quý {quarter} không hợp lệ (chọn 1–4)</source>
        <translation>Invalid quarter {quarter} (choose 1–4)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="257"/>
        <source>Mã cơ quan không hợp lệ: &apos;{agency}&apos; (chỉ gồm chữ in hoa, chữ số và dấu chấm)</source>
        <translation>Invalid agency code: &apos;{agency}&apos; (capital letters, digits and dots only)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="261"/>
        <source>Mã quầy không hợp lệ: &apos;{counter}&apos; (1–8 chữ in hoa hoặc chữ số, ví dụ Q01)</source>
        <translation>Invalid counter code: &apos;{counter}&apos; (1–8 capital letters or digits, e.g. Q01)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="264"/>
        <source>Số thứ tự {seq} nằm ngoài 1..{max}</source>
        <translation>Sequence number {seq} is outside 1..{max}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="268"/>
        <source>Đã hủy quét theo yêu cầu</source>
        <translation>Scan cancelled</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="275"/>
        <source>Cán bộ tiếp nhận</source>
        <translation>Reception officer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="276"/>
        <source>Cán bộ trả kết quả</source>
        <translation>Returns officer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="277"/>
        <source>Lãnh đạo bộ phận</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="278"/>
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="292"/>
        <source>lý do hoàn trả</source>
        <translation>reason for the refund</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="293"/>
        <source>căn cứ miễn phí, lệ phí</source>
        <translation>legal basis for the exemption</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="332"/>
        <source>Hồ sơ thứ {item}: </source>
        <translation>Dossier {item}: </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="339"/>
        <source>Lỗi không mong đợi ({kind}).</source>
        <translation>Unexpected error ({kind}).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="343"/>
        <source> Chi tiết kỹ thuật đã ghi vào {path}.</source>
        <translation> Technical details were written to {path}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="346"/>
        <source> Vui lòng báo cán bộ công nghệ thông tin; dữ liệu đã lưu không bị ảnh hưởng.</source>
        <translation> Please tell the IT officer; saved data is not affected.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="125"/>
        <source>Phải ghi rõ {what} (ít nhất {min} ký tự)</source>
        <translation>State {what} (at least {min} characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="128"/>
        <source>{What} quá dài (tối đa {max} ký tự)</source>
        <translation>{What} is too long (at most {max} characters)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="132"/>
        <source>Hồ sơ {dossier} không phải hồ sơ nộp trực tuyến</source>
        <translation>Dossier {dossier} was not submitted online</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="135"/>
        <source>Hồ sơ {dossier} đã được kiểm tra ({status})</source>
        <translation>Dossier {dossier} has been checked already ({status})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="138"/>
        <source>Hồ sơ {dossier} đang được kiểm tra tại quầy {counter}</source>
        <translation>Dossier {dossier} is being checked at counter {counter}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="141"/>
        <source>Không liên lạc được máy chủ tỉnh để nhận kiểm tra hồ sơ {dossier}. Khi mất kết nối, quầy chỉ kiểm tra được hồ sơ trực tuyến đã nhận kiểm tra trước đó</source>
        <translation>Cannot reach the provincial server to take dossier {dossier} for checking. While offline, the counter can check only the online dossiers it took earlier</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="146"/>
        <source>Máy chủ tỉnh không cho nhận kiểm tra hồ sơ {dossier}: {detail}</source>
        <translation>The provincial server did not let this counter take dossier {dossier}: {detail}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="150"/>
        <source>Tên đơn vị nhận hồ sơ phải từ 3 đến 300 ký tự</source>
        <translation>The receiving unit’s name must be 3 to 300 characters long</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="153"/>
        <source>Cho biết ít nhất một mã hồ sơ để bàn giao</source>
        <translation>Give at least one dossier code to hand over</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="156"/>
        <source>Một phiếu bàn giao có tối đa {max} hồ sơ</source>
        <translation>A hand-over record holds at most {max} dossiers</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="159"/>
        <source>Đơn vị &apos;{unit}&apos; không có trong danh mục</source>
        <translation>Unit &apos;{unit}&apos; is not in the catalog</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="162"/>
        <source>Hồ sơ {dossier} chưa được tiếp nhận nên chưa bàn giao được</source>
        <translation>Dossier {dossier} has not been received, so it cannot be handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="165"/>
        <source>Hồ sơ {dossier} đã bàn giao cho {unit} lúc {at}</source>
        <translation>Dossier {dossier} was handed over to {unit} at {at}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="171"/>
        <source>Hồ sơ {dossier} thuộc thẩm quyền của {unit}: mỗi phiếu bàn giao chỉ dành cho một đơn vị</source>
        <translation>Dossier {dossier} is decided by {unit}: a hand-over record is for one unit only</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="288"/>
        <source>nội dung cần bổ sung</source>
        <translation>what must be added</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="289"/>
        <source>lý do từ chối</source>
        <translation>the reason for refusal</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="290"/>
        <source>Tên đơn vị nhận</source>
        <translation>Receiving unit name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="291"/>
        <source>Tên giấy tờ cần bổ sung</source>
        <translation>Name of the document to add</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="168"/>
        <source>Không có lần bàn giao hồ sơ nào mang mã {handover_id}</source>
        <translation>There is no hand-over with the number {handover_id}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="177"/>
        <source>Số tiền phải là số nguyên (đồng)</source>
        <translation>The amount must be a whole number of đồng</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="178"/>
        <source>Số tiền phải lớn hơn 0</source>
        <translation>The amount must be more than 0</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="179"/>
        <source>Số tiền quá lớn</source>
        <translation>The amount is too large</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="180"/>
        <source>Chuyển khoản do ngân hàng báo về máy chủ tỉnh được ghi tự động</source>
        <translation>Transfers the bank reports to the provincial server are recorded automatically</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="183"/>
        <source>Thanh toán chuyển khoản hoặc thẻ cần mã giao dịch</source>
        <translation>A bank transfer or card payment needs its transaction reference</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="186"/>
        <source>Hồ sơ {dossier} đã kết thúc: không thu phí</source>
        <translation>Dossier {dossier} is closed: no fee can be taken</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="189"/>
        <source>Hồ sơ {dossier} không còn khoản phí, lệ phí phải thu</source>
        <translation>Dossier {dossier} has no fee left to pay</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="192"/>
        <source>Hồ sơ {dossier} chỉ còn phải nộp {outstanding} đồng</source>
        <translation>Dossier {dossier} only has {outstanding} đồng left to pay</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="195"/>
        <source>Hồ sơ {dossier}: chỉ hoàn trả phí khi cơ quan không thực hiện được dịch vụ (hồ sơ không được tiếp nhận, công dân rút hồ sơ hoặc dừng xử lý)</source>
        <translation>Dossier {dossier}: a fee is refunded only when the agency could not deliver the service (dossier not accepted, withdrawn by the citizen, or processing stopped)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="200"/>
        <source>Hồ sơ {dossier} chỉ có {paid} đồng đã nộp để hoàn trả</source>
        <translation>Dossier {dossier} only has {paid} đồng paid to refund</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="203"/>
        <source>Hồ sơ đã nộp phí: hoàn trả trước khi miễn</source>
        <translation>The fee has been paid: refund it before exempting</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="206"/>
        <source>Hồ sơ đã được miễn phí, lệ phí</source>
        <translation>The dossier is already exempt from fees</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/refusals.py" line="209"/>
        <source>Không có biên lai số {receipt}</source>
        <translation>There is no receipt no. {receipt}</translation>
    </message>
</context>
<context>
    <name>ReturnsView</name>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="93"/>
        <source>Quét mã QR trên giấy tiếp nhận của công dân…</source>
        <translation>Scan the QR code on the citizen’s receipt…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="96"/>
        <source>Mở ảnh mã QR…</source>
        <translation>Open a QR photo…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="97"/>
        <source>Đọc bằng camera</source>
        <translation>Read with the camera</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="114"/>
        <source>Công dân (người nộp hồ sơ)</source>
        <translation>The citizen (applicant)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="115"/>
        <source>Người được ủy quyền</source>
        <translation>An authorised person</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="123"/>
        <source>Kết quả đã về quầy (Ctrl+K)</source>
        <translation>Result has arrived (Ctrl+K)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="126"/>
        <source>Trả kết quả và in phiếu kiểm soát (Enter)</source>
        <translation>Hand over and print the control slip (Enter)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="159"/>
        <source>Người nhận kết quả</source>
        <translation>Who collects the result</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="166"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="167"/>
        <source>Số CCCD / CMND / hộ chiếu</source>
        <translation>Citizen ID / old ID / passport no.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="208"/>
        <source>Đang kiểm tra mã QR…</source>
        <translation>Checking the QR code…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="216"/>
        <source>Ảnh chụp giấy tiếp nhận</source>
        <translation>Photo of the receipt</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="218"/>
        <source>Ảnh (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</source>
        <translation>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="248"/>
        <source>Camera: {0}</source>
        <translation>Camera: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="261"/>
        <source>Mã QR không hợp lệ: {0}</source>
        <translation>Invalid QR code: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="284"/>
        <source>Quét mã QR trên giấy tiếp nhận để bắt đầu.</source>
        <translation>Scan the QR code on the receipt to begin.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="299"/>
        <source>Mã QR hợp lệ. Kết quả đã có, trả cho công dân.</source>
        <translation>Genuine QR code. The result is here: hand it over.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="303"/>
        <source>Hồ sơ này đã được trả kết quả ({0}).</source>
        <translation>This dossier’s result was already handed over ({0}).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="310"/>
        <source>Mã QR hợp lệ. Kết quả chưa về quầy (hẹn {0}).</source>
        <translation>Genuine QR code. The result has not arrived yet (appointment {0}).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="315"/>
        <source>Mã QR hợp lệ. Hồ sơ đang ở trạng thái: {0}.</source>
        <translation>Genuine QR code. The dossier’s status: {0}.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/returns_view.py" line="373"/>
        <source>Đã trả kết quả hồ sơ {0}.</source>
        <translation>Result of dossier {0} handed over.</translation>
    </message>
</context>
<context>
    <name>ScanDialog</name>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="369"/>
        <source>Xong (Esc)</source>
        <translation>Done (Esc)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="382"/>
        <source>Quét giấy tờ</source>
        <translation>Scan documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="383"/>
        <source>&lt;b&gt;Giấy tờ:&lt;/b&gt; {0}</source>
        <translation>&lt;b&gt;Document:&lt;/b&gt; {0}</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="63"/>
        <source>Mặt kính</source>
        <translation>Glass</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="64"/>
        <source>Khay nạp giấy</source>
        <translation>Feeder</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="65"/>
        <source>Khay nạp, hai mặt</source>
        <translation>Feeder, both sides</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="66"/>
        <source>Quét (F8)</source>
        <translation>Scan (F8)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="67"/>
        <source>Nhập tệp…</source>
        <translation>Import a file…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="68"/>
        <source>Xoay</source>
        <translation>Rotate</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="69"/>
        <source>Quét lại trang</source>
        <translation>Rescan page</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="70"/>
        <source>Xóa trang</source>
        <translation>Delete page</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="71"/>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="84"/>
        <source>&lt;b&gt;Không tìm thấy máy quét nào.&lt;/b&gt;&lt;br&gt;Cắm máy quét vào máy tính, bật lên (lần đầu: cài trình điều khiển của hãng), rồi bấm «Tìm lại máy quét». Hoặc bấm «Nhập tệp…» để đính kèm ảnh hay PDF đã quét ở nơi khác.</source>
        <translation>&lt;b&gt;No scanner found.&lt;/b&gt;&lt;br&gt;Plug the scanner into this computer and switch it on (the first time: install the maker&apos;s driver), then press «Find scanners again». Or press «Import a file…» to attach an image or PDF scanned elsewhere.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="96"/>
        <source>Tìm lại máy quét</source>
        <translation>Find scanners again</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="98"/>
        <source>Chọn giấy tờ trong danh sách để quét</source>
        <translation>Choose a document in the list to scan</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="159"/>
        <source>(không tìm thấy máy quét — dùng Nhập tệp)</source>
        <translation>(no scanner found — use Import a file)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="189"/>
        <source>Chưa có máy quét: dùng Nhập tệp…</source>
        <translation>No scanner: use Import a file…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="196"/>
        <source>Nhập giấy tờ đã quét</source>
        <translation>Import a scanned document</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="198"/>
        <source>Ảnh hoặc PDF (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</source>
        <translation>Images or PDF (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="210"/>
        <source>Chọn giấy tờ cần quét trong danh sách trước</source>
        <translation>Choose the document to scan in the list first</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="222"/>
        <source>Đang quét…</source>
        <translation>Scanning…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="262"/>
        <source>Đã dừng quét; giữ {0} trang đã quét</source>
        <translation>Scanning stopped; {0} pages kept</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="266"/>
        <source>, bỏ {0} trang trắng</source>
        <translation>, {0} blank pages dropped</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="270"/>
        <source>Đã quét {0} trang{1}</source>
        <translation>{0} pages scanned{1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="309"/>
        <source>Chưa có máy quét</source>
        <translation>No scanner</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/scan_panel.py" line="328"/>
        <source>Trang {0}</source>
        <translation>Page {0}</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="125"/>
        <source>tên tài khoản như ngân hàng ghi</source>
        <translation>account name as the bank writes it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="126"/>
        <source>Lưu tài khoản nhận phí</source>
        <translation>Save fee account</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="197"/>
        <source>Tài khoản nhận phí, lệ phí (VietQR)</source>
        <translation>Account for fees (VietQR)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="205"/>
        <source>Mã BIN ngân hàng</source>
        <translation>Bank BIN</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="203"/>
        <source>Số tài khoản</source>
        <translation>Account number</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="209"/>
        <source>Tên tài khoản</source>
        <translation>Account name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="284"/>
        <source>Đã lưu tài khoản nhận phí {0} (BIN {1})</source>
        <translation>Fee account {0} (BIN {1}) saved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="67"/>
        <source>Máy in có dao cắt giấy</source>
        <translation>The printer has a cutter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="43"/>
        <source>58 mm (384 điểm)</source>
        <translation>58 mm (384 dots)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="44"/>
        <source>80 mm (576 điểm)</source>
        <translation>80 mm (576 dots)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="79"/>
        <source>Lưu máy in</source>
        <translation>Save printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="80"/>
        <source>In thử</source>
        <translation>Test print</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="82"/>
        <source>In các phiếu đang chờ</source>
        <translation>Print waiting slips</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="84"/>
        <source>Phiếu nhiệt tại quầy</source>
        <translation>Thermal slips at the counter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="85"/>
        <source>Khổ A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="86"/>
        <source>Cả hai</source>
        <translation>Both</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="88"/>
        <source>hàng đợi CUPS; để trống: lưu PDF</source>
        <translation>CUPS queue; empty: save as PDF</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="91"/>
        <source> phút</source>
        <translation> min</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="98"/>
        <source>Cỡ chữ của các màn hình, áp dụng ngay khi lưu</source>
        <translation>Text size of the screens, applied when saved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="107"/>
        <source>Lưu cài đặt</source>
        <translation>Save settings</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="110"/>
        <source>Lưu địa chỉ máy chủ</source>
        <translation>Save server address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="112"/>
        <source>tài khoản quản trị trên máy chủ tỉnh</source>
        <translation>administrator account on the provincial server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="115"/>
        <source>Đăng ký quầy với máy chủ</source>
        <translation>Enrol this counter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="117"/>
        <source>Cài CA riêng của tỉnh…</source>
        <translation>Install the province’s own CA…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="118"/>
        <source>Bỏ CA riêng</source>
        <translation>Remove the own CA</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="141"/>
        <source>Quầy</source>
        <translation>Counter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="143"/>
        <source>Máy chủ tỉnh</source>
        <translation>Provincial server</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="145"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="147"/>
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="148"/>
        <source>Mật khẩu</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="154"/>
        <source>Chứng chỉ</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="156"/>
        <source>Máy in phiếu</source>
        <translation>Slip printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="158"/>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="159"/>
        <source>Địa chỉ máy in</source>
        <translation>Printer address</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="160"/>
        <source>Khổ giấy</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="172"/>
        <source>In và màn hình</source>
        <translation>Printing and screen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="174"/>
        <source>In giấy tiếp nhận</source>
        <translation>Receipts print on</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="175"/>
        <source>Máy in A4</source>
        <translation>A4 printer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="176"/>
        <source>Tự khóa màn hình sau</source>
        <translation>Lock the screen after</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="100"/>
        <source>Màn hình cho người dân</source>
        <translation>Citizen display</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="71"/>
        <source>Máy in tự vẽ mã QR (lệnh QR của máy in)</source>
        <translation>The printer draws QR codes itself (its own QR command)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="75"/>
        <source>Bật khi máy in hiểu lệnh in mã QR (ESC/POS GS ( k); tắt thì phần mềm vẽ mã QR thành ảnh, chậm hơn nhưng máy in nào cũng in được</source>
        <translation>On when the printer understands the QR command (ESC/POS GS ( k); off: the software draws the QR as an image, slower but any printer prints it</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="104"/>
        <source> giây</source>
        <translation> s</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="105"/>
        <source>Màn hình người dân về màn hình chờ sau</source>
        <translation>Citizen display back to idle after</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="181"/>
        <source>Cỡ chữ</source>
        <translation>Text size</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="184"/>
        <source>Ngôn ngữ</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="373"/>
        <source>Tự chọn: màn hình thứ hai nếu có</source>
        <translation>Automatic: the second screen if there is one</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="374"/>
        <source>Cửa sổ riêng 1280×800 trên màn hình này</source>
        <translation>A 1280×800 window on this screen</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="381"/>
        <source>{0} (không thấy lúc này)</source>
        <translation>{0} (not connected now)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="241"/>
        <source>Tỉnh: {0}&lt;br&gt;Cơ quan: {1}&lt;br&gt;Quầy: {2}&lt;br&gt;Máy chủ tỉnh: {3}</source>
        <translation>Province: {0}&lt;br&gt;Agency: {1}&lt;br&gt;Counter: {2}&lt;br&gt;Provincial server: {3}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="245"/>
        <source>không có (quầy tự cấp mã hồ sơ)</source>
        <translation>none (the counter numbers its own dossiers)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="263"/>
        <source>{0} phiếu đang chờ in</source>
        <translation>{0} slips waiting to print</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="266"/>
        <source>CA công cộng và CA riêng của tỉnh</source>
        <translation>Public CAs and the province’s own CA</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="268"/>
        <source>CA công cộng (luôn kiểm tra chứng chỉ)</source>
        <translation>Public CAs (certificates are always checked)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="309"/>
        <source>Đã lưu máy in {0}</source>
        <translation>Printer {0} saved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="322"/>
        <source>Đang in thử…</source>
        <translation>Printing a test slip…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="332"/>
        <source>Đã in {0} phiếu</source>
        <translation>{0} slips printed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="357"/>
        <source>Cài đặt không hợp lệ: {0}</source>
        <translation>Invalid settings: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="363"/>
        <source>Đã lưu cài đặt</source>
        <translation>Settings saved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="391"/>
        <source>Đã lưu địa chỉ máy chủ; đăng ký quầy để bắt đầu đồng bộ</source>
        <translation>Server address saved; enrol the counter to start syncing</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="406"/>
        <source>Đang đăng ký với máy chủ…</source>
        <translation>Enrolling with the server…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="411"/>
        <source>, dải số dự phòng {0}–{1}</source>
        <translation>, emergency range {0}–{1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="413"/>
        <source>Đã đăng ký quầy (khóa {0}{1})</source>
        <translation>Counter enrolled (key {0}{1})</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="420"/>
        <source>Chọn tệp CA của tỉnh</source>
        <translation>Choose the province’s CA file</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="420"/>
        <source>Chứng chỉ PEM (*.pem *.crt)</source>
        <translation>PEM certificates (*.pem *.crt)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="434"/>
        <source>Đã cài {0} chứng chỉ CA của tỉnh</source>
        <translation>{0} CA certificates of the province installed</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/settings_view.py" line="436"/>
        <source>Đã bỏ CA riêng; chỉ tin các CA công cộng</source>
        <translation>Own CA removed; only public CAs are trusted</translation>
    </message>
</context>
<context>
    <name>StatsCharts</name>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="35"/>
        <source>Trước hạn</source>
        <translation>Early</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="36"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="37"/>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="41"/>
        <source>Đang xử lý trong hạn</source>
        <translation>Open, within time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="43"/>
        <source>Đang xử lý quá hạn</source>
        <translation>Open, overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="46"/>
        <source>cán bộ tiếp nhận</source>
        <translation>receiving officer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="47"/>
        <source>thủ tục</source>
        <translation>procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="48"/>
        <source>lĩnh vực</source>
        <translation>field</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="49"/>
        <source>kênh tiếp nhận</source>
        <translation>channel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="50"/>
        <source>ngày</source>
        <translation>day</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="146"/>
        <source>Kết quả giải quyết theo {0}</source>
        <translation>Outcomes by {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="173"/>
        <source>Tiếp nhận</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="175"/>
        <source>Giải quyết xong</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_charts.py" line="196"/>
        <source>Tiếp nhận và giải quyết theo ngày</source>
        <translation>Received and resolved by day</translation>
    </message>
</context>
<context>
    <name>StatsView</name>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="59"/>
        <source>Hôm nay</source>
        <translation>Today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="60"/>
        <source>Tuần này</source>
        <translation>This week</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="61"/>
        <source>Tháng này</source>
        <translation>This month</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="62"/>
        <source>Quý này</source>
        <translation>This quarter</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="63"/>
        <source>Năm nay</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="64"/>
        <source>Khoảng ngày</source>
        <translation>Date range</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="67"/>
        <source>Theo cán bộ tiếp nhận</source>
        <translation>By receiving officer</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="68"/>
        <source>Theo thủ tục</source>
        <translation>By procedure</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="69"/>
        <source>Theo lĩnh vực</source>
        <translation>By field</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="70"/>
        <source>Theo kênh tiếp nhận</source>
        <translation>By channel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="71"/>
        <source>Theo ngày</source>
        <translation>By day</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="75"/>
        <source>Tiếp nhận mới</source>
        <translation>Received</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="76"/>
        <source>Đã giải quyết</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="77"/>
        <source>Giải quyết quá hạn</source>
        <translation>Resolved late</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="78"/>
        <source>Đang giải quyết</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="79"/>
        <source>Đang quá hạn</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="80"/>
        <source>Chờ bổ sung</source>
        <translation>Awaiting documents</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="81"/>
        <source>Đến hạn hôm nay</source>
        <translation>Due today</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="157"/>
        <location filename="../../desktop/ui/stats_view.py" line="167"/>
        <source>Tổng</source>
        <translation>Total</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="158"/>
        <location filename="../../desktop/ui/stats_view.py" line="163"/>
        <source>Kiểm tra trực tuyến</source>
        <translation>Online checks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="217"/>
        <location filename="../../desktop/ui/stats_view.py" line="536"/>
        <source>Mọi quầy</source>
        <translation>All counters</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="221"/>
        <source>Xem</source>
        <translation>Show</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="222"/>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="223"/>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="224"/>
        <source>Biểu 06a (PDF)</source>
        <translation>Form 06a (PDF)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="288"/>
        <source>Phí, lệ phí</source>
        <translation>Fees and charges</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="344"/>
        <source>nhấp để xem các hồ sơ</source>
        <translation>click to see the dossiers</translation>
    </message>
    <message numerus="yes">
        <location filename="../../desktop/ui/stats_view.py" line="374"/>
        <source>{0} (%n biên lai)</source>
        <translation>
            <numerusform>{0} (%n receipt)</numerusform>
            <numerusform>{0} (%n receipts)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="436"/>
        <source>Đang tính…</source>
        <translation>Computing…</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="447"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; ({1}), số liệu đến hết ngày {2:%d/%m/%Y}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; ({1}), figures up to {2:%d/%m/%Y}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="463"/>
        <source>Tỷ lệ đúng hạn: {0} · Thời gian giải quyết trung bình: {1}</source>
        <translation>On time: {0} · Average processing time: {1}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="465"/>
        <source>{0} ngày làm việc</source>
        <translation>{0} working days</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="470"/>
        <source>Mức độ hài lòng: {0} lượt, {1} hài lòng trở lên, điểm {2}/5</source>
        <translation>Satisfaction: {0} ratings, {1} satisfied or better, score {2}/5</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="474"/>
        <source>Mức độ hài lòng: chưa có lượt đánh giá</source>
        <translation>Satisfaction: no ratings yet</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="538"/>
        <source>Quầy {0}</source>
        <translation>Counter {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="546"/>
        <source>Chưa có số liệu toàn trung tâm (cần đồng bộ với máy chủ).</source>
        <translation>No figures for the whole centre yet (the counter must sync with the server).</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="557"/>
        <source>{0}: nhận {1}, giải quyết {2} ({3}), quá hạn đang xử lý {4}</source>
        <translation>{0}: received {1}, resolved {2} ({3}), overdue in progress {4}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="562"/>
        <source>{0} đúng hạn</source>
        <translation>{0} on time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="571"/>
        <source>&lt;b&gt;Toàn trung tâm&lt;/b&gt; (số liệu máy chủ lúc {0:%H:%M %d/%m}, cách đây {1} phút): {2}</source>
        <translation>&lt;b&gt;Whole centre&lt;/b&gt; (server figures of {0:%H:%M %d/%m}, {1} minutes ago): {2}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="613"/>
        <source>Lưu thống kê</source>
        <translation>Save statistics</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="627"/>
        <source>Đã lưu {0}</source>
        <translation>Saved {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="95"/>
        <source>Kiểm tra hồ sơ&lt;br&gt;trực tuyến</source>
        <translation>Online dossier&lt;br&gt;checks</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="97"/>
        <source>Đã kiểm tra</source>
        <translation>Checked</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="98"/>
        <location filename="../../desktop/ui/stats_view.py" line="108"/>
        <location filename="../../desktop/ui/stats_view.py" line="119"/>
        <source>Đúng hạn</source>
        <translation>On time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="99"/>
        <location filename="../../desktop/ui/stats_view.py" line="109"/>
        <location filename="../../desktop/ui/stats_view.py" line="120"/>
        <location filename="../../desktop/ui/stats_view.py" line="162"/>
        <location filename="../../desktop/ui/stats_view.py" line="172"/>
        <source>Quá hạn</source>
        <translation>Late</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="100"/>
        <location filename="../../desktop/ui/stats_view.py" line="110"/>
        <location filename="../../desktop/ui/stats_view.py" line="121"/>
        <source>Chờ, quá hạn</source>
        <translation>Waiting, late</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="105"/>
        <source>Bàn giao&lt;br&gt;hồ sơ</source>
        <translation>Hand-over&lt;br&gt;to units</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="107"/>
        <source>Đã bàn giao</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="168"/>
        <location filename="../../desktop/ui/stats_view.py" line="173"/>
        <source>Bàn giao</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="128"/>
        <source>Đã thu</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="129"/>
        <source>Tiền mặt</source>
        <translation>Cash</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="130"/>
        <source>Mã QR</source>
        <translation>QR code</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="131"/>
        <source>Thẻ</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="132"/>
        <source>Ngân hàng báo</source>
        <translation>Bank notified</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="133"/>
        <source>Đã hoàn trả</source>
        <translation>Refunded</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="290"/>
        <source>Phí, lệ phí thu, hoàn trả trong kỳ (theo thời điểm thu)</source>
        <translation>Fees collected and refunded in the period (by the time of payment)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="116"/>
        <source>Bưu chính&lt;br&gt;(24 giờ)</source>
        <translation>Results by post&lt;br&gt;(24 hours)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/stats_view.py" line="118"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
</context>
<context>
    <name>SyncStatusBar</name>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="23"/>
        <source>không tìm thấy tên máy chủ (DNS)</source>
        <translation>server name not found (DNS)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="24"/>
        <source>không kết nối được (mạng hoặc máy chủ tắt)</source>
        <translation>cannot connect (network down or server off)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="25"/>
        <source>lỗi chứng chỉ bảo mật (TLS)</source>
        <translation>security certificate error (TLS)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="26"/>
        <source>máy chủ báo lỗi</source>
        <translation>the server reports an error</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="27"/>
        <source>máy chủ không trả lời kịp</source>
        <translation>the server did not answer in time</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="28"/>
        <source>máy chủ trả lời không đúng giao thức</source>
        <translation>the server’s answer is not the protocol</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="68"/>
        <source>Không nối máy chủ tỉnh (quầy tự cấp mã)</source>
        <translation>No provincial server (the counter numbers its own dossiers)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="73"/>
        <source>Chờ gửi: {0}</source>
        <translation>To send: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="74"/>
        <source> · lỗi: {0}</source>
        <translation> · failed: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="76"/>
        <source>chưa</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="77"/>
        <source>Đồng bộ lần cuối: {0}</source>
        <translation>Last sync: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="80"/>
        <source>Chờ in: {0}</source>
        <translation>To print: {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="89"/>
        <source>● Trực tuyến</source>
        <translation>● Online</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="96"/>
        <source>● Mất kết nối</source>
        <translation>● Offline</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="101"/>
        <source>Mất kết nối tới máy chủ tỉnh{0}: {1}. Quầy vẫn tiếp nhận, tra cứu và trả kết quả bình thường; dữ liệu tự đồng bộ khi có mạng trở lại.</source>
        <translation>No connection to the provincial server{0}: {1}. The counter keeps receiving, looking up and returning results as usual; data syncs by itself when the network is back.</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="103"/>
        <source> từ {0}</source>
        <translation> since {0}</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="111"/>
        <source>Sự cố số {0} từ {1}: xem màn hình Sự cố (F9)</source>
        <translation>Incident {0} since {1}: see the Incidents screen (F9)</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="116"/>
        <source>Sự cố số {0} đã kết thúc; đang gửi bù dữ liệu</source>
        <translation>Incident {0} is over; catching up</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="118"/>
        <source>Sự cố số {0}: đã gửi bù xong, có báo cáo sau sự cố</source>
        <translation>Incident {0}: caught up, the report is ready</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="142"/>
        <source>Đang gửi</source>
        <translation>Sending</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="143"/>
        <source>Đang nhận</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/status_bar.py" line="144"/>
        <source>Đang gửi tệp</source>
        <translation>Uploading files</translation>
    </message>
</context>
</TS>
