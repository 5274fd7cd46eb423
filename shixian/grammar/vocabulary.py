"""Closed vocabularies of the grammar, as tables: what is *not* time, what joins items
of a list or the ends of a range, and the words of the time of day.

The token rules and the composition stage read these tables; a word added here
changes the grammar without touching a pattern. Each table is documented where it
is defined; ``docs/semantics.md`` lists them.
"""

from __future__ import annotations

import re

from ..calendar.periods import WEEKDAY_NAMES

#: The characters that end a sentence in cleaned text (clause breaks that close a scope).
SENTENCE_ENDS = frozenset("。;!?\n")

#: The day a weekday's name writes (:data:`~shixian.calendar.periods.WEEKDAY_NAMES`),
#: with the digits a weekday may be written in (周1, 星期7).
WEEKDAY_CHARS: dict[str, int] = {**WEEKDAY_NAMES, **{str(i + 1): i for i in range(7)}}

__all__ = [
    "BEFORE_NOISE",
    "CLEARANCE",
    "COUNTING_NOTES",
    "DAYPART",
    "DAY_NAME",
    "EVENT_ENDING",
    "EXAM_TIME",
    "IN_FORCE",
    "LABEL_WORDS",
    "LASTING",
    "LENGTH_VERBS",
    "LIST_WORDS",
    "NOT_EVENT_TIME",
    "NOT_LABELS",
    "NOT_MIDDLE",
    "PERIOD_LABEL",
    "RANGE_CLOSERS",
    "RANGE_OPENERS",
    "SCHEDULE_HEDGES",
    "SENDING_VERBS",
    "SENTENCE_ENDS",
    "SUBJECT_WORDS",
    "TERM_NOUNS",
    "TOPIC_NOUNS",
    "TOPIC_SUBJECT",
    "WEEKDAY_CHARS",
    "not_middle",
    "without_notes",
]

#: Short words before a month that are not the label of a schedule (中考3月 is a label,
#: 计划10月 is not): verbs of planning and aiming.
NOT_LABELS: frozenset[str] = frozenset(
    [
        "计划",
        "预计",
        "预定",
        "拟定",
        "拟于",
        "力争",
        "争取",
        "确保",
        "务必",
        "务于",
        "必须",
        "应当",
        "应于",
        "应在",
        "需在",
        "要在",
        "将于",
        "定于",
        "预期",
        "大约",
        "原则上",
        "一般",
        "最迟",
        "最晚",
        "截止",
        "截至",
        "全面",
        "基本",
        "初步",
        "同时",
        "完成",
        "开始",
        "启动",
        # duty verbs before a month (做好3月份党员党费收缴工作): the month is that work's
        "做好",
        "抓好",
        "搞好",
        "开展",
        "组织",
        "落实",
        "推进",
        "实施",
        "进行",
        "召开",
        "举办",
        "举行",
        "安排",
        "部署",
        "准备",
        "筹备",
        "迎接",
        "填报",
        "报送",
        "上报",
        "提交",
        "统计",
        # a season's words before its month (早春三月, 金秋十月): the month, no label
        "早春",
        "初春",
        "阳春",
        "暮春",
        "盛夏",
        "初夏",
        "金秋",
        "深秋",
        "初冬",
        "隆冬",
        "寒冬",
        # verbs of reaching or holding a time (进入7月份, 取得6月份排名第一): the month itself
        "进入",
        "步入",
        "时至",
        "时值",
        "正值",
        "到了",
        "取得",
    ]
)

#: Idioms of work cleared each period (日产日清: what a day produces is cleared that day),
#: and the period each names: a schedule of that period, as 每日 is.
CLEARANCE: dict[str, str] = {
    "日产日清": "日", "日清日结": "日", "日结日清": "日", "日事日毕": "日", "日清日毕": "日",
    "当日事当日毕": "日", "周清周结": "周", "周结周清": "周", "月清月结": "月", "月结月清": "月",
}  # fmt: skip

