"""Demo protocol handbook: chapters and sections on diplomatic protocol and customs (Appendix I row 14)."""

import datetime as dt

from django.utils import timezone
from django.utils.html import escape
from wagtail.models import Locale

from portal.handbook.models import HandbookIndexPage, HandbookPage

# (slug, title, summary, paragraphs, sections)
CHAPTERS = [
    (
        "don-tiep-khach-quoc-te",
        "Đón tiếp khách quốc tế",
        "Những nguyên tắc chung khi đón tiếp đoàn khách nước ngoài đến làm việc với tỉnh.",
        [
            "Việc đón tiếp bảo đảm trọng thị, đúng cấp, tiết kiệm; chương trình được thống nhất trước với phía bạn.",
            "Cán bộ đón tiếp cần nắm rõ thành phần đoàn, chức danh, cách xưng hô và những kiêng kỵ của khách.",
        ],
        [
            (
                "thu-tu-uu-tien-nghi-le",
                "Thứ tự ưu tiên trong nghi lễ",
                "Nguyên tắc xếp thứ tự ưu tiên theo cấp bậc, chức vụ.",
                ["Thứ tự ưu tiên căn cứ chức vụ; khi cùng chức vụ, khách nước ngoài được ưu tiên hơn chủ nhà."],
            ),
            (
                "xep-cho-ngoi-hoi-dam",
                "Xếp chỗ ngồi khi hội đàm",
                "Bố trí bàn hội đàm và chỗ ngồi của hai đoàn.",
                ["Trưởng đoàn hai bên ngồi đối diện ở giữa bàn; phiên dịch ngồi bên phải trưởng đoàn."],
            ),
        ],
    ),
    (
        "quoc-ky-va-nghi-thuc",
        "Quốc kỳ và nghi thức",
        "Treo, cắm quốc kỳ trong hoạt động đối ngoại.",
        [
            "Khi treo quốc kỳ Việt Nam cùng quốc kỳ nước khác, các lá cờ có cùng kích thước và cùng độ cao.",
            "Nhìn từ phía trước, quốc kỳ của khách đặt bên phải, quốc kỳ Việt Nam đặt bên trái.",
        ],
        [],
    ),
    (
        "phong-tuc-cac-nuoc",
        "Phong tục tập quán các nước",
        "Những lưu ý khi tiếp đón khách từ các nền văn hóa khác nhau.",
        ["Tìm hiểu phong tục của khách giúp buổi làm việc thân thiện, tránh những hiểu lầm không đáng có."],
        [
            (
                "khach-nhat-ban",
                "Khách Nhật Bản",
                "Đúng giờ, danh thiếp và quà tặng khi tiếp khách Nhật Bản.",
                ["Trao và nhận danh thiếp bằng hai tay; quà tặng được gói cẩn thận, tránh số 4 và số 9."],
            ),
            (
                "khach-lao",
                "Khách Lào",
                "Chào hỏi và giao tiếp với bạn bè Lào.",
                ["Người Lào chào bằng cách chắp hai tay trước ngực (nop); không chạm vào đầu người khác."],
            ),
        ],
    ),
]
EN = {
    "don-tiep-khach-quoc-te": (
        "Receiving foreign guests",
        "General principles for receiving foreign delegations.",
        ["Receptions are courteous, at the right level and economical."],
    )
}


def _body(paragraphs) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in paragraphs)


def _chapter(parent, slug, title, summary, paragraphs, published) -> HandbookPage:
    page = HandbookPage.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = parent.add_child(
            instance=HandbookPage(
                title=title, slug=slug, summary=summary, body=_body(paragraphs), first_published_at=published
            )
        )
        page.save_revision().publish()
    return page


def ensure_demo_handbook() -> None:
    vi = Locale.objects.get(language_code="vi")
    en = Locale.objects.get(language_code="en")
    index = HandbookIndexPage.objects.filter(locale=vi).first()
    if index is None:
        return
    published = timezone.now() - dt.timedelta(days=120)
    for slug, title, summary, paragraphs, sections in CHAPTERS:
        chapter = _chapter(index, slug, title, summary, paragraphs, published)
        for section_slug, section_title, section_summary, section_paragraphs in sections:
            _chapter(chapter, section_slug, section_title, section_summary, section_paragraphs, published)
        if slug in EN and not chapter.get_translations().filter(locale=en).exists():
            translation = chapter.copy_for_translation(en).specific
            translation.title, translation.summary, body = EN[slug]
            translation.body = _body(body)
            translation.save_revision().publish()
