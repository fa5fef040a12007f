"""Projects: names, status, investment, batch statements."""

from __future__ import annotations

from datetime import date

import pytest

from loaders.extract.article import extract_article

MAR = date(2024, 4, 1)


def projects(body: str, published: date = MAR):
    return extract_article(body, published_on=published).projects


def one(body: str, published: date = MAR):
    ps = projects(body, published)
    assert len(ps) == 1, ps
    return ps[0]


@pytest.mark.parametrize(
    ("body", "name", "status"),
    [
        (
            "本报讯 3月27日，当天开工的蓝特光学精密光学器件创新产业基地项目，计划总投资额超10亿元。",
            "蓝特光学精密光学器件创新产业基地项目",
            "started",
        ),
        (
            "瓷新半导体新材料制造基地项目、摩珂达 SiC 功率器件及电子产品制造项目分别签约落地嘉兴高新区。",
            "瓷新半导体新材料制造基地项目",
            "signed",
        ),
        ("2月29日,昆山紫竹麦埃总部科创产业园破土动工。", "昆山紫竹麦埃总部科创产业园", "started"),
        (
            "去年年底，协鑫全球首条大规模2GW钙钛矿生产线项目在昆山高新区奠基。",
            "协鑫全球首条大规模2GW钙钛矿生产线项目",
            "started",
        ),
        (
            "以本次投产项目的代表泰瑞机器高分子材料智能成型技术和高端装备研发及产业化项目为例。",
            "泰瑞机器高分子材料智能成型技术和高端装备研发及产业化项目",
            "in_production",
        ),
        ("随着OPPO全球算力中心投入运行，产业生态加快建设。", "OPPO全球算力中心", "in_operation"),
        ("前瞻谋划布局生命健康产业园。", "生命健康产业园", "planned"),
        ("国家技术标准创新基地（稀土）项目获批成立。", "国家技术标准创新基地（稀土）项目", "approved"),
        ("乐山高新区高标准建成“创客公寓”252套。", "创客公寓", "completed"),
        (
            "合肥高新区量子精密测量产业化项目在建设现场一片繁忙。",
            "合肥高新区量子精密测量产业化项目",
            "under_construction",
        ),
    ],
)
def test_names_and_statuses(body, name, status):
    p = next((p for p in projects(body) if p.name == name), None)
    assert p is not None, [p.name for p in projects(body)]
    assert p.status == status


def test_investment_in_the_name_sentence_or_a_following_project_sentence():
    p = one("三花智控未来产业中心项目总投资额约50亿元，计划建设生产基地。")
    assert (p.investment_cny, p.investment_qualifier) == (5_000_000_000, "approx")
    body = (
        "2023年12月22日，在当升蜀道（攀枝花）30万吨/年磷酸（锰）铁锂项目建设现场，工人们各司其职。"
        "该项目拟投资 70 亿元。"
    )
    p = next(p for p in projects(body) if "铁锂项目" in p.name)
    assert p.investment_cny == 7_000_000_000
    assert p.status == "under_construction" and p.event_date == date(2023, 12, 22)


def test_usd_investment():
    p = next(p for p in projects("上海某某公司的七牛云“中国总部”项目落户嘉兴，投资额超亿美元。") if "七牛云" in p.name)
    assert (p.investment_usd, p.investment_qualifier, p.investment_cny) == (100_000_000, "gt", None)


def test_list_items_before_deng_xiangmu_are_projects():
    body = (
        "完成阿拉善盟星大铁合金有限公司13500KVA矿热炉节能技术改造、"
        "内蒙古庆华集团乌斯太精细化工有限公司20万吨/年合成氨节能改造等4个节能技改项目。"
    )
    names = {p.name: p for p in projects(body)}
    assert "13500KVA矿热炉节能技术改造" in names and names["13500KVA矿热炉节能技术改造"].status == "completed"
    assert names["13500KVA矿热炉节能技术改造"].company == "阿拉善盟星大铁合金有限公司"


@pytest.mark.parametrize(
    "body",
    [
        "3月27日，嘉兴国家高新区当天开工 4个项目，总投资额 25.78 亿元；签约项目 4 个。",  # batch statements
        "总投资额421.8亿元的34个重大项目一同按下“启动键”。",
        "持续加大链主旗舰型项目招引力度，坚持一切围着项目转。",  # category words
        "开展项目前期联合指导工作150余次。",  # a head inside a longer word
        "调研协调 项目加快推进",  # a sub-heading
        "成立企业培训中心 15 个。",  # a facility word without a proper name
    ],
)
def test_what_is_not_a_named_project(body):
    assert projects(body) == []


def test_evidence_spans_point_at_the_sentence():
    body = "本报讯 近日，合肥高新区某某智能装备生产线项目开工。项目总投资12亿元。"
    for p in projects(body):
        assert body[p.evidence_start : p.evidence_end] == p.evidence
        assert body[p.start : p.end] == p.name


