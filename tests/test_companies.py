"""Company mentions: legal names and their left boundaries, aliases, short forms, brands,
non-companies, park placement, and the sample pages against the gold annotations."""

from __future__ import annotations

import itertools
import re

import pytest

from loaders.extract.companies import find_companies, short_forms
from loaders.extract.spans import CompanyMention, ParkMention
from loaders.segment import split_articles
from tests.conftest import gold, sample_pages, squash

try:  # the zone extractor is developed alongside; company names do not depend on it
    from loaders.extract.parks import find_parks
except ImportError:  # pragma: no cover
    find_parks = None


def zone(body: str, text: str, name: str) -> ParkMention:
    """A zone mention of `text` in `body`, as the zone extractor would report it."""
    start = body.index(text)
    return ParkMention(start, start + len(text), text, name, suffix="高新区")


def zones(body: str, *pairs: tuple[str, str]) -> list[ParkMention]:
    out = []
    for text, name in pairs:
        for m in re.finditer(re.escape(text), body):
            out.append(ParkMention(m.start(), m.end(), text, name, suffix="高新区"))
    return sorted(out, key=lambda p: p.start)


def texts(body: str, parks=()) -> list[str]:
    return [m.text for m in find_companies(body, parks)]


def names(body: str, parks=()) -> set[str]:
    return {m.name for m in find_companies(body, parks)}


def by_text(body: str, parks=()) -> dict[str, CompanyMention]:
    return {m.text: m for m in find_companies(body, parks)}


# --- legal names --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("其中，华数数字电视传媒集团有限公司入选“全国文化企业 30强”。", "华数数字电视传媒集团有限公司"),
        ("杭州玄机科技股份有限公司成立于2005年。", "杭州玄机科技股份有限公司"),
        (
            "党建联盟第二届轮值主席单位贵州省质安交通工程监控检测中心有限责任公司为参与编制单位之一。",
            "贵州省质安交通工程监控检测中心有限责任公司",
        ),
        ("“我们公司党总支”苏州清越光电科技股份公司党总支书记、董事长高裕弟说。", "苏州清越光电科技股份公司"),
        ("当升蜀道（攀枝花）新材料有限公司现场负责人秦方如是说。", "当升蜀道（攀枝花）新材料有限公司"),
        (
            "福伊特企业管理（上海）有限公司昆山分公司数控技术培训师秦建目前已经培训社招学员。",
            "福伊特企业管理（上海）有限公司昆山分公司",
        ),
        ("助力中国北方稀土（集团）高科技股份有限公司深入开展建设。", "中国北方稀土（集团）高科技股份有限公司"),
        (
            "“TCL中环的研发中心和总部都在天津。”TCL中环新能源科技股份有限公司总经理沈浩平说。",
            "TCL中环新能源科技股份有限公司",
        ),
        ("分别是：郑州机械研究所有限公司、浙江大学中原研究院。", "郑州机械研究所有限公司"),
        ("完成阿拉善盟星大铁合金有限公司13500KVA矿热炉节能技术改造。", "阿拉善盟星大铁合金有限公司"),
        # invented, other zones and companies
        ("近日，合肥高新区企业科大讯飞股份有限公司发布新版本大模型。", "科大讯飞股份有限公司"),
        (
            "记者从中芯国际集成电路制造（上海）有限公司获悉，产能利用率持续提升。",
            "中芯国际集成电路制造（上海）有限公司",
        ),
        ("京东方科技集团股份有限公司在合肥投资建设新产线。", "京东方科技集团股份有限公司"),
        ("这是继思必驰科技股份有限公司之后又一家通过备案的企业。", "思必驰科技股份有限公司"),
        ("本源量子计算科技（合肥）股份有限公司总经理张辉说。", "本源量子计算科技（合肥）股份有限公司"),
        ("华为技术有限公司与深圳市腾讯计算机系统有限公司签署合作协议。", "华为技术有限公司"),
    ],
)
def test_legal_name_forms(sentence, name):
    mentions = find_companies(sentence)
    assert name in [m.text for m in mentions]
    assert next(m for m in mentions if m.text == name).kind == "legal"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("10月23日，位于长治国家高新区的卓怡恒通信息安全有限公司厂房内。", "卓怡恒通信息安全有限公司"),
        ("在位于长治国家高新区的山西自定义科技有限公司，大屏上不断闪烁着数据。", "山西自定义科技有限公司"),
        (
            "包头稀土高新区企业中国北方稀土（集团）高科技股份有限公司牵头建设的创新基地正式批准成立。",
            "中国北方稀土（集团）高科技股份有限公司",
        ),
        ("贵阳高新区企业贵州宏信创达工程检测咨询有限公司加入进来。", "贵州宏信创达工程检测咨询有限公司"),
        (
            "浙江大丰实业股份有限公司也入选名单，其全资子公司浙江大丰数艺科技有限公司是文化企业。",
            "浙江大丰数艺科技有限公司",
        ),
        (
            "由湘潭市电化产投、移动控股公司北京启明星辰信息安全技术有限公司以及湖南科创信息技术股份有限公司共同投资。",
            "北京启明星辰信息安全技术有限公司",
        ),
        (
            "由湘潭市电化产投、移动控股公司北京启明星辰信息安全技术有限公司以及湖南科创信息技术股份有限公司共同投资。",
            "湖南科创信息技术股份有限公司",
        ),
        ("天津滨海高新区企业天津中环领先材料技术有限公司登榜。", "天津中环领先材料技术有限公司"),
        ("昆山高新区昇印光电股份有限公司生产车间蓝光闪烁。", "昇印光电股份有限公司"),
        ("这其中就包括山西自定义科技有限公司等信创软件开发企业。", "山西自定义科技有限公司"),
        ("图为长治市卓怡恒通信息安全有限公司制造中心生产车间。", "长治市卓怡恒通信息安全有限公司"),
        (
            "党建联盟轮值主席单位贵州省质安交通工程监控检测中心有限责任公司参与编制。",
            "贵州省质安交通工程监控检测中心有限责任公司",
        ),
        # invented
        (
            "会上，天津大学、南开大学和中汽研汽车检验中心（天津）有限公司等单位签署协议。",
            "中汽研汽车检验中心（天津）有限公司",
        ),
        (
            "此次入选的企业包括西安奕斯伟材料科技股份有限公司、陕西煤业化工集团有限责任公司等。",
            "西安奕斯伟材料科技股份有限公司",
        ),
        ("青岛海尔智家股份有限公司旗下卡奥斯物联科技股份有限公司牵头建设国家级平台。", "卡奥斯物联科技股份有限公司"),
        ("苏州工业园区企业信达生物制药（苏州）有限公司研发的新药获批上市。", "信达生物制药（苏州）有限公司"),
        ("项目引进和深圳市汇川技术股份有限公司合作建设。", "深圳市汇川技术股份有限公司"),
    ],
)
def test_left_boundary_stops_at_zone_verb_and_function_word(sentence, name):
    assert name in texts(sentence)


