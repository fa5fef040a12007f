"""Is a short string a Chinese person's name?

Used to tell an author signature (`周小平 吴富强`) from a sub-heading
(`调研协调 项目加快推进`). The common-surname list covers the great majority of
the population; names of minority authors (`奥日其楞`) pass when the other names
on the same line do.
"""

from __future__ import annotations

COMMON_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦"
    "戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻"
    "苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴"
    "盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫杭"
    "况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧闭由"
)
COMPOUND_SURNAMES = {
    "欧阳",
    "司马",
    "上官",
    "诸葛",
    "东方",
    "皇甫",
    "尉迟",
    "公孙",
    "慕容",
    "长孙",
    "宇文",
    "司徒",
    "令狐",
    "夏侯",
    "端木",
    "独孤",
    "南宫",
    "西门",
    "万俟",
    "呼延",
    "澹台",
}

# words that start with a surname character but are common nouns in headings
_NOT_NAMES = {
    "高新",
    "国家",
    "项目",
    "企业",
    "产业",
    "发展",
    "创新",
    "科技",
    "经济",
    "园区",
    "人才",
    "文化",
    "数字",
    "工业",
    "服务",
    "建设",
    "管理",
    "主题",
    "调研",
    "学习",
    "重点",
    "全国",
    "中国",
    "安全",
    "智能",
    "信息",
    "平台",
    "时代",
    "常态",
    "金融",
    "和谐",
    "明确",
    "成果",
    "成效",
    "应用",
    "华南",
}


def is_person_name(token: str) -> bool:
    """A 2–4 character token that begins with a common surname."""
    if not 2 <= len(token) <= 4:
        return False
    if token[:2] in _NOT_NAMES:
        return False
    if token[:2] in COMPOUND_SURNAMES:
        return len(token) >= 3
    if len(token) == 4 and _is_word(token[2:]):
        return False  # `揭牌仪式`, `高峰论坛`: a surname character opening a phrase, not a name
    return token[0] in COMMON_SURNAMES


def _is_word(text: str) -> bool:
    from loaders.extract.lexicon import is_common

    return is_common(text)