def test_a_project_named_under_a_signing_takes_its_status_and_date():
    body = (
        "本报讯 9月26日，洛阳高新区举行重大项目集中签约仪式，共签约项目12个，总投资额86.5亿元。"
        "其中，中信重工智能装备制造基地项目总投资约30亿元，建成后可形成年产500台套智能装备的生产能力。"
    )
    p = one(body, date(2024, 10, 8))
    assert p.name == "中信重工智能装备制造基地项目"
    assert (p.status, p.event_date) == ("signed", date(2024, 9, 26))  # `建成后` is a condition, not the status
    assert (p.investment_cny, p.investment_qualifier) == (3_000_000_000, "approx")


@pytest.mark.parametrize(
    "body",
    [
        "当天，云溪高新区7个项目开工，项目总投资约9.6亿元。",  # a count of projects
        "会上，4个批次共36个项目顺利签约。",
        "白沙经开区2024年招商引资项目集中签约。",  # a time makes it a batch
        "该区共谋划“创新高新”项目19个，涵盖智算平台、量子产业、大科学装置等科技创新类项目。",  # categories
        "其中，“幸福高新”项目90个，涵盖人才房、安置房、养老服务等项目。",
        "云溪高新区两项目奠基。",
        "首届投资推介会项目签约仪式举行。",  # an event
    ],
)
def test_batches_categories_and_events_are_not_projects(body):
    assert [p.name for p in projects(body)] == []


def test_items_listed_under_a_batch_event_take_its_status_and_date():
    body = (
        "本报讯 5月6日上午，云溪高新区举行第二批重大项目集中开工仪式，17个项目集中开工。\n"
        "本次集中开工的项目包括长风精密光学产业基地、青禾5G网络实验场、"
        "云溪智能仪表综合科研中心等17个项目，总投资76.6亿元。"
    )
    got = {p.name: p for p in projects(body, date(2024, 5, 7))}
    assert set(got) == {"长风精密光学产业基地", "青禾5G网络实验场", "云溪智能仪表综合科研中心"}
    assert {(p.status, p.event_date, p.investment_cny) for p in got.values()} == {("started", date(2024, 5, 6), None)}


def test_a_categorys_investment_is_not_its_first_items():
    body = "此次开工项目中，先进制造业项目5个，包括白鹭高端轴承项目、青松电机项目等，总投资95亿元。"
    assert {(p.name, p.investment_cny) for p in projects(body)} == {("白鹭高端轴承项目", None), ("青松电机项目", None)}


def test_a_list_of_unveiled_projects_and_a_facility_with_a_status_verb():
    body = "现场，云溪中小企业公共服务平台、星河集成电路创新中心2个项目揭牌。“双一流”川大宜宾校区启动建设。"
    got = {p.name: p.status for p in projects(body)}
    assert got == {"云溪中小企业公共服务平台": "in_operation", "星河集成电路创新中心": "in_operation",
                   "川大宜宾校区": "started"}  # fmt: skip


def test_the_investor_figure_and_a_later_mention_fill_what_the_first_lacks():
    body = (
        "此次活动涉及12个项目，其中包括星河科技高端质谱仪器制造基地。\n"
        "星河科技有限公司投资约3.5亿元，在云溪小镇建设“高端质谱仪器制造基地”。"
    )
    ps = projects(body, date(2024, 2, 22))
    assert len(ps) == 1 and ps[0].investment_cny == 350_000_000 and ps[0].investment_qualifier == "approx"
    body = "集中开工项目有青禾众创城等9个项目。值得一提的是，湖南(长沙)青禾众创城总投资预计约30亿元。"
    assert [(p.name, p.investment_cny) for p in projects(body)] == [("青禾众创城", 3_000_000_000)]


def test_money_before_a_quoted_name_is_that_names():
    body = "云溪高新区高标准建成“人才之家”，投资1.22亿元高质量建成“创客公寓”252套。"
    assert {p.name: p.investment_cny for p in projects(body)} == {"人才之家": None, "创客公寓": 122_000_000}


def test_a_project_is_placed_only_in_a_zone_the_article_keeps():
    """`云杉青年创业谷` is one of the listed projects, so not a zone: the next items are the zone's."""
    body = (
        "云溪高新区“项目季”开展以来成效明显。1-7月，全区新签约云杉青年创业谷、白鹭风力发电场、"
        "青松工业机器人等工业项目45个，占考核任务的81.8%。"
    )
    facts = extract_article(body)
    kept = {p.name for p in facts.parks}
    assert {p.park for p in facts.projects} == {"云溪高新区"} <= kept


def test_an_agency_near_signing_firms_is_no_project():
    body = (
        "本报讯 近日，青禾高新区举行重点项目签约仪式。青禾高新区企业服务中心为签约企业代表颁发服务卡，"
        "为各签约入驻企业的后续投产提供服务。"
    )
    assert [p.name for p in projects(body)] == []