def test_zone_mention_is_a_left_boundary_when_the_zone_extractor_reports_it():
    body = "天津滨海高新区企业天津中环领先材料技术有限公司登榜。"
    parks = [zone(body, "天津滨海高新区", "天津滨海高新区")]
    assert texts(body, parks) == ["天津中环领先材料技术有限公司"]


def test_a_bare_legal_form_is_not_a_name():
    assert texts("他创办了一家科技有限公司，该有限公司规模不大。") == []


# --- aliases and short forms ----------------------------------------------------------------


def test_declared_alias_and_its_later_uses():
    body = (
        "位于长治国家高新区的卓怡恒通信息安全有限公司(以下简称“卓怡恒通公司”)厂房内，生产线正在运转。"
        "卓怡恒通公司今年以来产销两旺。图为长治市卓怡恒通信息安全有限公司制造中心生产车间。"
    )
    mentions = find_companies(body)
    aliases = [m for m in mentions if m.kind == "alias"]
    assert [m.text for m in aliases] == ["卓怡恒通公司", "卓怡恒通公司"]
    # the longest legal form in the article names all of them
    assert {m.name for m in mentions} == {"长治市卓怡恒通信息安全有限公司"}


def test_alias_without_quotes_invented():
    body = "重庆长安汽车股份有限公司（简称长安汽车）与高校签约。长安汽车表示将加大投入。"
    alias = [m for m in find_companies(body) if m.kind == "alias"]
    assert [m.text for m in alias] == ["长安汽车", "长安汽车"]
    assert {m.name for m in alias} == {"重庆长安汽车股份有限公司"}


