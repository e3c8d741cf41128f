"""Demo registry: the documents the 2017 plan cites, a realistic set more, and the province's agreements.

Get-or-create by natural key (a document by issuer, year and number, or by slug); nothing edited is
overwritten. Recent documents are dated relative to today so the demo always looks current.
"""

import datetime as dt
import io
import zipfile

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import Locale

from portal.core.workdays import add_working_days, is_working_day
from portal.documents.models import (
    Country,
    DocumentFile,
    DocumentIndexPage,
    DocumentKind,
    DocumentPage,
    DocumentRelation,
    Issuer,
    LegalField,
    TreatyFile,
    TreatyIndexPage,
    TreatyPage,
)

KINDS = [
    ("quyet-dinh", "Quyết định", "Decision"),
    ("cong-van", "Công văn", "Official letter"),
    ("thong-bao", "Thông báo", "Notice"),
    ("ke-hoach", "Kế hoạch", "Plan"),
    ("chi-thi", "Chỉ thị", "Directive"),
    ("nghi-dinh", "Nghị định", "Decree"),
    ("thong-tu", "Thông tư", "Circular"),
    ("quyet-dinh-ttg", "Quyết định của Thủ tướng", "Prime Minister's Decision"),
]
ISSUERS = [
    ("sngv", "Sở Ngoại vụ tỉnh Thừa Thiên Huế", "Department of Foreign Affairs of Thua Thien Hue"),
    ("bbt", "Ban Biên tập Trang TTĐT Sở Ngoại vụ", "Editorial Board of the Department's website"),
    ("ubnd", "Ủy ban nhân dân tỉnh Thừa Thiên Huế", "People's Committee of Thua Thien Hue Province"),
    ("chinh-phu", "Chính phủ", "The Government"),
    ("ttg", "Thủ tướng Chính phủ", "The Prime Minister"),
    ("bng", "Bộ Ngoại giao", "Ministry of Foreign Affairs"),
]
FIELDS = [
    ("thong-tin", "Thông tin điện tử", "Electronic information"),
    ("to-chuc", "Tổ chức - cán bộ", "Organisation and staff"),
    ("htqt", "Hợp tác quốc tế", "International cooperation"),
    ("lanh-su", "Lãnh sự", "Consular affairs"),
    ("hoi-nghi", "Hội nghị, hội thảo quốc tế", "International conferences"),
    ("vien-tro", "Viện trợ phi chính phủ nước ngoài", "Foreign non-governmental aid"),
    ("tai-chinh", "Tài chính", "Finance"),
    ("giao-duc", "Giáo dục - đào tạo", "Education and training"),
    ("van-hoa", "Văn hóa - du lịch", "Culture and tourism"),
]
COUNTRIES = [
    ("fr", "Pháp", "France"),
    ("kr", "Hàn Quốc", "Republic of Korea"),
    ("jp", "Nhật Bản", "Japan"),
    ("la", "Lào", "Laos"),
    ("sg", "Xin-ga-po", "Singapore"),
    ("th", "Thái Lan", "Thailand"),
    ("us", "Hoa Kỳ", "United States"),
    ("de", "Đức", "Germany"),
]

PLAN_TEXT = [
    "Căn cứ Quyết định số 66/QĐ-SNgV ngày 21 tháng 7 năm 2016 về việc kiện toàn Ban Biên tập Trang thông tin "
    "điện tử Sở Ngoại vụ tỉnh Thừa Thiên Huế; căn cứ Quyết định số 26/QĐ-SNgV ngày 5 tháng 7 năm 2012 về việc "
    "ban hành quy chế hoạt động của Trang thông tin điện tử Sở Ngoại vụ tỉnh Thừa Thiên Huế.",
    "Cung cấp 100% thủ tục hành chính công trực tuyến mức độ 3, 4; duy trì tần suất cập nhật tin tức 10-12 lần "
    "mỗi tuần; văn bản chỉ đạo điều hành được đăng chậm nhất một ngày sau khi có văn bản.",
    "Kinh phí duy trì hoạt động của Trang năm 2017 là 26.300.000 đồng từ nguồn kinh phí tự chủ của đơn vị.",
]