def test_a_facility_takes_the_verb_of_its_own_clause():
    assert one("本报讯 3月5日，泽川高新区的OPPO全球算力中心投入运行，年产能达5万台。").status == "in_operation"
    assert projects("本报讯 3月5日，泽川高新区的OPPO全球算力中心位于园区东侧，吸引企业签约入驻。") == []


def test_a_list_of_about_n_projects_gives_its_items_not_the_count():
    body = "本报讯 上半年，青禾高新区引进总部企业50余家，禾丰西南总部、泽川华东总部、临川数据总部等10余个项目即将落地。"
    assert [p.name for p in projects(body)] == ["禾丰西南总部", "泽川华东总部", "临川数据总部"]


def test_money_before_a_name_is_its_own_and_a_time_word_may_follow_the_name():
    p = one("本报讯 总投资6亿元的泽川云数据中心项目近日开工。")
    assert (p.name, p.status, p.investment_cny) == ("泽川云数据中心项目", "started", 6e8)


def test_each_listed_item_keeps_the_money_that_describes_it():
    body = (
        "本报讯 青禾高新区投资6亿元的泽川云数据中心、投资5亿元的禾丰智慧车联网、"
        "投资1亿元的临川智慧旅游云等11个总投资20亿元项目近期将正式落户。"
    )
    got = {p.name: p.investment_cny for p in projects(body)}
    assert got == {"泽川云数据中心": 6e8, "禾丰智慧车联网": 5e8, "临川智慧旅游云": 1e8}
    figures = {m.raw_text: m for m in extract_article(body, published_on=MAR).metrics}
    assert (figures["6亿元"].subject_type, figures["6亿元"].subject_name) == ("project", "泽川云数据中心")
    assert (figures["20亿元"].subject_type, figures["20亿元"].metric_raw) == ("park", "总投资")


def test_a_forecast_is_not_a_status():
    assert one("本报讯 泽川科技智能终端项目预计年底投产。").status == "unknown"
    assert one("本报讯 泽川科技智能终端项目近日投产。").status == "in_production"


def test_listed_items_opened_by_their_money_and_a_projects_first_phase():
    body = (
        "本报讯 3月6日，青禾经开区12个项目集中动工。其中超亿元的项目分别为：总投资2亿元泽川塑业技改工程、"
        "投资8亿元青禾市出口企业培育基地、投资2.6亿元青禾市小机械产业园等10个项目。"
    )
    got = {p.name: p.investment_cny for p in projects(body)}
    assert got == {"泽川塑业技改工程": 2e8, "青禾市出口企业培育基地": 8e8, "青禾市小机械产业园": 2.6e8}
    figures = {m.raw_text: m for m in extract_article(body, published_on=MAR).metrics}
    assert (figures["8亿元"].subject_type, figures["8亿元"].subject_name) == ("project", "青禾市出口企业培育基地")
    phase = one("本报讯 11月28日，泽川高科智造产业园项目一期投产，占地98亩。")
    assert (phase.name, phase.status) == ("泽川高科智造产业园项目", "in_production")


def test_a_clause_listing_kinds_of_projects_names_none():
    assert projects("本报讯 参加仪式的45个项目，有补链强链骨干项目，也有配套服务优质项目。") == []


def test_a_phase_written_before_or_after_the_head_is_one_project():
    body = (
        "本报讯 青禾新区4个项目开工，分别是：泽川芯云产业城一期项目、禾丰创新综合体项目。"
        "参与动工仪式的泽川芯云产业城项目一期总投资50亿元。"
    )
    assert [p.name for p in projects(body)] == ["泽川芯云产业城一期项目", "禾丰创新综合体项目"]


def test_a_list_opening_its_sentence_after_the_dateline_and_holding_a_legal_name():
    body = (
        "本报讯 泽川集团民品船舶制造基地、禾丰骨科医疗器械产业基地、广东临川氢能科技有限公司氢燃料汽车示范"
        "等17个重点实体产业项目落地。"
    )
    names = [p.name for p in projects(body)]
    assert "禾丰骨科医疗器械产业基地" in names
    assert not any(n.startswith(("本报讯", "限公司")) for n in names)


def test_ascii_commas_bound_a_clause_as_full_width_ones_do():
    full = (
        "本报讯 此次共开工4个项目，分别为2个重点项目，泽川年产300万吨树脂项目和禾丰电子线路板产业园；其余为配套项目。"
    )
    ascii_ = full.replace("，", ",").replace("；", ";")
    names = ["泽川年产300万吨树脂项目", "禾丰电子线路板产业园"]
    assert [p.name for p in projects(ascii_)] == [p.name for p in projects(full)] == names


def test_kinds_of_business_listed_before_a_count_of_projects_are_none():
    assert projects("本报讯 青禾高新区引进算力服务、低空经济、中药大数据智能平台应用等数字经济项目4个。") == []
