"""Feeds the tests serve from 127.0.0.1: good RSS 2.0 and Atom with Vietnamese titles, and hostile ones."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Báo Điện tử Chính phủ - Thời sự</title>
    <link>https://baochinhphu.vn</link>
    <description>Tin thời sự</description>
    <item>
      <title>Thủ tướng chủ trì hội nghị về ngoại giao kinh tế</title>
      <link>https://baochinhphu.vn/thu-tuong-chu-tri-hoi-nghi-ngoai-giao-kinh-te.htm</link>
      <guid>https://baochinhphu.vn/thu-tuong-chu-tri-hoi-nghi-ngoai-giao-kinh-te.htm</guid>
      <description><![CDATA[<p>Hội nghị bàn giải pháp <b>thúc đẩy</b> ngoại giao kinh tế
        &amp; thu hút đầu tư.</p>]]></description>
      <pubDate>Mon, 16 Mar 2026 08:30:00 +0700</pubDate>
    </item>
    <item>
      <title>Đoàn công tác của tỉnh thăm và làm việc tại Lào</title>
      <link>https://baochinhphu.vn/doan-cong-tac-tham-lao.htm</link>
      <description>Tăng cường hợp tác hữu nghị giữa hai địa phương.</description>
      <pubDate>16/03/2026 9 giờ sáng</pubDate>
    </item>
    <item>
      <title>Họp báo Chính phủ thường kỳ tháng 3</title>
      <guid isPermaLink="false">hop-bao-thang-3</guid>
    </item>
  </channel>
</rss>
"""

RSS_MORE = RSS.replace(
    "  </channel>",
    """    <item>
      <title>Việt Nam và Nhật Bản ký kết hợp tác địa phương</title>
      <link>https://baochinhphu.vn/viet-nam-nhat-ban-hop-tac-dia-phuong.htm</link>
      <pubDate>Tue, 17 Mar 2026 10:00:00 +0700</pubDate>
    </item>
  </channel>""",
)

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Bộ Ngoại giao - Tin hoạt động</title>
  <id>tag:mofa.gov.vn,2026:tin-hoat-dong</id>
  <updated>2026-03-16T09:00:00+07:00</updated>
  <entry>
    <title type="html">Người Phát ngôn Bộ Ngoại giao trả lời phóng viên</title>
    <id>tag:mofa.gov.vn,2026:1001</id>
    <link rel="alternate" href="https://mofa.gov.vn/tin-hoat-dong/nguoi-phat-ngon-tra-loi-phong-vien"/>
    <updated>2026-03-16T09:00:00+07:00</updated>
    <summary type="html">&lt;p&gt;Về tình hình khu vực và quốc tế.&lt;/p&gt;</summary>
  </entry>
  <entry>
    <title>Hội nghị Ngoại vụ toàn quốc lần thứ 21</title>
    <id>tag:mofa.gov.vn,2026:1002</id>
    <link href="https://mofa.gov.vn/tin-hoat-dong/hoi-nghi-ngoai-vu-toan-quoc"/>
    <updated>not a date at all</updated>
    <content type="html">&lt;p&gt;Đánh giá công tác đối ngoại địa phương.&lt;/p&gt;</content>
  </entry>
</feed>
"""

HOSTILE = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>x</title>
  <item>
    <title>Tin nóng &lt;script&gt;alert('xss')&lt;/script&gt; hôm nay</title>
    <link>javascript:alert(1)</link>
    <guid>hostile-1</guid>
    <description><![CDATA[<script>alert(1)</script><img src="x" onerror="alert(2)">
      Nội dung <a href="javascript:alert(3)">độc hại</a>]]></description>
  </item>
  <item>
    <title><![CDATA[<script>document.cookie</script>Tiêu đề <b>đậm</b>]]></title>
    <link>https://example.org/bai-2</link>
  </item>
  <item>
    <title>&amp;lt;script&amp;gt;alert(1)&amp;lt;/script&amp;gt;Tin thứ ba</title>
    <link>https://example.org/bai-3</link>
  </item>
</channel></rss>
"""

HTML_PAGE = "<!DOCTYPE html><html><head><title>Trang chủ</title></head><body><p>Không phải RSS<br></body></html>"
INVALID_XML = '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Tin <b>dở dang</title></item></channel>'
BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
 <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
 <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
 <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
 <!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">
 <!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">
]>
<rss version="2.0"><channel><title>x</title><item><title>&f;</title><guid>lol</guid></item></channel></rss>
"""
HUGE = b'<?xml version="1.0"?><rss version="2.0"><channel>' + b"<!-- padding -->" * (6 * 1024 * 1024 // 16)


class Route:
    def __init__(
        self,
        body: str | bytes,
        *,
        status: int = 200,
        content_type: str = "application/rss+xml",
        delay: float = 0,
        content_length: bool = True,
    ):
        self.body = body.encode() if isinstance(body, str) else body
        self.status, self.content_type, self.delay, self.content_length = status, content_type, delay, content_length
        self.headers: dict[str, str] = {}


class FeedServer:
    """An HTTP server on a random port of 127.0.0.1; `routes` maps a path to what it serves."""

    def __init__(self):
        self.routes: dict[str, Route] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                route = server.routes.get(self.path) or Route("Not found", status=404, content_type="text/plain")
                time.sleep(route.delay)
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    if route.content_length:
                        self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    self.wfile.write(route.body)
                except OSError:
                    pass  # the client gave up (timeout, size cap): expected

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()