# (slug, kind, issuer, number, issue date or days ago, signer, post, field, title, summary, text, english, relations)
# An issue date given as an int is that many days before today (moved back to a working day).
DOCUMENTS = [
    {
        "slug": "26-qd-sngv-2012",
        "kind": "quyet-dinh",
        "issuer": "sngv",
        "number": "26/QĐ-SNgV",
        "issued": dt.date(2012, 7, 5),
        "effective": dt.date(2012, 7, 5),
        "signer": "",
        "post": "Giám đốc Sở",
        "field": "thong-tin",
        "title": "Quyết định số 26/QĐ-SNgV về việc ban hành Quy chế hoạt động của Trang thông tin điện tử "
        "Sở Ngoại vụ tỉnh Thừa Thiên Huế",
        "summary": "Ban hành Quy chế hoạt động của Trang thông tin điện tử Sở Ngoại vụ: nội dung thông tin, "
        "trách nhiệm cung cấp, biên tập, duyệt đăng tin, bài và quản lý kỹ thuật của Trang.",
        "text": [
            "Quy chế quy định về nội dung thông tin, trách nhiệm cung cấp, biên tập, duyệt đăng và quản lý kỹ "
            "thuật của Trang thông tin điện tử Sở Ngoại vụ.",
            "Tin, bài chỉ được đăng sau khi được Trưởng Ban Biên tập hoặc người được ủy quyền duyệt. Tin sưu tầm "
            "phải ghi rõ nguồn.",
        ],
        "file": "pdf",
        "en": {
            "title": "Decision No. 26/QD-SNgV issuing the Rules of Operation of the Department's website",
            "summary": "Issues the rules of operation of the Department of Foreign Affairs' website: its content, "
            "who supplies, edits and approves items, and its technical management.",
        },
    },
    {
        "slug": "66-qd-sngv-2016",
        "kind": "quyet-dinh",
        "issuer": "sngv",
        "number": "66/QĐ-SNgV",
        "issued": dt.date(2016, 7, 21),
        "effective": dt.date(2016, 7, 21),
        "signer": "Trần Công Phú",
        "post": "Giám đốc Sở",
        "field": "to-chuc",
        "title": "Quyết định số 66/QĐ-SNgV về việc kiện toàn Ban Biên tập Trang thông tin điện tử Sở Ngoại vụ "
        "tỉnh Thừa Thiên Huế",
        "summary": "Kiện toàn Ban Biên tập Trang thông tin điện tử Sở Ngoại vụ: Giám đốc Sở làm Trưởng ban, "
        "Chánh Văn phòng làm Phó Trưởng ban Thường trực; quy định nhiệm vụ của Ban Biên tập.",
        "text": [
            "Ban Biên tập do Giám đốc Sở làm Trưởng ban, Chánh Văn phòng Sở làm Phó Trưởng ban Thường trực. Thành "
            "viên gồm trưởng, phó các phòng chuyên môn, Trung tâm Dịch vụ Đối ngoại và công chức quản trị Trang.",
            "Văn phòng Sở là bộ phận thường trực của Ban Biên tập. Quyết định có hiệu lực kể từ ngày ký.",
        ],
        "file": "pdf",
        "en": {
            "title": "Decision No. 66/QD-SNgV on restructuring the Editorial Board of the Department's website",
            "summary": "Restructures the Editorial Board of the Department's website: the Director chairs it, the "
            "Chief of Office is its standing deputy; sets out the Board's duties.",
        },
    },
    {
        "slug": "ke-hoach-hoat-dong-trang-ttdt-2017",
        "kind": "ke-hoach",
        "issuer": "bbt",
        "number": "",
        "issued": dt.date(2017, 2, 23),
        "signer": "Trần Công Phú",
        "post": "Giám đốc Sở, Trưởng Ban Biên tập",
        "field": "thong-tin",
        "title": "Kế hoạch hoạt động của Trang thông tin điện tử của Sở Ngoại vụ năm 2017",
        "summary": "Mục đích, yêu cầu, nội dung và tổ chức thực hiện hoạt động của Trang thông tin điện tử năm "
        "2017: các mục tin, trách nhiệm biên tập, số lượng tin và thời gian cung cấp thông tin (Phụ lục I), "
        "kinh phí 26.300.000 đồng (Phụ lục II).",
        "text": PLAN_TEXT,
        "file": "docx",
        "relations": [("implements", "66-qd-sngv-2016"), ("implements", "26-qd-sngv-2012")],
        "en": {
            "title": "Plan of operation of the Department of Foreign Affairs' website for 2017",
            "summary": "Aims, requirements, content and organisation of the website's work in 2017: categories, "
            "editors, quantities and deadlines (Appendix I), and a budget of 26,300,000 dong (Appendix II).",
        },
    },
    {
        "slug": "43-2011-nd-cp",
        "kind": "nghi-dinh",
        "issuer": "chinh-phu",
        "number": "43/2011/NĐ-CP",
        "issued": dt.date(2011, 6, 13),
        "signer": "Nguyễn Tấn Dũng",
        "post": "Thủ tướng Chính phủ",
        "field": "thong-tin",
        "title": "Nghị định số 43/2011/NĐ-CP quy định về việc cung cấp thông tin và dịch vụ công trực tuyến trên "
        "trang thông tin điện tử hoặc cổng thông tin điện tử của cơ quan nhà nước",
        "summary": "Quy định việc cung cấp thông tin và dịch vụ công trực tuyến trên trang thông tin điện tử hoặc "
        "cổng thông tin điện tử của cơ quan nhà nước; các mức độ dịch vụ công trực tuyến từ 1 đến 4.",
        "text": [
            "Dịch vụ công trực tuyến mức độ 3 cho phép người sử dụng điền và gửi trực tuyến các mẫu văn "
            "bản; mức độ 4 cho phép thanh toán lệ phí và nhận kết quả trực tuyến."
        ],
        "file": "pdf",
    },
    {
        "slug": "42-2022-nd-cp",
        "kind": "nghi-dinh",
        "issuer": "chinh-phu",
        "number": "42/2022/NĐ-CP",
        "issued": dt.date(2022, 6, 24),
        "effective": dt.date(2022, 8, 15),
        "signer": "Vũ Đức Đam",
        "post": "Phó Thủ tướng",
        "field": "thong-tin",
        "title": "Nghị định số 42/2022/NĐ-CP quy định về việc cung cấp thông tin và dịch vụ công trực tuyến của "
        "cơ quan nhà nước trên môi trường mạng",
        "summary": "Quy định việc cung cấp thông tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi "
        "trường mạng; dịch vụ công trực tuyến toàn trình và một phần; thay thế Nghị định số 43/2011/NĐ-CP.",
        "text": [
            "Cổng thông tin điện tử, trang thông tin điện tử của cơ quan nhà nước phải công khai điều ước "
            "quốc tế, báo cáo tài chính năm, danh mục thông tin phải công khai và lấy ý kiến dự thảo văn bản."
        ],
        "file": "pdf",
        "relations": [("replaces", "43-2011-nd-cp")],
        "en": {
            "title": "Decree No. 42/2022/ND-CP on the online information and public services of state bodies",
            "summary": "Governs the information and online public services state bodies provide on the internet; "
            "full-process and partial online services; replaces Decree No. 43/2011/ND-CP.",
        },
    },
    {
        "slug": "06-2020-qd-ttg",
        "kind": "quyet-dinh-ttg",
        "issuer": "ttg",
        "number": "06/2020/QĐ-TTg",
        "issued": dt.date(2020, 2, 21),
        "signer": "Nguyễn Xuân Phúc",
        "post": "Thủ tướng Chính phủ",
        "field": "hoi-nghi",
        "title": "Quyết định số 06/2020/QĐ-TTg về tổ chức và quản lý hội nghị, hội thảo quốc tế tại Việt Nam",
        "summary": "Quy định thẩm quyền cho phép, thủ tục xin phép, tổ chức và quản lý hội nghị, hội thảo quốc "
        "tế tại Việt Nam; hồ sơ gửi chậm nhất 20 ngày trước ngày tổ chức.",
        "text": [
            "Cơ quan, đơn vị tổ chức hội nghị, hội thảo quốc tế gửi văn bản xin phép kèm mục đích, thời gian, "
            "địa điểm, chương trình, thành phần tham dự và nguồn kinh phí."
        ],
        "file": "pdf",
    },
    {
        "slug": "80-2020-nd-cp",
        "kind": "nghi-dinh",
        "issuer": "chinh-phu",
        "number": "80/2020/NĐ-CP",
        "issued": dt.date(2020, 7, 8),
        "signer": "Nguyễn Xuân Phúc",
        "post": "Thủ tướng Chính phủ",
        "field": "vien-tro",
        "title": "Nghị định số 80/2020/NĐ-CP về quản lý và sử dụng viện trợ không hoàn lại không thuộc hỗ trợ "
        "phát triển chính thức của các cơ quan, tổ chức, cá nhân nước ngoài dành cho Việt Nam",
        "summary": "Quy định nguyên tắc, trình tự, thủ tục tiếp nhận, quản lý và sử dụng các khoản viện trợ "
        "không hoàn lại không thuộc ODA của các tổ chức phi chính phủ nước ngoài.",
        "text": [
            "Hồ sơ tiếp nhận viện trợ gồm văn bản đề nghị, thư cam kết của bên tài trợ, văn kiện dự án và "
            "giấy tờ pháp lý của bên tài trợ."
        ],
        "file": "pdf",
    },
    {
        "slug": "45-qd-sngv-2021",
        "kind": "quyet-dinh",
        "issuer": "sngv",
        "number": "45/QĐ-SNgV",
        "issued": dt.date(2021, 3, 15),
        "effective": dt.date(2021, 3, 15),
        "signer": "Trần Công Phú",
        "post": "Giám đốc Sở",
        "field": "thong-tin",
        "title": "Quyết định số 45/QĐ-SNgV ban hành Quy chế hoạt động của Trang thông tin điện tử Sở Ngoại vụ",
        "summary": "Ban hành Quy chế hoạt động mới của Trang thông tin điện tử Sở Ngoại vụ, bổ sung trang tiếng "
        "Anh, quy trình duyệt hai bước và bảo mật tài khoản biên tập; thay thế Quyết định số 26/QĐ-SNgV.",
        "text": [
            "Tin, bài được phụ trách biên tập mục tin duyệt trước khi trình Trưởng Ban Biên tập phê duyệt "
            "đăng. Tài khoản có quyền duyệt đăng phải xác thực hai bước."
        ],
        "file": "docx",
        "relations": [("replaces", "26-qd-sngv-2012")],
        "en": {
            "title": "Decision No. 45/QD-SNgV issuing the new Rules of Operation of the Department's website",
            "summary": "Issues new rules of operation for the website, adding the English site, two-step "
            "approval and secured editor accounts; replaces Decision No. 26/QD-SNgV.",
        },
    },
    {
        "slug": "05-kh-sngv",
        "kind": "ke-hoach",
        "issuer": "sngv",
        "number": "05/KH-SNgV",
        "issued": 130,
        "signer": "Trần Công Phú",
        "post": "Giám đốc Sở",
        "field": "htqt",
        "title": "Kế hoạch số 05/KH-SNgV triển khai công tác đối ngoại năm của Sở Ngoại vụ",
        "summary": "Triển khai các nhiệm vụ đối ngoại trọng tâm trong năm: hợp tác với các địa phương kết nghĩa, "
        "xúc tiến đầu tư, vận động viện trợ phi chính phủ và công tác lãnh sự, biên giới.",
        "text": [
            "Phòng Hợp tác quốc tế chủ trì, phối hợp các phòng, đơn vị xây dựng chương trình đón và làm việc "
            "với các đoàn nước ngoài theo từng quý."
        ],
        "file": "pdf",
        "posted_late": 0,
    },
    {
        "slug": "1234-qd-ubnd",
        "kind": "quyet-dinh",
        "issuer": "ubnd",
        "number": "1234/QĐ-UBND",
        "issued": 95,
        "signer": "Phó Chủ tịch UBND tỉnh",
        "post": "",
        "field": "lanh-su",
        "title": "Quyết định số 1234/QĐ-UBND công bố danh mục thủ tục hành chính lĩnh vực ngoại vụ thuộc thẩm "
        "quyền giải quyết của Sở Ngoại vụ",
        "summary": "Công bố danh mục thủ tục hành chính lĩnh vực ngoại vụ áp dụng tại tỉnh, trong đó có thủ tục "
        "cho phép sử dụng thẻ ABTC và tổ chức hội nghị, hội thảo quốc tế.",
        "text": [
            "Danh mục gồm các thủ tục: cho phép doanh nhân sử dụng thẻ đi lại của doanh nhân APEC; cho phép "
            "tổ chức hội nghị, hội thảo quốc tế; tiếp nhận viện trợ phi chính phủ nước ngoài."
        ],
        "file": "pdf",
        "posted_late": 1,
    },
    {
        "slug": "58-qd-sngv",
        "kind": "quyet-dinh",
        "issuer": "sngv",
        "number": "58/QĐ-SNgV",
        "issued": 51,
        "signer": "Trần Công Phú",
        "post": "Giám đốc Sở",
        "field": "tai-chinh",
        "title": "Quyết định số 58/QĐ-SNgV ban hành Quy định chi trả nhuận bút, thù lao đối với tin, bài đăng "
        "trên Trang thông tin điện tử",
        "summary": "Định mức nhuận bút tin, bài tiếng Việt và tiếng Anh 50.000 đồng, tin sưu tầm 10.000 đồng, "
        "thù lao quản trị Trang 150.000 đồng mỗi tháng; trình tự lập chứng từ thanh toán theo quý.",
        "text": [
            "Văn phòng Sở tổng hợp danh sách tin, bài đã đăng theo quý, phối hợp Bộ phận Kế toán - Tài vụ "
            "lập chứng từ thanh toán nhuận bút."
        ],
        "file": "pdf",
        "relations": [("implements", "45-qd-sngv-2021")],
        "posted_late": 0,
    },
    {
        "slug": "18-tb-sngv",
        "kind": "thong-bao",
        "issuer": "sngv",
        "number": "18/TB-SNgV",
        "issued": 30,
        "signer": "Đặng Quốc Huy",
        "post": "Chánh Văn phòng",
        "field": "to-chuc",
        "title": "Thông báo số 18/TB-SNgV về lịch tiếp công dân định kỳ của Giám đốc Sở",
        "summary": "Giám đốc Sở tiếp công dân định kỳ vào sáng thứ Năm tuần thứ hai hằng tháng tại trụ sở Sở "
        "Ngoại vụ, số 12 Hà Nội, thành phố Huế.",
        "text": ["Công dân đến đăng ký tại Văn phòng Sở trước buổi tiếp ít nhất một ngày làm việc."],
        "file": "pdf",
        "posted_late": 0,
    },
    {
        "slug": "1245-sngv-vp",
        "kind": "cong-van",
        "issuer": "sngv",
        "number": "1245/SNgV-VP",
        "issued": 13,
        "signer": "Đặng Quốc Huy",
        "post": "Chánh Văn phòng",
        "field": "thong-tin",
        "title": "Công văn số 1245/SNgV-VP về việc đôn đốc cung cấp tin, bài cho Trang thông tin điện tử",
        "summary": "Đề nghị các phòng, đơn vị khẩn trương cung cấp tin, bài cho các mục tin cập nhật chậm; bảo "
        "đảm tần suất 10-12 lần mỗi tuần theo Kế hoạch hoạt động của Trang.",
        "text": ["Trong bốn tuần gần nhất, tần suất cập nhật tin tức của Trang mới đạt bình quân 8 lần mỗi tuần."],
        "file": "pdf",
        "posted_late": 3,
    },
    {
        "slug": "07-ct-sngv",
        "kind": "chi-thi",
        "issuer": "sngv",
        "number": "07/CT-SNgV",
        "issued": 6,
        "signer": "Trần Công Phú",
        "post": "Giám đốc Sở",
        "field": "thong-tin",
        "title": "Chỉ thị số 07/CT-SNgV về tăng cường bảo đảm an toàn thông tin trên Trang thông tin điện tử",
        "summary": "Yêu cầu thay đổi mật khẩu định kỳ, bật xác thực hai bước cho mọi tài khoản biên tập và sao "
        "lưu dữ liệu Trang hằng tuần; Văn phòng Sở kiểm tra và báo cáo hằng quý.",
        "text": ["Mọi tài khoản có quyền duyệt, đăng tin phải bật xác thực hai bước trước ngày 30 của tháng."],
        "file": "pdf",
        "posted_late": 1,
    },
]