@pytest.mark.parametrize(
    ("legal", "short"),
    [
        ("遂宁市凡是食品有限公司", "凡是食品"),
        ("攀枝花市天亿化工有限公司", "天亿化工"),
        ("华数数字电视传媒集团有限公司", "华数集团"),
        ("杭州玄机科技股份有限公司", "玄机科技"),
        ("浙江三花智能控制股份有限公司", "三花智控"),
        ("浙江三花智能控制股份有限公司", "三花"),
        ("贵州省质安交通工程监控检测中心有限责任公司", "质安检测"),
        ("贵州宏信创达工程检测咨询有限公司", "宏信创达"),
        ("贵州联建土木工程质量检测监控中心有限公司", "贵州联建"),
        ("TCL中环新能源科技股份有限公司", "TCL中环"),
        ("北京启明星辰信息安全技术有限公司", "北京启明星辰"),
        ("当升蜀道（攀枝花）新材料有限公司", "当升蜀道"),
        # invented
        ("宁波舜宇光学科技（集团）有限公司", "舜宇光学"),
        ("深圳市大疆创新科技有限公司", "大疆创新"),
    ],
)
def test_short_forms_follow_the_naming_grammar(legal, short):
    assert short in short_forms(legal)


@pytest.mark.parametrize("legal", ["湘潭市数字经济产业有限责任公司", "湖南科创信息技术股份有限公司"])
def test_short_forms_are_never_generic_words_or_places(legal):
    forms = short_forms(legal)
    assert not {"数字经济", "数字", "湘潭", "湘潭市", "科创", "信息技术", "湖南"} & set(forms)


def test_short_forms_found_in_the_body_name_the_legal_company():
    body = (
        "攀枝花市天亿化工有限公司是一家生产黄磷的化工企业。“高新区给我们开辟了绿色通道。”天亿化工生产副总经理李锐平说。"
        "天亿化工复工复产后，能解决约150人就业岗位。"
    )
    shorts = [m for m in find_companies(body) if m.kind == "short"]
    assert [m.text for m in shorts] == ["天亿化工", "天亿化工"]
    assert {m.name for m in shorts} == {"攀枝花市天亿化工有限公司"}


def test_abbreviation_and_bare_trade_name():
    body = (
        "本次开工项目的代表三花智控未来产业中心项目总投资额约50亿元。"
        "“我们选择投资钱塘，就是看重高新区对三花在政策、资金等方面的支持。”浙江三花智能控制股份有限公司相关负责人表示。"
    )
    got = by_text(body)
    assert got["三花智控"].kind == "short" and got["三花"].kind == "short"
    assert got["三花"].name == "浙江三花智能控制股份有限公司"


def test_a_short_form_shared_by_two_companies_is_ambiguous():
    body = "杭州海康威视数字技术股份有限公司与杭州海康威视科技有限公司都在园区。海康威视的发展势头良好。"
    assert "海康威视" not in texts(body)


def test_two_character_short_form_inside_another_word_is_not_a_mention():
    body = "贵州联建土木工程质量检测监控中心有限公司加入联盟，实现组织联建、工作联促。"
    assert "联建" not in texts(body)


# --- brands without a legal form --------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "brands"),
    [
        ("这里聚集了飞腾、麒麟、曙光、海光、360等领军企业。", ["飞腾", "麒麟", "曙光", "海光", "360"]),
        ("当前已有瑞菱科技、湘友科技等 20 余家重点云计算、工业软件类企业签约入园。", ["瑞菱科技", "湘友科技"]),
        # invented
        ("会上，宁德时代、比亚迪、国轩高科等新能源龙头企业代表作了交流发言。", ["宁德时代", "比亚迪", "国轩高科"]),
        ("区内汇聚了清华大学等一批高校院所和华为、中兴等知名企业。", ["华为", "中兴"]),
        ("记者了解到，中国移动、中国联通、中国电信等运营商已在园区部署基站。", ["中国移动", "中国联通", "中国电信"]),
        ("为了推动更多像科大讯飞、国盾量子这样的科创型企业蓬勃发展。", ["科大讯飞", "国盾量子"]),
    ],
)
def test_brands_in_enumerations_headed_by_enterprises(sentence, brands):
    got = find_companies(sentence)
    assert [m.text for m in got] == brands
    assert {m.kind for m in got} == {"brand"}


def test_enumeration_sharing_a_member_with_a_known_company():
    body = (
        "“这是国产计算机的新突破。”中科可控高端计算产品事业部总工程师卜景德说。"
        "如今，中科可控、中科晶上、寒武纪、昆高新芯等争相布局。"
    )
    assert texts(body) == ["中科可控", "中科可控", "中科晶上", "寒武纪", "昆高新芯"]