#: Nouns of a term whose length follows them (任期为5年, 有效期为90日, 公示期:7天): the
#: length is a limit counted from the term's start, which the text may name after it
#: (有效期为90日,由公开开标日起计).
TERM_NOUNS: tuple[str, ...] = (
    "任期", "有效期", "期限", "聘期", "服务期", "试用期", "公示期", "公告期", "异议期",
    "质保期", "保修期", "保质期", "缴款期", "整改期", "观察期", "考察期", "时限",
)  # fmt: skip

#: Words that name recurring work when they label a month (中考3月, 报名4月): any other short
#: word before a month labels it only when the month ends its clause (see
#: :func:`shixian.grammar.rules.calendar.window`): 我市6月份遭受暴雨 is a date of the report.
LABEL_WORDS = re.compile(
    r"考|报名|招生|招聘|征兵|开学|放假|年检|年审|年报|申报|体检|普查|评审|评选|换届|认证|注册"
)

#: Who a sentence is about (我市, 全县, 本区, 各乡镇): a subject before a month is no label.
SUBJECT_WORDS = re.compile(
    r"^(?:[我全本该各此][省市县区州盟旗镇乡村街]|[省市县区]委|[省市县区]政府)"
)

#: An exam's time told right before a month with no year (本科考试时间分别为1月、4月,
#: 自考时间是10月, 考试次数调整为4月和10月): a yearly schedule labelled with the exam (and the
#: up to four characters naming it when they open the clause: 本科考试), as 中考3月 is.
EXAM_TIME = re.compile(
    r"(?P<label>(?:考试|中考|高考|自考|统考|会考|学考|联考))的?"
    r"(?:时间|日期|时间安排|次数)(?:一般|通常|固定)?(?:分别)?(?:调整)?(?:为|是|在|定在|安排在)$"
)

#: Verbs of sending, after which 至 names a recipient, not a range (下发至本单位).
SENDING_VERBS: tuple[str, ...] = (
    "下发", "发送", "送达", "提交", "报送", "上报", "移送", "转发", "转交", "抄送", "送",
)  # fmt: skip

#: The last words of an event a time limit counts from when the text names it right
#: before the limit, with no 后 or 起 (信息形成(变更)20个工作日内, 作出决定7个工作日内,
#: 下发至本单位).
EVENT_ENDING = re.compile(
    r"(?:形成|变更|产生|生成|发生|作出|做出|收到|接到|受理|批准|通过|公布|发布|印发|签订|签署|"
    r"结束|完成|确定|审定|审批|获取|下发|送达|提交|报送|期满|届满)\)?$"
    # 作出决定, 做出不予受理决定: the decision made (the verb's object ends the words)
    r"|(?:作出|做出)[\u4e00-\u9fff]{0,10}(?:决定|决议|答复)$"
    rf"|(?:{'|'.join(SENDING_VERBS)})至[\u4e00-\u9fff]{{1,8}}$"
)

#: What a condition clause (公示期满无异议的,) adds after its event: the event is before it.
CONDITION_TAILS = re.compile(r"(?:无异议|无异议后|未提出异议|没有异议|后|以后|之后)?的$")

#: Words opening a clause of an event that happens (遇有重大突发事件, 如遇险情): the event
#: is the rest of the clause.
EVENT_OPENERS = re.compile(
    r"^(?:如遇到|如遇有|如遇|遇有|遇到|遇|一旦发生|一旦|如发生)(?P<event>.{2,20})$"
    # 发现森林火灾,应立即报告: the finding is the event, its verb with it
    r"|^(?P<found>(?:一旦)?(?:发现)[\u4e00-\u9fff]{2,20})$"
)

#: Modal words that name no event when they are all the words before a limit (能够当场答复,
#: 可当场办结, 不能当日办结的).
MODAL_WORDS = frozenset(
    {"能够", "能", "可", "可以", "应", "应当", "须", "必须", "需", "需要", "要", "务必", "不能"}
)

#: What stops after a date (6月30日后将不再接受补报, 逾期后不予受理): the date is the last day
#: of the duty, a deadline, not the start of what follows.
STOPS_AFTER = re.compile(
    r"(?:将|就|则|即|一律|均|概)?(?:不再|停止|不予|不得|不能|禁止|关闭|截止|视为放弃)"
)