TREATIES = [
    {
        "slug": "thoa-thuan-hop-tac-hue-rennes",
        "kind": TreatyPage.KIND_AGREEMENT,
        "partner": "Thành phố Rennes và Vùng đô thị Rennes Métropole",
        "country": "fr",
        "signatory": "Chủ tịch UBND tỉnh Thừa Thiên Huế",
        "place": "Rennes",
        "signed": dt.date(2019, 9, 12),
        "effective": dt.date(2019, 9, 12),
        "expiry": dt.date(2027, 9, 12),
        "field": "van-hoa",
        "title": "Thỏa thuận hợp tác phi tập trung giữa tỉnh Thừa Thiên Huế và thành phố Rennes (Pháp)",
        "summary": "Hợp tác trong bảo tồn di sản, quy hoạch đô thị, giao thông công cộng, giáo dục đại học và "
        "giao lưu văn hóa giai đoạn 2019-2027.",
        "en": {
            "title": "Decentralised cooperation agreement between Thua Thien Hue and the city of Rennes (France)",
            "summary": "Cooperation in heritage conservation, urban planning, public transport, higher education "
            "and cultural exchange for 2019-2027.",
        },
    },
    {
        "slug": "ghi-nho-hop-tac-hue-gyeongju",
        "kind": TreatyPage.KIND_AGREEMENT,
        "partner": "Thành phố Gyeongju, tỉnh Gyeongsangbuk",
        "country": "kr",
        "signatory": "Phó Chủ tịch UBND tỉnh",
        "place": "Huế",
        "signed": dt.date(2022, 11, 18),
        "effective": dt.date(2022, 11, 18),
        "field": "van-hoa",
        "title": "Biên bản ghi nhớ hợp tác giữa tỉnh Thừa Thiên Huế và thành phố Gyeongju (Hàn Quốc)",
        "summary": "Hợp tác hai cố đô trong du lịch di sản, đào tạo nguồn nhân lực và giao lưu thanh niên.",
    },
    {
        "slug": "thoa-thuan-hop-tac-thua-thien-hue-savannakhet",
        "kind": TreatyPage.KIND_AGREEMENT,
        "partner": "Tỉnh Savannakhet",
        "country": "la",
        "signatory": "Chủ tịch UBND tỉnh",
        "place": "Savannakhet",
        "signed": dt.date(2023, 3, 6),
        "effective": dt.date(2023, 3, 6),
        "expiry": dt.date(2028, 3, 6),
        "field": "htqt",
        "title": "Thỏa thuận hợp tác giai đoạn 2023-2028 giữa tỉnh Thừa Thiên Huế và tỉnh Savannakhet (Lào)",
        "summary": "Hợp tác quản lý biên giới, thương mại qua cửa khẩu, y tế, giáo dục và đào tạo cán bộ Lào.",
        "en": {
            "title": "Cooperation agreement 2023-2028 between Thua Thien Hue and Savannakhet Province (Laos)",
            "summary": "Cooperation in border management, cross-border trade, health, education and training.",
        },
    },
    {
        "slug": "thoa-thuan-dai-hoc-hue-kyoto",
        "kind": TreatyPage.KIND_AGREEMENT,
        "partner": "Tỉnh Kyoto",
        "country": "jp",
        "signatory": "Giám đốc Sở Ngoại vụ",
        "place": "Kyoto",
        "signed": dt.date(2016, 4, 20),
        "effective": dt.date(2016, 4, 20),
        "expiry": dt.date(2021, 4, 20),
        "field": "giao-duc",
        "title": "Thỏa thuận hợp tác đào tạo nhân lực du lịch giữa tỉnh Thừa Thiên Huế và tỉnh Kyoto (Nhật Bản)",
        "summary": "Trao đổi học viên, chuyên gia và kinh nghiệm đào tạo nhân lực du lịch giai đoạn 2016-2021.",
    },
]