@pytest.mark.parametrize(
    ("sentence", "brand"),
    [
        ("在研发平台方面，长治国家高新区依托中兵长智公司建成了创新中心。", "中兵长智公司"),
        ("中国移动公司有关方面负责人表示，将积极牵引头部企业入驻。", "中国移动公司"),
        ("活动现场，湖南湘江新区企业草花互动与湖南博物院签约授权协议书。", "草花互动"),
        ("依托中科可控新型处理器研发。“这是新突破。”中科可控高端计算产品事业部总工程师卜景德信心满满。", "中科可控"),
        ("促成勤力农业与蒋剑春院士专家团队成功签订协议。", "勤力农业"),
        ("尚纬股份与哈理工建立高端人才互访机制。", "尚纬股份"),
        ("泰开成套获评工业互联网标杆工厂。", "泰开成套"),
        ("近日，特斯联与中国科学院重庆绿色智能技术研究院共建的实验室挂牌成立。", "特斯联"),
        ("紧抓时代机遇，湘潭市政府与湖南移动在去年 2 月签订《数字经济产业合作协议》。", "湖南移动"),
        ("玄机科技曾入选创业黑马发布的《2019 文创产业独角兽》准独角兽榜单。", "创业黑马"),
        # invented
        ("天合光能董事长高纪凡出席活动并致辞。", "天合光能"),
        ("潍坊高新区企业潍柴动力与山东大学签约共建内燃机研究院。", "潍柴动力"),
        ("阳光电源与合肥工业大学共建联合实验室。", "阳光电源"),
        ("迈瑞医疗研发的监护仪获评制造业单项冠军产品。", "迈瑞医疗"),
        ("这里有全球领先的光伏企业晶科能源，有国内首家上市的储能企业派能科技。", "派能科技"),
    ],
)
def test_brand_contexts(sentence, brand):
    got = by_text(sentence)
    assert brand in got
    assert got[brand].kind == "brand"


def test_brands_in_a_list_of_examples():
    body = (
        "目前，园区已有多家企业积极布局大模型赛道。例如，企查查发布的全球首款商查大模型；智慧芽首创的新模式；"
        "百图生物研发的生命科学大模型；美能华聚焦政务领域开发的大语言模型；二元工业发布的美妆行业大模型。"
    )
    assert texts(body) == ["企查查", "智慧芽", "百图生物", "美能华", "二元工业"]


@pytest.mark.parametrize(
    "sentence",
    [
        "围绕边缘智能与计算服务、“双碳”技术攻关等场景开展全方位科研合作。",
        "全面激发智家应用、数字科技、文化融媒“三大板块”新动能。",
        "积极打造前沿科技和产业发展的试验田，加快人工智能技术研发和应用推广。",
        "作为一家专注于数字化技术与服务的本土公司，它在北京均有布局。",
        "集创意策划、规划设计于一体的文旅全产业链服务平台型公司。",
        "成立创新人才服务公司，补充专业技术人才。",
        "公司党员在员工中的占比 10%，成为推动公司科技创新的核心力量。",
        "发挥两新大讲坛、观影上党课、阅读马拉松等项目品牌优势。",
        "组织开展“三会一课”、主题党日等方式开展学习研讨。",
        "附属产品有蒸汽、石灰、尾气等，变成一家以黄磷生产为主，蒸汽、石灰等附加产品生产为辅的综合生产化工企业。",
        "期盼能与香港理工大学开展更加广泛而深入的交流合作。",
        # invented
        "截至目前，高新区已集聚高新技术企业、专精特新企业、科技型中小企业等各类企业3000余家。",
        "园区聚焦研发、生产、销售等环节企业，提供全链条服务。",
        "北京、上海、深圳等城市的企业纷纷前来考察。",
        "芯片、软件、整机等企业加速集聚。",
        "该企业与浙江大学共建联合实验室，并与杭州市人民政府签订合作协议。",
        "当天，高新区与中科院计算所、北京航空航天大学签订合作协议。",
        "李明与清华大学签约，将在园区创业。",
        "阿拉善高新区企业纷纷结合自身实际情况，全力降低能源消耗总量。",
        "推动数字科技与实体经济深度融合，培育壮大新能源、新材料等战略性新兴产业。",
        "近年来，科技型企业与高校院所合作日益紧密。",
    ],
)
def test_phrases_are_not_brands(sentence):
    assert texts(sentence) == []