#: Verbs of receiving (or confirming) what a limit counts from, followed by what is
#: received: 收到通知, 接获投诉, 受理申请, 确认付款, 取得所得.
RECEIPT_VERBS = "收到|接到|接获|收悉|接收|受理|确认|获得|取得"

#: A receipt named before a limit with 的 (应在收到行政复议申请的60日内, 收到政府信息公开申请的,
#: 应及时转交): the limit counts from that receipt.
EVENT_RECEIVED = re.compile(
    rf"(?P<event>(?:{RECEIPT_VERBS})[\u4e00-\u9fff]{{1,16}}?)(?:之日的|之日|的)$"
)

#: Words ending in 时 that name no event (同时, 及时, 届时 …): 内容发生变化时,应当及时更新
#: counts from the change, 同时,及时更新 from nothing.
NOT_EVENT_TIME: tuple[str, ...] = (
    "同时", "及时", "届时", "按时", "准时", "适时", "随时", "临时", "平时", "实时", "暂时",
    "当时", "此时", "那时", "有时", "定时", "限时", "小时", "不时", "过时", "超时", "逾时",
    "彼时", "即时", "一时", "历时", "用时", "耗时", "工时", "课时", "学时",
)  # fmt: skip

#: Nouns a past period is the topic of, right after it (上一年度年度报告, 上年决算):
#: such a period says what is reported, not when.
TOPIC_NOUNS = re.compile(
    # (上年度的政府信息公开工作年度报告, 上年度落实河长制工作情况: a noun phrase before the noun)
    r"(?:公开|发布|报送)?的?[\u4e00-\u9fff]{0,12}?(?:年度报告|工作报告|报告|年报|决算|预算执行|统计|"
    r"数据|工作总结|总结|情况)"
)

#: A period right before these words is the subject of its clause, the data it is about
#: (第二季度空气质量信息将在7月公开): a noun phrase ending in a data noun, then a verb.
TOPIC_SUBJECT = re.compile(
    r"[\u4e00-\u9fff]{0,8}?(?:信息|数据|报告|情况|统计|报表|月报|季报|年报|指标)"
    r"(?:将|拟|应|须|要|于|在|已|均|定于|预计)"
)

#: A word that names the period in brackets after it (流行季节(4—10月), 汛期(6—9月)):
#: a match of extract() that starts inside the brackets starts at the word.
PERIOD_LABEL = re.compile(r"[\u4e00-\u9fff]{0,4}(?:季节|时节|期间|时期|阶段|汛期|旺季|淡季)")

#: Words that join the items of a list of dates (besides 、): 5月9日和10日, 4月15日及7月15日.
#: Words that start with 中 and do not mean "the middle" of the period before them
#: (2024年中考前 is before the exam, 年中小学 no mid-year): 中 before them is no edge.
NOT_MIDDLE: tuple[str, ...] = (
    "中央", "中共", "中国", "中华", "中心", "中部", "中期", "中小", "中学", "中级", "中旬",
    "中外", "中考", "中职", "中专", "中医", "中药", "中标", "中奖", "中介", "中层", "中青",
    "中文", "中老", "中长", "中止", "中断", "中转", "中队", "中西", "中东", "中南", "中原",
    "中直", "中省", "中型", "中等", "中间", "中高", "中秋", "中元", "中午", "中签",
)  # fmt: skip


def not_middle() -> str:
    """A negative look-ahead for 中 that is not the middle (see :data:`NOT_MIDDLE`)."""
    return "(?!" + "|".join(sorted({w[1:] for w in NOT_MIDDLE}, key=len, reverse=True)) + ")"


#: What may stand between a date and its 前 without changing it (7月18日:前, 6月30日(含)前).
BEFORE_NOISE = frozenset(
    {":", "含", "含当日", "含当天", "含本日", "下班"}
)  # 下班前: by the close of work

#: The name of the day a date is, written between the date and its 前 (11月8日投票选举日前,
#: 9月1日开学日前): the date's own day, so the deadline is the date's.
DAY_NAME_EVENTS: tuple[str, ...] = (
    "选举", "投票", "投票选举", "开标", "截止", "报名", "考试", "开考", "开学", "登记", "公告",
    "公示", "生效", "缴款", "申报", "交易", "开庭", "会议",
)  # fmt: skip
DAY_NAME = re.compile(
    "(?:" + "|".join(sorted(DAY_NAME_EVENTS, key=len, reverse=True)) + ")(?:之|的)?日"
)

