"""The demo's feed sources: the three official sources of Appendix I, inactive, with a few inbox entries."""

import datetime as dt

from django.utils import timezone

from portal.collected.models import FeedSource, InboxEntry
from portal.news.models import SectionPage

DEMO_SOURCES = [
    {
        "name": "Báo Điện tử Chính phủ",
        "site_url": "https://baochinhphu.vn",
        "feed_url": "https://baochinhphu.vn/rss/thoi-su.rss",
        "category": "tin-tuc-su-kien",
        "entries": [
            (
                "Chính phủ đẩy mạnh chuyển đổi số trong cung cấp dịch vụ công",
                "Thủ tướng yêu cầu các bộ, ngành, địa phương hoàn thành việc cung cấp "
                "dịch vụ công trực tuyến toàn trình.",
                "https://baochinhphu.vn/chinh-phu-day-manh-chuyen-doi-so-trong-cung-cap-dich-vu-cong.htm",
                3,
            ),
            (
                "Tăng cường công tác thông tin đối ngoại năm mới",
                "Các cơ quan chủ động cung cấp thông tin chính thống, kịp thời về chủ trương, chính sách.",
                "https://baochinhphu.vn/tang-cuong-cong-tac-thong-tin-doi-ngoai-nam-moi.htm",
                27,
            ),
        ],
    },
    {
        "name": "Cổng Thông tin điện tử tỉnh Thừa Thiên Huế",
        "site_url": "https://thuathienhue.gov.vn",
        "feed_url": "https://thuathienhue.gov.vn/rss/tin-tuc-su-kien.rss",
        "category": "tin-tuc-su-kien",
        "entries": [
            (
                "Thừa Thiên Huế đón đoàn doanh nghiệp Nhật Bản tìm hiểu cơ hội đầu tư",
                "Lãnh đạo tỉnh tiếp đoàn doanh nghiệp Nhật Bản, bàn hợp tác về du lịch và công nghệ.",
                "https://thuathienhue.gov.vn/vi-vn/Tin-tuc-su-kien/don-doan-doanh-nghiep-nhat-ban",
                6,
            ),
            (
                "Festival Huế thu hút đông đảo du khách quốc tế",
                "Nhiều hoạt động văn hóa đặc sắc diễn ra tại Đại Nội, thu hút du khách trong và ngoài nước.",
                "https://thuathienhue.gov.vn/vi-vn/Tin-tuc-su-kien/festival-hue-thu-hut-du-khach-quoc-te",
                50,
            ),
        ],
    },
    {
        "name": "Cổng Thông tin điện tử Bộ Ngoại giao",
        "site_url": "https://mofa.gov.vn",
        "feed_url": "https://mofa.gov.vn/rss/tin-hoat-dong.rss",
        "category": "chinh-sach-doi-ngoai",
        "entries": [
            (
                "Họp báo thường kỳ của Người Phát ngôn Bộ Ngoại giao",
                "Người Phát ngôn trả lời câu hỏi của phóng viên về các vấn đề quốc tế và khu vực được quan tâm.",
                "https://mofa.gov.vn/tin-hoat-dong/hop-bao-thuong-ky-cua-nguoi-phat-ngon",
                9,
            ),
            (
                "Hội nghị Ngoại vụ toàn quốc bàn giải pháp nâng cao hiệu quả đối ngoại địa phương",
                "Hội nghị tổng kết công tác đối ngoại địa phương và đề ra phương hướng nhiệm vụ trong thời gian tới.",
                "https://mofa.gov.vn/tin-hoat-dong/hoi-nghi-ngoai-vu-toan-quoc",
                74,
            ),
        ],
    },
]


def ensure_demo_sources() -> list[FeedSource]:
    """The three official sources of Appendix I and a few inbox entries. Idempotent; nothing is fetched.

    Who may keep the source list is a role's business (portal.units.roles: the secretariat).
    """
    sources = []
    now = timezone.now()
    for data in DEMO_SOURCES:
        category = SectionPage.objects.filter(slug=data["category"], locale__language_code="vi").first()
        source, _created = FeedSource.objects.get_or_create(
            feed_url=data["feed_url"],
            # Inactive: the demo never reaches out to the Internet; the secretariat switches real ones on.
            defaults={
                "name": data["name"],
                "site_url": data["site_url"],
                "default_category": category,
                "active": False,
            },
        )
        for title, summary, link, hours_ago in data["entries"]:
            InboxEntry.objects.get_or_create(
                source=source,
                guid=link,
                defaults={
                    "title": title,
                    "summary": summary,
                    "link": link,
                    "published_at": now - dt.timedelta(hours=hours_ago),
                    "fetched_at": now,
                },
            )
        sources.append(source)
    return sources
