"""The minutes of a meeting, exported as DOCX and PDF in the form of Decree 30/2020/NĐ-CP, and read back."""

from io import BytesIO

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _docx_text(content: bytes) -> str:
    import docx

    document = docx.Document(BytesIO(content))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts += [paragraph.text for paragraph in cell.paragraphs]
    return "\n".join(texts)


def _pdf_text(content: bytes) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


DECREE_30_PARTS = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 05/BB-BBT",
    "ngày 10 tháng 7 năm 2017",
    "BIÊN BẢN",
    "Họp Ban Biên tập quý II năm 2017",
    "Thời gian bắt đầu: 08 giờ 00, ngày 10/07/2017",
    "Địa điểm: Phòng họp tầng 2",
    "Chủ trì: Hoàng Đức Anh",
    "Thư ký (người ghi biên bản): Phạm Minh Tuấn",
    "Đại diện Sở Thông tin và Truyền thông",
    "Góp ý giao diện trang tiếng Anh",
    "Kết luận: Thống nhất hoàn thiện trong quý III.",
    "Giao các phòng bổ sung tin bài",
    "Cuộc họp kết thúc vào lúc 10 giờ 30, ngày 10/07/2017.",
    "THƯ KÝ",
    "CHỦ TỌA",
    "Nơi nhận:",
    "Thành viên Ban Biên tập",
)


@pytest.mark.parametrize("extension", ["docx", "pdf"])
def test_the_minutes_read_back_with_the_parts_of_decree_30(signed_in, meeting, extension):
    client = signed_in("chief")  # the editor-in-chief reads and exports them
    response = client.get(reverse("board_minutes", args=[meeting.pk, extension]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="bien-ban-2017-07-10-{meeting.pk}.{extension}"'
    text = (_docx_text if extension == "docx" else _pdf_text)(response.content)
    flat = " ".join(text.split())
    for part in DECREE_30_PARTS:
        assert " ".join(part.split()) in flat, part
    assert "Trần Thị Mai" not in flat  # only the attendees are named
    for name in ("Hoàng Đức Anh", "Phạm Minh Tuấn", "Nguyễn Thị Hồng"):
        assert name in flat, flat[:600]
    # the secretary signs on the left, the chair on the right, each with their name under the title
    assert flat.index("THƯ KÝ") < flat.rindex("Phạm Minh Tuấn")
    assert flat.index("CHỦ TỌA") < flat.rindex("Hoàng Đức Anh")


def test_an_unknown_format_is_a_clear_404(signed_in, meeting):
    client = signed_in("secretariat")
    assert client.get(reverse("board_minutes", args=[meeting.pk, "odt"])).status_code == 404
    assert client.get(reverse("board_minutes", args=[987654, "pdf"])).status_code == 404