def _vocabulary(model, rows) -> dict:
    found = {}
    for order, (key, name_vi, name_en) in enumerate(rows):
        found[key], _ = model.objects.get_or_create(name_vi=name_vi, defaults={"name_en": name_en, "sort_order": order})
    return found


def _issue_date(value) -> dt.date:
    if isinstance(value, dt.date):
        return value
    day = timezone.localdate() - dt.timedelta(days=value)
    while not is_working_day(day):
        day -= dt.timedelta(days=1)
    return day


def _published_at(issued: dt.date, late_days: int) -> dt.datetime:
    """Posted the working day after issue (on time), or `late_days` working days after that."""
    moment = timezone.make_aware(dt.datetime.combine(issued, dt.time(9, 30)))
    return add_working_days(moment, 1 + late_days) if late_days else add_working_days(moment, 1)


def _pdf(title: str, paragraphs: list[str]) -> bytes:
    from weasyprint import HTML

    body = "".join(f"<p>{escape(text)}</p>" for text in paragraphs)
    return HTML(string=f"<h1>{escape(title)}</h1>{body}").write_pdf()


def _docx(title: str, paragraphs: list[str]) -> bytes:
    """A minimal Word document (the parts Word and mammoth need), written without a template."""
    runs = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in [title, *paragraphs])
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{runs}</w:body></w:document>"
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", content_types)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", document)
    return output.getvalue()


