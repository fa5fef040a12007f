"""Invented news articles, rendered as people hold them: a `.txt` page, an e-paper PDF page, a saved web page.

Every sentence here is invented for the tests (the zones are real places, the figures,
companies and people are not). The renderers put the same articles into the layouts the
loaders must read: a broadsheet PDF page in two or three columns with kickers,
headlines, bylines, photo captions and a running head (reportlab with its built-in
Adobe CJK font STSong-Light, so no font file is needed), and web pages with the chrome
a news site wraps around an article (navigation, related and most-read lists, share
buttons, comments, footer), whose numbers and zone names must never become facts.
"""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path


@dataclass(frozen=True)
class Story:
    title: str
    paragraphs: tuple[str, ...]
    kicker: str | None = None
    byline: str | None = None
    caption: str | None = None
    published_on: date = date(2024, 10, 15)

    @property
    def full_title(self) -> str:
        return f"{self.kicker}{self.title}" if self.kicker else self.title


STORIES: tuple[Story, ...] = (
    Story(
        kicker="株洲高新区：",
        title="轨道交通产业链加速集聚",
        byline="本报记者 林晓 通讯员 周岩",
        paragraphs=(
            "本报讯 今年前三季度，株洲高新区实现规模以上工业总产值812.6亿元，同比增长9.4%；"
            "新增国家高新技术企业56家，园区创新主体持续壮大。",
            "在园区东部的产业新城，星衡轨道装备有限公司投资12亿元建设的智能转向架生产基地项目于9月18日开工，"
            "项目建成后将形成年产3000套转向架的能力。",
            "株洲高新区有关负责人表示，园区将围绕轨道交通、航空动力两条主导产业链精准招商，"
            "持续优化营商环境，推动更多优质项目落地见效。",
        ),
        caption="图为星衡轨道装备有限公司的总装车间。",
    ),
    Story(
        title="芜湖高新区集中签约15个重大项目",
        byline="本报记者 韩松",
        paragraphs=(
            "本报讯 10月12日，芜湖高新区举行重大项目集中签约仪式，15个项目现场签约，总投资额达186亿元，"
            "涵盖新能源汽车零部件、智能装备和新材料等领域。",
            "其中，澜启新能源科技有限公司拟投资35亿元建设动力电池正极材料项目，项目全部达产后预计年产值可达60亿元。",
            "截至目前，芜湖高新区已集聚新能源汽车产业链企业230余家，产业集群效应日益凸显。",
        ),
    ),
    Story(
        title="湘潭高新区研发投入强度再创新高",
        byline="本报记者 苏文",
        paragraphs=(
            "本报讯 记者从湘潭高新区获悉，2023年该区研发经费投入强度达到4.2%，"
            "全年新增授权发明专利1260件，技术合同成交额突破40亿元。",
            "近年来，湘潭高新区持续加大对企业研发的奖补力度，"
            "引导企业建设研发中心和中试基地，科技成果就地转化的链条更加完整。",
        ),
        caption="图为湘潭高新区一家企业的研发实验室。",
    ),
)


# --- .txt ----------------------------------------------------------------------------------


def to_txt(stories: tuple[Story, ...] = STORIES) -> str:
    """A plain-text page as the extraction of a broadsheet gives it: title lines, bylines, paragraphs."""
    out: list[str] = []
    for s in stories:
        if s.kicker:
            out.append(s.kicker)
        out.append(s.title)
        if s.byline:
            out.append(f"◎{s.byline}")
        out.extend(s.paragraphs)
        if s.caption:
            out.append(s.caption)
        out.append("")
    return "\n".join(out)


# --- PDF -----------------------------------------------------------------------------------

FONT = "STSong-Light"
PAGE_W, PAGE_H = 842.0, 1191.0  # A3, the size e-paper pages are published in
MARGIN = 48.0
GUTTER = 16.0
BODY = 10.0
LEADING = 15.0
HEADLINE = 22.0
KICKER = 14.0
CAPTION = 8.5