# --- what is not a company ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "清远高新区还与中山大学、华南师范大学、华南理工大学等高校院所合作。",  # universities
        "贵阳市市场监管局高新区分局率先成立检验检测与认证领域党建联盟。",  # government bureau
        "特斯联与中国科学院重庆绿色智能技术研究院共建实验室。",  # public research institute (特斯联 is the company)
        "信创海河实验室副主任李涛表示，将更好地吸引人才加盟。",  # lab
        "实验室与中国建筑节能协会能耗与碳排放数据专委会签署合作框架。",  # association
        "组织贵州联建、宏信创达、贵州省质检院等首批 65 家机构加入党建联盟。",  # institute in a list
        "依托湖南国家应用数学中心湘潭大学及其参建高校科研团队。",
        "江阴高新区党工委副书记、管委会副主任顾文瑜指出。",
        "工业和信息化部、科技部、国家发展改革委等部门联合印发通知。",
        "天津芯火平台负责人马凯学表示，天津芯火平台集聚了七方面要素。",
        "会议由宁波市科技局主办，宁波大学承办。",
    ],
)
def test_non_companies_are_skipped(sentence):
    got = texts(sentence)
    assert not any(re.search(r"大学|学院|局|研究院|实验室|协会|委员会|部$|质检院|平台|中心$", t) for t in got), got


def test_a_research_institute_with_a_legal_form_is_a_company():
    assert texts("这2家工作站分别是：郑州机械研究所有限公司、浙江大学中原研究院。") == ["郑州机械研究所有限公司"]


# --- park placement -----------------------------------------------------------------------------


def test_park_from_position_and_zone_enterprise_phrases():
    body = (
        "包头稀土高新区企业中国北方稀土（集团）高科技股份有限公司牵头建设的创新基地正式批准成立。"
        "10月23日，位于长治国家高新区的卓怡恒通信息安全有限公司厂房内，生产线正在运转。"
    )
    parks = zones(body, ("包头稀土高新区", "包头稀土高新区"), ("长治国家高新区", "长治高新区"))
    got = by_text(body, parks)
    assert got["中国北方稀土（集团）高科技股份有限公司"].park == "包头稀土高新区"
    assert got["卓怡恒通信息安全有限公司"].park == "长治高新区"


def test_park_from_the_predicate():
    body = (
        "由湘潭市电化产投、移动控股公司北京启明星辰信息安全技术有限公司以及湖南科创信息技术股份有限公司"
        "共同投资成立的湘潭市数字经济产业有限责任公司在湘潭高新区成立。"
    )
    got = by_text(body, zones(body, ("湘潭高新区", "湘潭高新区")))
    assert got["湘潭市数字经济产业有限责任公司"].park == "湘潭高新区"
    # its investors are named in the same sentence, but not placed there
    assert got["湘潭市电化产投"].park is None
    assert got["湖南科创信息技术股份有限公司"].park is None


def test_park_of_a_listed_enterprise_is_shared_by_the_list():
    body = (
        "在该标准编制过程中，贵阳高新区企业贵州宏信创达工程检测咨询有限公司、贵州顺康检测股份有限公司等企业加入进来。"
    )
    got = by_text(body, zones(body, ("贵阳高新区", "贵阳高新区")))
    assert got["贵州宏信创达工程检测咨询有限公司"].park == "贵阳高新区"
    assert got["贵州顺康检测股份有限公司"].park == "贵阳高新区"


def test_park_is_the_articles_zone_for_its_enterprises_but_not_for_other_provinces():
    body = (
        "嘉兴高新区今年开工4个项目。嘉兴高新区签约项目4个。"
        "“秀洲是一个投资兴业的好地方。”上海七牛信息技术有限公司总裁陈伊玲相信，项目落地后能够快速安家立业。"
        "宁波均胜电子股份有限公司相关负责人表示将加快建设。"
    )
    got = by_text(body, zones(body, ("嘉兴高新区", "嘉兴高新区")))
    assert got["上海七牛信息技术有限公司"].park is None  # a Shanghai company whose project lands here
    assert got["宁波均胜电子股份有限公司"].park == "嘉兴高新区"  # same province, the article's enterprise


def test_a_project_in_a_zone_does_not_place_its_investor():
    body = "京东方科技集团股份有限公司在合肥新站高新区投资建设第10.5代线。"
    got = by_text(body, zones(body, ("合肥新站高新区", "合肥新站高新区")))
    assert got["京东方科技集团股份有限公司"].park is None