def demo_file(*, slug: str, title: str, paragraphs: list[str], kind: str = "pdf"):
    """The library file of a demo entry (made once, found again by its title)."""
    Document = get_document_model()
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    data = _docx(title, paragraphs) if kind == "docx" else _pdf(title, paragraphs)
    return Document.objects.create(title=title, file=ContentFile(data, name=f"{slug}.{kind}"))


def _publish(page, when: dt.datetime | None = None):
    if when is not None:
        page.first_published_at = page.last_published_at = when
        page.save()
    page.save_revision().publish()
    return page


def _translate(page, en: Locale, data: dict, **fields):
    if page.get_translations().filter(locale=en).exists():
        return
    translation = page.copy_for_translation(en).specific
    translation.title = data["title"]
    translation.summary = data["summary"]
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.first_published_at = page.first_published_at + dt.timedelta(hours=20)
    translation.save()
    translation.save_revision().publish()


def ensure_demo_documents() -> None:
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    kinds = _vocabulary(DocumentKind, KINDS)
    issuers = _vocabulary(Issuer, ISSUERS)
    fields = _vocabulary(LegalField, FIELDS)
    countries = _vocabulary(Country, COUNTRIES)
    registry = DocumentIndexPage.objects.filter(locale=vi).first()
    if registry is not None:
        pages = {}
        for data in DOCUMENTS:
            pages[data["slug"]] = _document(registry, data, kinds, issuers, fields)
        for data in DOCUMENTS:
            page = pages[data["slug"]]
            if data.get("relations") and not page.relations.exists():
                for kind, target in data["relations"]:
                    DocumentRelation.objects.create(source=page, kind=kind, target=pages[target])
                page.save_revision().publish()
        for data in DOCUMENTS:
            if data.get("en"):
                _translate(pages[data["slug"]], en, data["en"])
    treaties = TreatyIndexPage.objects.filter(locale=vi).first()
    if treaties is not None:
        for data in TREATIES:
            page = _treaty(treaties, data, countries, fields)
            if data.get("en"):
                _translate(page, en, data["en"])