def _register_font() -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _wrap(text: str, width: float, size: float, indent: float = 0.0) -> list[str]:
    """Break a paragraph into lines that fit `width` (the first line indented)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines, cur, room = [], "", width - indent
    for ch in text:
        if cur and stringWidth(cur + ch, FONT, size) > room:
            lines.append(cur)
            cur, room = "", width
        cur += ch
    if cur:
        lines.append(cur)
    return lines


@dataclass
class _Frame:
    """A rectangle of the page an article is set into: x, top (distance from the top edge), width, columns."""

    x: float
    top: float
    width: float
    columns: int
    height: float
    lines: list = field(default_factory=list)


def _set_story(c, s: Story, frame: _Frame) -> float:
    """Set one story into its frame: kicker and headline across it, text in its columns; returns its bottom."""
    y = frame.top
    if s.kicker:
        y += KICKER * 1.3
        c.setFont(FONT, KICKER)
        c.drawString(frame.x, PAGE_H - y, s.kicker)
    c.setFont(FONT, HEADLINE)
    for line in _wrap(s.title, frame.width, HEADLINE):
        y += HEADLINE * 1.25
        c.drawString(frame.x, PAGE_H - y, line)
    y += HEADLINE * 0.6
    col_w = (frame.width - GUTTER * (frame.columns - 1)) / frame.columns
    items: list[tuple[str, float, float]] = []  # (text, size, indent)
    if s.byline:
        items.append((f"◎{s.byline}", BODY, 0.0))
    for p in s.paragraphs:
        for k, line in enumerate(_wrap(p, col_w, BODY, indent=2 * BODY)):
            items.append((line, BODY, 2 * BODY if k == 0 else 0.0))
    per_col = -(-len(items) // frame.columns)
    bottom = y
    for k in range(frame.columns):
        cx = frame.x + k * (col_w + GUTTER)
        cy = y
        for text, size, indent in items[k * per_col : (k + 1) * per_col]:
            cy += LEADING
            c.setFont(FONT, size)
            c.drawString(cx + indent, PAGE_H - cy, text)
        bottom = max(bottom, cy)
    if s.caption:  # a photo across the last column, its caption under it
        cx = frame.x + (frame.columns - 1) * (col_w + GUTTER)
        c.setFillGray(0.8)
        c.rect(cx, PAGE_H - bottom - 12 - 90, col_w, 90, stroke=0, fill=1)
        c.setFillGray(0)
        cy = bottom + 12 + 90
        c.setFont(FONT, CAPTION)
        for line in _wrap(s.caption, col_w, CAPTION):
            cy += CAPTION * 1.4
            c.drawString(cx, PAGE_H - cy, line)
        bottom = cy
    return bottom


def _running_head(c, when: date, page: int) -> None:
    c.setFont(FONT, 9)
    c.drawString(MARGIN, PAGE_H - 30, f"{when.year}年{when.month}月{when.day}日 星期二")
    c.drawString(PAGE_W / 2 - 30, PAGE_H - 30, "园区纵横")
    c.drawString(PAGE_W - MARGIN - 80, PAGE_H - 30, f"第{page}版 编辑：郑宁")
    c.line(MARGIN, PAGE_H - 38, PAGE_W - MARGIN, PAGE_H - 38)


def to_pdf(path: Path, stories: tuple[Story, ...] = STORIES, columns: int = 3, pages: int = 1) -> Path:
    """An e-paper PDF: on each page, the stories laid out in a `columns`-column broadsheet grid.

    Two columns: the stories stacked, each across both columns. Three columns: the first
    and third story across columns 1-2 one above the other, the second down column 3.
    """
    from reportlab.pdfgen import canvas

    _register_font()
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.setTitle("e-paper")
    width = PAGE_W - 2 * MARGIN
    col_w = (width - GUTTER * (columns - 1)) / columns
    for n in range(1, pages + 1):
        _running_head(c, stories[0].published_on, n)
        top = 60.0
        if columns == 2:
            for s in stories:
                top = _set_story(c, s, _Frame(MARGIN, top, width, 2, 0)) + 40
        else:
            wide = 2 * col_w + GUTTER
            main = [s for k, s in enumerate(stories) if k != 1]
            side = stories[1] if len(stories) > 1 else None
            for s in main:
                top = _set_story(c, s, _Frame(MARGIN, top, wide, 2, 0)) + 40
            if side is not None:
                _set_story(c, side, _Frame(MARGIN + wide + GUTTER, 60.0, col_w, 1, 0))
        c.setFont(FONT, 9)
        c.drawString(PAGE_W / 2 - 5, 24, str(n))
        c.showPage()
    c.save()
    return path


def scanned_pdf(path: Path) -> Path:
    """A PDF page holding only a picture of text, as a scanner makes it: no text layer."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    img = Image.new("L", (600, 800), 255)
    draw = ImageDraw.Draw(img)
    for k in range(40):
        draw.rectangle((40, 40 + k * 18, 40 + (k * 37) % 500 + 60, 50 + k * 18), fill=30)
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H))
    c.drawImage(ImageReader(img), 0, 0, PAGE_W, PAGE_H)
    c.showPage()
    c.save()
    return path


def encrypted_pdf(path: Path, stories: tuple[Story, ...] = STORIES, user_password: str = "secret") -> Path:
    """The same page, protected: with a user password it cannot be opened without it."""
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    _register_font()
    enc = StandardEncryption(user_password, ownerPassword="owner", canPrint=1, canCopy=0)
    c = canvas.Canvas(str(path), pagesize=(PAGE_W, PAGE_H), encrypt=enc)
    _set_story(c, stories[0], _Frame(MARGIN, 60.0, PAGE_W - 2 * MARGIN, 2, 0))
    c.showPage()
    c.save()
    return path