#: Words between a frequency and the period it recurs in that do not change it
#: (每年基本固定在10月, 每年一般在3月): the schedule is 每年10月.
SCHEDULE_HEDGES = re.compile(
    r"(?:基本上?|大多|大都|大致|通常|一般|固定|均|都|多|大约|约)*"
    r"(?:在|于|安排在|定在|固定在|放在)?"
)

#: Words after which a bare day (7日, no month) is a number of days, not a day of the
#: month: 公示7日 (the notice stays up seven days), 历时9日. (A shift, 顺延一日, is no limit.)
LENGTH_VERBS: tuple[str, ...] = (
    "公示", "公示期", "公示期为", "公告", "公告期", "公告期为", "征求意见", "历时", "持续",
    "连续", "停业", "停产", "停课", "休假", "停止", "暂停", "逾期", "相隔", "间隔", "超过", "满",
)  # fmt: skip

#: A length told after a start, in the words after it (从3月20日起,…为期3个月的休渔期): the
#: window from the start for that long. Only a short run of words may stand before it.
_LASTING_LENGTH = (
    r"(?:为期|历时|时长(?:约|为)?)(?:(?P<half>半年)|(?P<n>[0-9]{1,3}|[一二两三四五六七八九十]{1,3})"
    r"个?(?P<u>天|日|周|星期|个月|月|年))(?![0-9半多余])"
)
LASTING = re.compile(rf"^[^。;]{{0,24}}?{_LASTING_LENGTH}")
#: 为期 / 历时 and a length anywhere in plain words (开展为期3个月的巡视工作), and the name of
#: the length token the composition stage makes of it
LENGTH_OF_WORK = re.compile(_LASTING_LENGTH)
LENGTH_OF_WORK_RULE = "为期<n>个月"

#: Notes in brackets on how days are counted (选举日(不含本日)的5日以前, 开标日(含当日)前):
#: not part of the event the limit counts from (dropped from the words around them).
COUNTING_NOTES = frozenset(
    f"{inc}{day}"
    for inc in ("含", "不含", "包括", "不包括", "包含", "不包含")
    for day in ("本日", "当日", "当天", "本数", "节假日", "法定节假日", "休息日", "双休日")
)

_NOTE_IN_BRACKETS = re.compile(
    r"[(\[](?:" + "|".join(sorted(COUNTING_NOTES, key=len, reverse=True)) + r")[)\]]"
)


def without_notes(words: str) -> str:
    """``words`` without the counting notes in brackets they hold (see COUNTING_NOTES)."""
    return _NOTE_IN_BRACKETS.sub("", words)


#: Verbs that put a rule in force from a date (2020-03-15实施, 【施行日期】2019.05.22;
#: 明年4月30日上路, Taiwan's word for a law taking effect).
IN_FORCE = "施行|实施|生效|上路"

LIST_WORDS: tuple[str, ...] = ("以及", "和", "及", "与", "或", "或者")

#: Words between the first end of a range and its connector (2020年4月启动至2022年12月结束).
RANGE_OPENERS = re.compile(
    r"(?:全面|正式|集中|陆续|统一|分批){0,3}(?:启动|开始|开端|展开|开展|实施|进行|推进|部署|动员|报名|持续"
    r"|申请|受理|办理|征集|评选|公示|接受)?(?:实施|开展|工作)?(?:一直持续|一直|持续|直)?"
)
#: Words after the far end of a range that close it (…至2022年12月结束, …至6月30日24时止).
RANGE_CLOSERS = re.compile(r"(?:基本|全面|全部|正式){0,2}(?:结束|截止|为止|止|完结|完毕)")

#: Words of the time of day before a clock hour, and the hours they add
#: (下午5时 is 17:00; 上午 and 凌晨 add nothing; 中午12时 stays 12:00).
DAYPART: dict[str, int] = {
    "上午": 0, "早上": 0, "早晨": 0, "凌晨": 0, "清晨": 0, "中午": 0, "午间": 0,
    "下午": 12, "晚上": 12, "晚间": 12, "傍晚": 12, "夜间": 12, "晚": 12, "白天": 0,
}  # fmt: skip


