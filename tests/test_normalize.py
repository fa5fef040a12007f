"""Line repairs on real snippets from the sample pages."""

from __future__ import annotations

import pytest

from loaders.normalize import (
    _full_parse,
    clean_line,
    collapse_letter_spacing,
    rebuild_vertical,
    to_halfwidth,
    undouble,
)
from tests.conftest import SAMPLE


@pytest.mark.parametrize(
    ("line", "fixed"),
    [
        ("推动科技推动科技““突围突围””打通信息打通信息““大动脉大动脉””", "推动科技“突围”打通信息“大动脉”"),
        ("图片来源图片来源：：东莞松山湖高新区东莞松山湖高新区", "图片来源：东莞松山湖高新区"),
        ("牵手香港理工大学开启科技合作牵手香港理工大学开启科技合作", "牵手香港理工大学开启科技合作"),
        ("““党员示范岗党员示范岗””", "“党员示范岗”"),
        ("““国家技术标准创新基地国家技术标准创新基地””获批成立获批成立", "“国家技术标准创新基地”获批成立"),
    ],
)
def test_bold_doubling_is_removed(line, fixed):
    assert undouble(line) == (fixed, True)


@pytest.mark.parametrize(
    "line",
    [
        "为留住人才，今年贵阳高新区计划投用一栋有252套房源可实现的“拎包入住”的公寓楼，让员工员工用得放心",
        "“党建做实了就是生产力、做强了就是竞争力、做细了就是凝聚力。要做实做强做细，",
        "共建、共建共管、资源共享、治理共抓的工作机制",
        "我们要好好研究研究这个问题",
        "数据显示，2023年产值增长11.11%",
    ],
)
def test_real_repetition_is_kept(line):
    assert undouble(line) == (line, False)


def test_halfwidth_digits_and_letters_only():
    assert to_halfwidth("２０２３年ＡＩ产业，增长１５％") == "2023年AI产业，增长15％"


def test_letter_spacing_collapses_only_spaced_runs():
    assert collapse_letter_spacing("已 经 培 训 社 招 学 员 130 人 。 他 说 ：") == "已经培训社招学员 130 人。他说："
    assert collapse_letter_spacing("文化产业增加值 777.8 亿元") == "文化产业增加值 777.8 亿元"
    assert collapse_letter_spacing("周小平 吴富强") == "周小平 吴富强"


def test_clean_line_strips_bom_and_ideographic_space():
    assert clean_line("\ufeff\u3000本报讯 近日") == ("本报讯 近日", False)


def test_vertical_titles_are_rebuilt_and_split():
    """The margin of page 003 prints two titles one character per line, bold parts doubled."""
    lines = (SAMPLE / "003_e435242bd6fb751a.txt").read_text(encoding="utf-8").splitlines()
    start = next(i for i in range(len(lines) - 1) if (lines[i], lines[i + 1]) == ("乐", "山"))
    chars = [x.strip() for x in lines[start:] if x.strip()]
    assert rebuild_vertical(chars) == [
        "乐山高新区：先进制造业集聚区彰显人才支撑",
        "临江高新区（钱塘区）：34个重大项目一同按下“启动键”",
    ]


def _undouble_by_full_parse(line: str, min_coverage: float = 0.75) -> tuple[str, bool]:
    """undouble as it was before its shortcuts: the whole line parsed, then judged."""
    stripped = line.strip()
    if not 4 <= len(stripped) <= 240:
        return line, False
    pieces, covered = _full_parse(stripped)
    text = "".join(t for t, _ in pieces)
    if covered / len(stripped) >= min_coverage and len(text) <= len(stripped) * 0.6:
        return text, True
    return line, False


def test_undouble_shortcuts_decide_as_the_full_parse():
    """Skipping lines with too many distinct characters and giving up once too much is
    uncovered never changes a decision: checked on every sample line, doubled or not."""
    lines = [ln for p in sorted(SAMPLE.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
    variants = [v for ln in lines for v in (ln, ln + ln, "".join(c + c for c in ln), ln[: len(ln) // 2] * 2 + ln)]
    for v in variants:
        for coverage in (0.75, 0.5, 0.9):
            assert undouble(v, coverage) == _undouble_by_full_parse(v, coverage), v