# --- HTML ----------------------------------------------------------------------------------

CHROME_NUMBERS = ("9999", "8888", "7777", "6666", "5555", "4444", "3333")
CHROME_ZONES = ("洛阳高新区", "绵阳高新区")


def _e(text: str) -> str:
    return html_lib.escape(text, quote=True)


def to_html(story: Story, charset: str = "utf-8", declare: bool = True, meta_date: bool = True) -> str:
    """A saved news page: one invented article inside realistic site chrome.

    The chrome's lists and comments carry numbers (9999, 8888 ...) and zones
    (洛阳高新区, 绵阳高新区) that the article never mentions, so any of them in the
    warehouse is a fact read from boilerplate.
    """
    when = story.published_on.isoformat()
    meta = []
    if declare:
        meta.append(f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">')
    if meta_date:
        meta.append(f'<meta name="publishdate" content="{when}">')
        meta.append(f'<meta property="article:published_time" content="{when}T09:30:00+08:00">')
    paras = "\n".join(f"      <p>{_e(p)}</p>" for p in story.paragraphs)
    caption = f'<p class="pic-note">{_e(story.caption)}</p>' if story.caption else ""
    byline = f'<p class="author">{_e(story.byline)}</p>' if story.byline else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
  {" ".join(meta)}
  <title>{_e(story.full_title)}_园区要闻_高新观察网</title>
  <meta name="keywords" content="高新区,园区,{CHROME_ZONES[0]}">
  <meta name="description" content="{_e(story.paragraphs[0][:40])}">
  <link rel="stylesheet" href="/static/site.css">
  <script>var _hmt = _hmt || []; window.pv = 9999;</script>
</head>
<body>
  <div class="topbar">欢迎访问高新观察网！今天是2024年10月15日 <a href="/login">登录</a> <a href="/reg">注册</a></div>
  <div class="header"><a href="/"><img src="/logo.png" alt="高新观察网"></a>
    <form action="/search"><input name="q" placeholder="搜索"><button>搜索</button></form></div>
  <ul class="nav">
    <li><a href="/">首页</a></li><li><a href="/yq/">园区要闻</a></li><li><a href="/cy/">产业动态</a></li>
    <li><a href="/zt/">专题</a></li><li><a href="/lyq/">{CHROME_ZONES[0]}频道</a></li>
    <li><a href="/sj/">数据 9999亿元产业集群</a></li>
  </ul>
  <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/yq/">园区要闻</a> &gt; 正文</div>
  <div class="main">
    <div class="article">
      <h1>{_e(story.full_title)}</h1>
      <div class="info">发布时间：{when} 09:30　来源：高新观察网　阅读：8888</div>
      {byline}
      <div class="content">
{paras}
      {caption}
      </div>
      <div class="editor">（责任编辑：郑宁）</div>
      <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="#">QQ空间</a> 点赞 7777</div>
      <div class="prev-next"><a href="/yq/1.html">上一篇：{CHROME_ZONES[1]}新增企业6666家</a>
        <a href="/yq/3.html">下一篇：园区营收突破5555亿元</a></div>
    </div>
    <div class="related"><h3>相关新闻</h3><ul>
      <li><a href="/yq/11.html">{CHROME_ZONES[0]}前三季度工业产值增长4444%</a> 2024-10-10</li>
      <li><a href="/yq/12.html">{CHROME_ZONES[1]}签约3333个项目总投资9999亿元</a> 2024-10-09</li>
      <li><a href="/yq/13.html">园区新增高新技术企业8888家</a> 2024-10-08</li>
    </ul></div>
    <div class="comments"><h3>网友评论（7777条）</h3>
      <div class="comment"><span class="user">网友甲</span>：{CHROME_ZONES[0]}去年就有6666家企业了，发展真快！</div>
      <div class="comment"><span class="user">网友乙</span>：希望{CHROME_ZONES[1]}也能投资5555亿元建设新项目。</div>
    </div>
  </div>
  <div class="side"><h3>热门排行</h3><ol>
    <li><a href="/a/1.html">{CHROME_ZONES[1]}营业收入达到4444亿元</a></li>
    <li><a href="/a/2.html">全国高新区GDP占比超过3333%</a></li>
    <li><a href="/a/3.html">{CHROME_ZONES[0]}引进人才9999人</a></li>
  </ol></div>
  <div class="footer">
    <p><a href="/about">关于我们</a> | <a href="/contact">联系我们</a> | 服务热线：400-888-9999</p>
    <p>Copyright &copy; 2008-2024 高新观察网 版权所有 备案号：京ICP备88889999号-1</p>
  </div>
</body>
</html>
"""


def index_page() -> str:
    """A site's list page: headlines and dates, no article."""
    items = "\n".join(
        f'<li><a href="/yq/{k}.html">{_e(s.full_title)}</a><span>{s.published_on}</span></li>'
        for k, s in enumerate(STORIES * 6)
    )
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>园区要闻_高新观察网</title></head>
<body><ul class="nav"><li><a href="/">首页</a></li><li><a href="/yq/">园区要闻</a></li></ul>
<div class="list"><h2>园区要闻</h2><ul>
{items}
</ul><div class="pages"><a href="?p=1">1</a> <a href="?p=2">2</a> <a href="?p=3">3</a> 共88页</div></div>
<div class="footer">Copyright &copy; 高新观察网</div></body></html>
"""


ENGLISH_STORY = Story(
    title="Rail transit cluster grows in an industrial zone",
    paragraphs=(
        "In the first three quarters of this year, the zone reported industrial output of 81.26 billion yuan, "
        "up 9.4 percent year on year, and added 56 new high-tech enterprises to its roster of companies.",
        "A local maker of rail equipment started building a bogie plant with an investment of 1.2 billion yuan, "
        "which is expected to produce 3,000 bogies a year once it is completed next year.",
        "Officials said the zone would keep improving its business environment to attract more projects "
        "in rail transit and aviation engines, the two industries it has chosen to lead its growth.",
    ),
)


# --- an e-paper page printed by a browser (embedded fonts, justified columns) ---------------

CHROMIUM_PRINT = ("--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer")


def print_pdf(chromium: str, html: str, path: Path) -> Path:
    """Print `html` to the PDF `path` with headless Chromium (its fonts are embedded, as in an e-paper)."""
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(html, encoding="utf-8")
        proc = subprocess.run(
            [chromium, *CHROMIUM_PRINT, f"--user-data-dir={tmp}/profile", f"--print-to-pdf={path}", page.as_uri()],
            capture_output=True,
            text=True,
            timeout=120,
        )
    if proc.returncode != 0 or not path.exists():
        raise RuntimeError(f"chromium could not print: {proc.stderr[-1000:]}")
    return path


def to_print_html(stories: tuple[Story, ...] = STORIES, pages: int = 1) -> str:
    """The three-column page of `to_pdf`, as HTML for Chromium to print: real embedded fonts,
    justified text (characters spread apart), CSS columns, a photo and its caption."""

    def story_html(s: Story, columns: int) -> str:
        kicker = f'<div class="kicker">{_e(s.kicker)}</div>' if s.kicker else ""
        byline = f'<p class="byline">◎{_e(s.byline)}</p>' if s.byline else ""
        paras = "".join(f"<p>{_e(p)}</p>" for p in s.paragraphs)
        photo = f'<div class="photo"></div><p class="caption">{_e(s.caption)}</p>' if s.caption else ""
        return (
            f'<div class="story">{kicker}<h1>{_e(s.title)}</h1>'
            f'<div class="text" style="column-count:{columns}">{byline}{paras}{photo}</div></div>'
        )

    wide = [s for k, s in enumerate(stories) if k != 1]
    side = stories[1]
    when = stories[0].published_on
    page = f"""<div class="page">
<div class="head"><span>{when.year}年{when.month}月{when.day}日 星期二</span><span>园区纵横</span>
<span>第3版 编辑：郑宁</span></div>
<div class="grid"><div>{"".join(story_html(s, 2) for s in wide)}</div><div>{story_html(side, 1)}</div></div>
</div>"""
    return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
@page {{ size: 297mm 420mm; margin: 12mm 16mm; }}
body {{ font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; margin: 0; }}
.head {{ font-size: 9pt; border-bottom: 1px solid #000; display: flex; justify-content: space-between; }}
.grid {{ display: grid; grid-template-columns: 2fr 1fr; column-gap: 16pt; margin-top: 10pt; }}
.story {{ margin-bottom: 28pt; }}
.kicker {{ font-size: 14pt; }}
h1 {{ font-size: 22pt; font-weight: bold; margin: 2pt 0 8pt; }}
.text {{ column-gap: 16pt; font-size: 10pt; line-height: 15pt; }}
.text p {{ margin: 0; text-indent: 2em; text-align: justify; }}
.text p.byline {{ text-indent: 0; }}
.photo {{ background: #ccc; height: 90pt; margin-top: 10pt; }}
.text p.caption {{ font-size: 8.5pt; line-height: 12pt; text-indent: 0; }}
.page {{ break-after: page; }}
</style></head><body>
{"".join(page for _ in range(pages))}
</body></html>
"""