def test_park_none_without_zones():
    assert {m.park for m in find_companies("华为技术有限公司发布新品。")} == {None}


# --- invariants -------------------------------------------------------------------------------


def _articles():
    for page in sample_pages():
        for art in split_articles(page.read_text(encoding="utf-8")):
            yield page, art


@pytest.mark.parametrize("page", sample_pages(), ids=lambda p: p.stem)
def test_spans_match_text_sorted_and_disjoint(page):
    for art in split_articles(page.read_text(encoding="utf-8")):
        parks = find_parks(art.body) if find_parks else []
        mentions = find_companies(art.body, parks)
        for m in mentions:
            assert art.body[m.start : m.end] == m.text
            assert m.kind in {"legal", "alias", "short", "brand"}
            assert m.name
        for a, b in itertools.pairwise(mentions):
            assert a.end <= b.start


def test_empty_body():
    assert find_companies("") == []


# --- the sample against the gold ----------------------------------------------------------------


def _close(a: str, b: str) -> bool:
    """The scorer's rule: equal, or one contains the other and the shorter has ≥ 4 characters."""
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and short in long_


def _page_names(page) -> set[str]:
    """Distinct company names of a page after cross-article resolution (legal name, else brand)."""
    found: set[str] = set()
    for art in split_articles(page.read_text(encoding="utf-8")):
        parks = find_parks(art.body) if find_parks else []
        found |= {m.name for m in find_companies(art.body, parks)}
    legal = [n for n in found if n.endswith("公司")]
    resolved = set()
    for n in found:
        owners = {g for g in legal if g != n and (n in short_forms(g) or n in g)}
        resolved.add(squash(next(iter(owners)) if len(owners) == 1 else n))
    return resolved


def test_sample_precision_and_recall_against_gold():
    tp = n_sys = n_gold = 0
    for page in sample_pages():
        system = sorted(_page_names(page))
        used: set[int] = set()
        for g in gold(page.name)["companies"]:
            forms = [squash(g["name"]), *(squash(a) for a in g.get("aliases", []))]
            hit = next((i for i, s in enumerate(system) if i not in used and any(_close(s, f) for f in forms)), None)
            if hit is not None:
                used.add(hit)
                tp += 1
        n_sys += len(system)
        n_gold += len(gold(page.name)["companies"])
    assert tp / n_gold >= 0.85, (tp, n_gold)
    assert tp / n_sys >= 0.85, (tp, n_sys)


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("龙头企业岳川重工、北辰电气相继落户园区。", {"岳川重工", "北辰电气"}),
        ("独角兽企业澜舟智算、云桥数科和墨子量通均已在区内设立总部。", {"澜舟智算", "云桥数科", "墨子量通"}),
        # a class noun followed by statistics is not a list of companies
        ("高新技术企业数量、研发投入和专利数量均创新高。", set()),
    ],
)
def test_names_listed_after_a_class_of_company(sentence: str, expected: set[str]) -> None:
    assert {m.text for m in find_companies(sentence)} == expected


def test_a_trade_in_zi_before_gongsi_is_a_company_but_a_subsidiary_is_not() -> None:
    assert texts("澜拓电子公司智能终端基地投产。") == ["澜拓电子公司"]
    assert texts("该子公司智能终端基地投产。") == []


def test_a_guidance_fund_is_a_company() -> None:
    names = {c.name for c in find_companies("泽川市青禾引导基金有限公司董事长刘冰出席活动。", [], None)}
    assert names == {"泽川市青禾引导基金有限公司"}


def test_a_verb_between_two_companies_is_no_part_of_a_name() -> None:
    names = {c.name for c in find_companies("深挖央企合作，禾丰佳悦升级泽川集团三级企业总部。", [], None)}
    assert "禾丰佳悦升级泽川集团" not in names
    assert "泽川集团" in names


def test_a_paper_maker_signing_or_merging_is_a_company() -> None:
    assert {c.name for c in find_companies("该公司与禾川纸业签署协议，随后并购重组。", [], None)} == {"禾川纸业"}


def test_a_board_title_is_not_a_brand() -> None:
    names = {c.name for c in find_companies("泽川集团工程材料研究院有限公司党委书记、执行董事刘亚旭出席。", [], None)}
    assert names == {"泽川集团工程材料研究院有限公司"}