#: An event named right before a bare length (出国申请15个工作日办结, 公示期限7天, 公示期为5个
#: 工作日): the length counts from it (:func:`shixian.grammar.rules.duty.in_advance`); the
#: words before 的 are its subject, not the event.
EVENT_BEFORE_LENGTH = re.compile(
    r"(?:^|的)(?P<event>[\u4e00-\u9fff]{0,16}?(?:申请|申报|投诉|举报|受理|登记|备案|公示|报名|提交))"
    r"(?:期限|时限|期为|期限为|时限为|期)?:?$"
)

#: An event whose end starts what follows, named before 后 / 以后 / 之后 with no length
#: (大会闭会后审议, 施工完成以后, 会议结束之后, 收到通知后办理): due some time after it, the
#: text gives no number (offset ``?``; :func:`shixian.grammar.rules.duty.after_unnumbered`).
#: The event ends in a verb of ending or delivering, or opens with a verb of receiving
#: (收到, 接到) followed by what is received (group ``received``: the event, without the
#: subject before it, 各单位). Other words before 后 (建成后将带动, 然后, 此后)
#: name no event a duty counts from.
AFTER_EVENT = re.compile(
    r"^[\u4e00-\u9fff\"'《》“”]{0,24}?(?:闭会|闭幕|结束|完成|完工|竣工|验收|办结|届满|期满|到期"
    r"|批准|批复|审定|审议通过|通过|印发|下发|发布|公布|公告|公示|签订|签署|立案|受理|报批|核准"
    r"|备案|截止|裁示)$"
    rf"|^[\u4e00-\u9fff]{{0,8}}?(?P<received>(?:{RECEIPT_VERBS})[\u4e00-\u9fff]{{1,12}})$"
)

#: Names of meetings that make a year before them their label (召开2017年征兵工作会议,
#: 2021年度民生工程推进会) after a date the sentence tells
#: (:mod:`shixian.grammar.compose.labels`); a year before other words (提出了2024年政府工作
#: 总体目标) is the period they cover, and stays one.
LABELLED_NOUNS = re.compile(
    r"会议|(?:推进|部署|座谈|调度|动员|表彰|工作|总结|研讨|发布|协调|联席|现场|培训|观摩|谋划)会"
    r"|论坛|年会|峰会|博览会|运动会"
)

#: An event right after a limit that qualifies people (48小时内接种新冠疫苗的人员, 14天内有
#: 旅居史的人员): the limit counts from that event (the people are those inside it), not from
#: one named before (:func:`shixian.grammar.rules.events.event_of_people`).
EVENT_OF_PEOPLE = re.compile(
    r"(?P<event>[\u4e00-\u9fff]{2,16}?)的(?:人员|人群|人|者|群众|患者|旅客|学生|考生|儿童)"
)

#: A length of years that is what something lasted or lasts, not a limit: after an
#: anniversary's subject (改革开放30年, 建党100年) or before what it qualifies (15年免费
#: 教育, 30年的发展): no time of any duty (:func:`shixian.grammar.rules.duty.in_advance`).
YEARS_LASTED_AFTER = re.compile(
    r"(?:改革开放|建党|建国|新中国成立|成立|恢复高考|解放|建区|建市|建县"
    r"|奋斗|历经|经过|坚持了|持续了|用了)$"
)
YEARS_LASTED_BEFORE = re.compile(
    r"^(?:的|免费|义务|教育|改革|发展|历程|成就|经验|成绩|变化|巨变|奋斗|实践|探索|工龄|党龄|教龄|以上的)"
)

#: Words between a year and a later date of its clause that name a report or a review
#: *of* the year (2023年度报告于4月底前公开: the April of the next year), so the year
#: does not frame the date (:mod:`shixian.grammar.compose.framing`).
OF_A_PERIOD = re.compile(
    r"报告|年报|决算|总结|报表|统计|考核|评估|审计|验收|评议|述职|年鉴|回头看|汇算|清缴|所得税|纳税申报|纳税年度"
)