def _document(registry, data, kinds, issuers, fields) -> DocumentPage:
    existing = DocumentPage.objects.child_of(registry).filter(slug=data["slug"]).first()
    if existing is not None:
        return existing
    issued = _issue_date(data["issued"])
    file = demo_file(slug=data["slug"], title=data["title"], paragraphs=data["text"], kind=data["file"])
    page = registry.add_child(
        instance=DocumentPage(
            title=data["title"],
            slug=data["slug"],
            number=data["number"],
            kind=kinds[data["kind"]],
            issuer=issuers[data["issuer"]],
            signer=data["signer"],
            signer_post=data["post"],
            issue_date=issued,
            effective_date=data.get("effective"),
            field=fields[data["field"]],
            summary=data["summary"],
            files=[DocumentFile(document=file)],
        )
    )
    return _publish(page, _published_at(issued, data.get("posted_late", 0)))


def _treaty(index, data, countries, fields) -> TreatyPage:
    existing = TreatyPage.objects.child_of(index).filter(slug=data["slug"]).first()
    if existing is not None:
        return existing
    file = demo_file(slug=data["slug"], title=data["title"], paragraphs=[data["summary"]])
    page = index.add_child(
        instance=TreatyPage(
            title=data["title"],
            slug=data["slug"],
            kind=data["kind"],
            partner=data["partner"],
            country=countries[data["country"]],
            signatory=data["signatory"],
            place_signed=data["place"],
            date_signed=data["signed"],
            effective_date=data.get("effective"),
            expiry_date=data.get("expiry"),
            field=fields[data["field"]],
            summary=data["summary"],
            files=[TreatyFile(document=file)],
        )
    )
    return _publish(page, _published_at(data["signed"], 1))
