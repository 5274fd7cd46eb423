"""The words and patterns that hold a time character but are not time (目前, 提前, 内容,
国办发〔2021〕30号, 年满十六周岁, 为期4个月): tables the lexer's vetoes are built from, so
that a token rule never starts inside them (:mod:`shixian.grammar.vetoes`)."""

from __future__ import annotations

import re

__all__ = ["CHANGE_VERBS", "NOT_TIME_PATTERNS", "NOT_TIME_WORDS", "not_time_pattern"]

#: Words that hold a time character but are not time: 目前 (now, not "before 目"),
#: 提前 (in advance), 前期 (an early stage), 内容 (content), 到位 (in place) … A
#: token rule made of them is tried before every other rule at the same place, so
#: their characters never start a time word.
NOT_TIME_WORDS: tuple[str, ...] = (
    # 前 that is not "before"
    "目前", "当前", "此前", "事前", "空前", "面前", "眼前", "跟前", "向前", "从前", "提前",
    "前期", "前列", "前端", "前沿", "前景", "前往", "前述", "前瞻", "前言", "前身",
    "前夕", "前置", "前移",
    # 长期以来: for a long time up to now, a look back and no continuing work
    "长期以来",
    # 内 that is not "within"
    "内容", "内部", "内涵", "内外", "内设", "内置", "内在", "内控", "内地", "内网",
    "内业", "内资", "内政", "内务", "内蒙古", "内陆", "内河", "内科", "内需", "内销", "内江",
    # 内 after a place (禁止在忠县境内焚烧): inside it, not within a time
    "境内", "国内", "省内", "市内", "县内", "区内", "域内", "辖内", "范围内", "园内", "校内",
    "室内", "厂内", "场内", "村内", "镇内", "乡内", "城内", "馆内", "库内", "网内", "圈内",
    "系统内", "体系内", "行业内", "单位内", "部门内", "机关内",
    # 视情况 inside another word (巡视情况: the inspection's findings)
    "巡视情况", "监视情况", "重视情况", "审视情况", "检视情况", "正视情况", "透视情况",
    # 到 / 至 / 起 / 后 / 初 / 中 / 底 that are not time (至少, 后续 and 最后 are time
    # words: counts, 后续不定期, 最后一个工作日)
    "收到", "达到", "得到", "做到", "受到", "报到", "遇到", "看到", "想到", "办到",
    "提到", "签到", "接到", "及时间", "到位", "到期", "到达", "到岗", "到会", "至关",
    "起草", "起始",
    # 跌至, 降至 (fell to): an amount follows, not a date (跌至过去4年平均每年14次)
    "跌至", "跌到", "降至", "降到", "涨至", "涨到", "升至", "升到", "增至", "减至",
    "起来", "起步", "起运", "起飞", "起航", "起义", "起因", "起源", "起火", "起重",
    "起诉", "起点", "滞后", "落后", "后期", "后果", "后面", "后台", "后方", "后勤", "后备", "后者",
    "后来", "初步", "初稿", "初审", "初次", "初级", "初期", "初始", "初衷", "初心", "初中",
    "含当日", "含当天",
    "摸底", "兜底", "托底", "保底", "彻底", "家底", "见底", "触底", "打底", "心底", "到底",
    "底线", "底数", "底子", "底层", "末端", "末梢", "末尾", "末位",
    # 年 / 月 / 日 / 周 inside other words
    # 同步 that times no duty (同步推进: side by side; 按时保质 is on time, as annotators read it)
    "同步达到", "同步提升", "同步增长", "同步提高", "同步改善", "同步建成", "同步实现", "同步发展",
    "常年同期", "常年平均", "常年值", "较常年", "比常年", "于常年",
    "同步推进", "同步实施", "同步部署", "同步开展", "同步建设", "同步规划",
    "同步换届", "同步执法", "同步行动",
    "按期限",
    # 限期 that sets no limit (无限期: without end)
    "无限期",
    # 长期 / 实时 in names and descriptions (长期照顾: long-term care; 实时监测: a monitoring
    # system, not a duty's time)
    "长期照顾", "长期照护", "长期护理", "实时监",
    # 调整至 / 调整到 <date>: the new time of the event, not a deadline (换届时间调整至2021年)
    "调整至", "调整到",
    # 定期 inside 规定期限 / 订定期程 (a set term, not "regularly")
    "定期限", "定期程",
    "年龄", "青年", "少年", "老年", "成年人", "未成年", "周边", "周转", "周围",
    "周期性", "日常", "日益", "日趋", "生日", "月饼",
    # 迅速 of a rate (经济迅速发展), not of a duty's promptness (迅速组织推进)
    "迅速发展", "迅速增长", "迅速提升", "迅速提高", "迅速扩大", "迅速崛起", "迅速蔓延",
    "迅速上升", "迅速下降", "迅速普及", "迅速壮大", "迅速传播", "迅速攀升", "迅速回升",
    "迅速掀起", "迅速形成", "迅速兴起",
)  # fmt: skip

#: Patterns of number + time character that are not time (document numbers, ages,
#: the length of a window told beside it): 国办发〔2021〕30号, 第18号公告, 年满十六周岁,
#: (共12天), 为期4个月. (Cleaned text has no spaces, so the patterns hold none.)
_LENGTH = (
    r"(?:共计|总共|共|为期|历时|合计|时长(?:约|为)?)[0-9一二三四五六七八九十两]{1,4}"
    r"(?:个)?(?:多|余)?(?:个)?(?:工作日|小时|钟头|天|日|周|星期|个月|月|年)"
    # (not the first unit of a length in two, 为期2个月26天: refused as such)
    r"(?![0-9一二三四五六七八九十两])"
)
#: Verbs that change a length or a time from an old value to a new one (延长至, 缩短为,
#: 调整为): the old value after 从 / 由 before them is no time of the text.
CHANGE_VERBS: tuple[str, ...] = (
    "延长", "缩短", "压缩", "减少", "增加", "调整", "提高", "放宽", "延期", "推迟", "提前",
    "改", "更改", "变更", "顺延", "缩减", "降低", "延至", "扩大", "延迟",
)  # fmt: skip
# a length or a date as an old value: digits, numerals and the time characters
_CHANGED = (
    r"[0-9一二三四五六七八九十两〇零百.\-/]{1,12}"
    r"(?:[年月日号天周个季度旬半上中下初底末工作小时星期钟头春夏秋冬期]{1,6}"
    r"[0-9一二三四五六七八九十两〇零]{0,4}){1,4}"
    r"|[春夏秋冬]{1,2}季"
)
#: an amount after a year (2017年的111.8亿元, 2020年61.95亿元)
_AMOUNT = (
    r"(?:[0-9一二三四五六七八九十]"
    r"|[0-9]{1,6}(?:\.[0-9]{1,4})?(?:亿|万|%|个|家|人|元|吨|亩|公里|千))"
)
_GROWTH = (
    "增长",
    "提高",
    "提升",
    "上升",
    "下降",
    "降低",
    "减少",
    "增加",
    "扩大",
    "缩小",
    "达",
    "增",
    "降",
    "升",
)
NOT_TIME_PATTERNS: tuple[str, ...] = (
    # a trend year by year (发病率呈逐年升高趋势, 逐年递增), not a duty every year
    r"逐(?:年|月)(?=升高|增加|提高|下降|减少|增长|递增|递减|上升|加大|扩大|降低|攀升|好转|改善|走高|走低)",
    # 内审 (internal audit), not the 内 of a limit before 审理 / 审查 (60日内审理完结)
    r"内审(?![理查核批结定])",
    # a prompt word negated (不能当场答复的, 未按时办结的事项, 没有及时上报): the condition of
    # a duty that was not met, no time of one
    r"(?:不能|未能|没能|无法|没有|未|不)(?:及时|按时|按期|立即|当场|马上|尽快|第一时间)",
    r"[(\[][0-9]{4}[)\]][0-9]{1,4}号",  # 〔2021〕30号 (brackets cleaned to ( ))
    r"第[0-9一二三四五六七八九十百〇零]{1,14}号",  # 第18号公告, 字第1031500183號
    r"[0-9]{1,4}号(?=文件|文|令|公告|通知|通告|批复)",  # 2号文件
    # a document's number after its issuer's word or a bracket left half-garbled (国发2019〕13号,
    # 介文明办字2号, 委督发20xx9号)
    r"(?:(?<=[发字函\]])|(?<=[0-9]{4}\))|(?<=[xX]))[0-9]{1,5}号",
    # 年满十六周岁, 年满18—22周岁
    r"(?:年满|未满|不满|满)[0-9一二三四五六七八九十]{1,3}(?:[—~\-至到][0-9一二三四五六七八九十]{1,3})?"
    r"(?:周岁|岁)",
    r"[0-9一二三四五六七八九十]{1,3}周岁(?:以上|以下|及以上|以内)?",  # 60周岁以上
    # (共12天), 为期4个月, 历时一个多月 beside other words (a cell of only the length is a
    # bare length: 历时一个多月 alone)
    rf"(?<=.){_LENGTH}|{_LENGTH}(?=.)",
    r"[0-9〇零一二两三四五六七八九十百]{1,5}周年",  # 建党100周年, 建党一百周年
    # 《环境保护法》(2014年)第十九条: the statute's edition, no time
    r"(?<=》)\([0-9]{4}年(?:修订|修正|版|本)?\)",
    # 前提 (a premise), but not 前 + 提交 / 提出 / 提供 (6月30日前提交: before, then a verb)
    r"前提(?![交出供醒请报])",
    # 《关于2016年部分节假日安排的通知》: the notice of the year's holidays, no holiday period
    r"节假日(?=安排|放假安排)",
    # 短期目标和长期目标, 中长期规划: kinds of goals and plans, not continuing work
    r"(?:中长期|长期|中期|短期|近期|远期)(?=目标|规划|计划|任务|发展|愿景|战略|贷款|国债|投资)",
    # 网上年检, 线上年报, 晚上年夜饭: 上 ends the word before (not 上年, last year)
    r"(?<=[网线马晚早路楼身手])上(?=年)",
    # 日前 of news, "recently" (山西省商务厅日前发布通知, 日前,笔者…): not the day before an
    # event (开标之日前, 截止日前)
    r"(?:^|(?<=[,;。\s]))日前(?=,)"
    r"|(?<![0-9〇零一二两三四五六七八九十廿卅之止满限期截当举开考选])日前"
    r"(?=发布|印发|出台|召开|举行|从|获悉|公布|下发|组织|开展|在|由|对|向|已|正式"
    r"|联合|专门|发出|表示|了解|宣布|启动|成立|收到|接到|完成|召集|赴|到|来|去|走访|深入)",
    # a term named before its length (长期(3-5年)): the length is the limit, not 长期
    r"(?:长期|中期|短期|近期|远期)(?=\([0-9一二三四五六七八九十两])",
    # the old value of a changed length or time (从三个月延长至四个月, 由7天调整为15天,
    # 考试时间由6月10日调整至6月17日): only the new one is the text's time
    rf"(?:从|由)(?:原来的|原定的|原定|原有的|原|现行的|现行|现在的)?(?:{_CHANGED})"
    r"(?:以内|之内|内)?(?:完成|办结|办理)?"
    rf"(?=(?:{'|'.join(CHANGE_VERBS)})(?:为|至|到|成))",
    # 从2017年的111.8亿元提高至2021年的160亿元: the years of a statistic's values, each a
    # year, not a start and a deadline (从 and 到 belong to the values)
    # (到2025年80%以上的村: a target's deadline, unless a verb of change comes before 到)
    # (由2018年的第17名进步到今年的第6名: so are a rank's years)
    rf"(?:从|由)(?=[0-9]{{4}}年的?(?:{_AMOUNT}|第))"
    rf"|(?:至|到)(?=(?:[0-9]{{4}}年|今年|去年|当年|本年|上年)的(?:{_AMOUNT}|第))"
    rf"|(?:{'|'.join(f'(?<={verb})' for verb in _GROWTH)})(?:至|到)(?=[0-9]{{4}}年{_AMOUNT})",
    # an address (中山路88号, 力学胡同3号305室, 3号楼, 5号线): a house number, not a day
    r"(?:(?<=[路街巷弄])|(?<=胡同)|(?<=大道))[0-9一二三四五六七八九十百]{1,5}号"
    r"|[0-9一二三四五六七八九十百]{1,5}号(?=[0-9]{1,5}(?:室|房)|楼|院|室|门|馆|厅|会议室|窗口"
    r"|线|地块|车间|仓库|泊位|展厅|大厦|商铺|铺)",
    # 逾期超过30日的, 考试时间超过3小时或…: a condition on a length (more than so long), no
    # limit (不得超过30日, 不应超过, 严禁超过 still cap one; 超过30日内 and 超出30日但不超出45日内
    # are left to the limits)
    r"(?<![不得应能宜准可禁])(?:超过|超出|多于|长于)[0-9一二三四五六七八九十两百]{1,4}"
    r"个?(?:工作日|小时|钟头|天|日|周|星期|个月|月|年)(?:以上)?(?!内|以内|之内|[0-9]|但|而)",
    # 优良天数达到333天, 比目标值314天多26天: a tally of days (a statistic), no limit
    r"(?<=天数)(?:达到|达|为|是|共计|共|累计|有|仅)?[0-9一二三四五六七八九十百]{1,4}天"
    r"|[0-9一二三四五六七八九十百]{1,4}天(?:多|少)[0-9一二三四五六七八九十百]{1,4}天",
    # 三年之内无重大行政处罚记录, 近两年未发生重大事故: a look back over so long with nothing
    # in it (an eligibility condition), no limit after an event (14天内有…旅居史的人员 is a
    # limit qualifying people: rules.events.event_of_people)
    r"(?:近|最近|过去)?[0-9一二三四五六七八九十两]{1,3}个?(?:年|个月|月|周|天|日)(?:之内|以内|内)?"
    r"(?=(?:无|未|没有|均无)[\u4e00-\u9fff]{0,16}?"
    r"(?:记录|旅居史|接触史|史|违法行为|处罚|事故|病例|感染者|疫情))",
    # 连续三季度位列红榜: a count of quarters in a row, not the third quarter
    r"连续[0-9一二三四五六七八九十两]{1,2}个?季度?(?![0-9一二三四五六七八九十])",
    # 两个周期, 试行一个周期: cycles, not weeks
    r"(?:每|[0-9一二三四五六七八九十两]{1,3})个?周期",
    # 征兵时间提前了三个月: by how much a time moved, no limit before an event
    r"(?:提前|推迟|推后|延后|提早)了[0-9一二三四五六七八九十两半]{1,3}"
    r"个?(?:工作日|小时|钟头|天|日|周|星期|个月|月|年)",
    # 4月28日、29日(本周四、五): the weekdays of the dates before, not this week's
    # (4月28日至30日(本周四至六): so is a range of them)
    r"(?<=[日号]\()本(?=周[一二三四五六日天](?:、|至|到|-|—|~))",
    # 11月16日至12月15日这一个月的集中整治阶段: the length of the period just told, no limit
    r"这[0-9一二两三四五六七八九十]{0,3}个?多?(?:月|天|日|周|星期|年)",
    # 6月龄以上, 满6个月龄: an age in months (weeks, days), not a month
    r"[0-9一二两三四五六七八九十]{1,3}个?(?:月龄|周龄|日龄)",
    # the days a list or range of days counts (9月20日、21日、27日、28日四天, 6月1日、3日两天,
    # 法定假日为3天(10月1日、2日、3日)): a tally, no limit after an event
    # (one script: 7日一9日 is a range written with 一 for the dash)
    r"(?<=[日号])(?:[0-9]{1,2}|[一二三四五六七八九十两]{1,2})(?:个)?(?:天|日)(?![内以之前后起])"
    r"|[0-9一二三四五六七八九十两]{1,2}天(?=\([0-9一二三四五六七八九十]{1,2}月)",
    # a tally of the days of a holiday by kind (其中2天为双休日): no length of any work
    r"[0-9一二三四五六七八九十两]{1,3}(?:天|日)为(?=双休日|公休日|休息日|法定|节假日|假日|周末|调休)",
    # a bracketed length right after a date: 3月1日-4月4日(5周) tells the window's size
    # (翌日(17日), 今日(5日): the day the word names, stated)
    r"(?<=[日月号])(?<![翌次今明昨当同]日)\([0-9一二三四五六七八九十两]{1,3}个?"
    r"(?:工作日|天|日|周|星期|个月|月|年)\)",
    # 10年或以上业主, 工作满5年以上, 停工3个月以上的: a length at least so long (an
    # eligibility or a condition), not a limit
    # (外出一周以上, 停工3天以上: so too a shorter length; 提前3天以上 is a limit before an event)
    r"(?<![0-9])[0-9一二三四五六七八九十两]{1,3}(?:个月|年)(?:或|及)?以上"
    r"|(?<![0-9前])[0-9一二三四五六七八九十两]{1,3}个?(?:周|星期|天|日|小时)(?:或|及)?以上",
    # 8号或以上热带气旋警告信号, 八号风球: a typhoon or rainstorm signal, not a day
    r"[0-9一二三四五六七八九十]{1,2}号(?:或以上)?(?:热带气旋|风球|台风|暴雨|烈风|信号|警告|强风)",
    # 第1次定期评量, 第一次定期考: an exam's name, not a periodic schedule
    r"第[0-9一二三四五六七八九十]{1,3}次定期",
    # 5天工作周, 五天工作制: a working week, not a length
    r"(?:[0-9]|[一二三四五六七])天工作(?:周|制)",
    # 全年四分之一, 全年的三分之一: a share of the year's target, not the year
    r"全年(?:的)?(?:[0-9]{1,3}|[一二三四五六七八九十百]{1,3})分之",
    # 公告2022年第7号, 2023年第12号令: a document's number within its year, not the year
    r"(?:[0-9]{4}|[〇零一二三四五六七八九]{4})年(?:度)?第[0-9一二三四五六七八九十百〇零]{1,6}(?:号|期)",
    # 50年一遇, 5年~10年一遇, 百年一遇: a flood's return period, not a length of any work
    r"(?:[0-9一二三四五六七八九十百千]{1,4}年?[~\-—至到])?[0-9一二三四五六七八九十百千]{1,4}年一遇",
    # (24小时可办), 24小时服务热线, 全天24小时开放: when a service is open, not a limit
    # (the digits as a class: the patterns that veto words treat every digit alike)
    r"(?:全天)?[0-9]{1,2}(?:个)?小时(?=可办|服务|开放|营业|在线|值班|值守|受理|热线|不打烊|畅通|运行|监控|自助|巡查|巡逻|巡堤|监测|待命|不间断|防汛|轮班|全天候|应急"
    r"|供水|供电|供气|供暖|开展|坚守|在岗|接种|采样|检测|开诊|接诊|门诊|急诊|免费|对外"
    r"|开通|驻守|照常|上班|看守|看管|值勤|执勤|运转|开机|轮岗|轮值|蹲守|守候"
    r"|政府热线|市民热线|便民热线)"
    # 全天24小时坚守岗位, 二十四小时值班制度: round the clock, in Chinese numerals too
    r"|全天[0-9]{1,2}(?:个)?小时|二十四小时(?=值班|值守|坚守|服务|开放|在岗|运行|不间断|监测)",
    # 每天24小时交通管制: all day, every day (a length per day is no limit; 每天24小时内 is one)
    r"(?:每天|每日)(?:全天)?[0-9]{1,2}(?:个)?小时(?![内以之])",
    # 实行24小时驻守: a regime round the clock (a verb of rules before the hours, no 内)
    r"(?:实行|实施|坚持|落实|执行|推行)(?:全天)?[0-9]{1,2}(?:个)?小时(?![内以之前后])",
    # 7×24小时服务, 7*24小时: round the clock, every day (a product of numbers, not a
    # length; digits as a class, as the patterns that veto words must treat every digit)
    r"[0-9][×xX*✕][0-9]{1,2}(?:个)?小时",
    # 冬季作息时间: the name of a timetable a season gives, not the season (从10月1日起实行冬季
    # 作息时间 is from that day on)
    r"[春夏秋冬]季作息",
    # 及时率, 按期办结率, 及时性: a rate or a quality of promptness (a statistic), no duty
    r"(?:及时|按时|按期|准时|即时)(?:办结|完成|回复|答复|反馈|处理|受理|签收|办理|整改|上报)?(?:率|性)",
    # 24小时心理咨询服务热线, 24小时值班电话: a line open round the clock, words between
    # (not 24小时内电话告知: a limit, then how to tell)
    r"[0-9]{1,2}(?:个)?小时(?:(?![内以之])[\u4e00-\u9fff]){0,8}(?:热线|服务电话|咨询电话|值班电话|专线)",
    # 索引号 | 01526079-6-/2021-0508011: a catalogue's index number, no date
    # (opening with the label: a pattern that may start at any character would make the
    # vetoes' one scan try every pattern at every character of a text)
    r"索引号[^\u4e00-\u9fff]{1,60}",
    # 不含法定节假日, 不包括双休日: the days a count leaves out, not a holiday period
    r"(?:不含|不包括|不包含|除去|扣除|剔除)(?:国家)?(?:法定)?(?:节假日|节日|假日|休息日|双休日|公休日|周末)",
    # 每周六(法定节假日除外): the days a schedule leaves out, not a holiday period
    r"(?:国家)?(?:法定)?(?:节假日|节日|假日|节假日期间)除外",
    # 以一个月为一期纳税的: the length of a tax period, no limit
    r"以[0-9一二三四五六七八九十两]{1,2}(?:个)?(?:月|日|天|季度|年)为(?:一)?(?:期|周期|个周期|纳税期限?)",
    # 由月报改为季报: the old kind of report a change replaces, no schedule of the text
    r"(?:由|从)(?:月报|季报|年报|半年报|周报|旬报)(?=改为|调整为|变为|改成|调整到)",
    # 在月份或者季度终了后: a month in general, no month of the calendar
    r"(?<![0-9一二三四五六七八九十本当上下每同该次两几各个])月份(?=或|和|及|与|终了|结束|、)",
    # 2023年定期统计报表, 定期报表制度: a kind of statistical report, no schedule
    r"定期(?=统计报表|统计年报|报表|统计制度)",
    # 今年第6号台风, 今年第一次编号洪水: a name counted within the year, not the year
    r"今年第[0-9一二三四五六七八九十]{1,3}(?:号|次|个|场)",
    # “十三五”发展规划的关键之年, “十四五”开局之年: the plan named, not its five years
    r"(?<=\S)[“\"]?十[一二三四五]?五[”\"]?(?=(?:发展)?规划|开局之年|收官之年|关键之年|起步之年|决胜之年|谋篇之年|的开局|的收官|的关键)",
    # 放假4天, 共放假3天, 连休7天: how many days a holiday has, no limit of any work
    r"(?:放假|休假|连休|调休|休息|停课|停工|停业)(?:共)?[0-9一二三四五六七八九十两]{1,2}天",
    # 按周一课表上课, 补周四课程: whose timetable a day follows, no weekday of its own
    r"(?:按|执行|补)(?:单周|双周)?(?:周|星期)[一二三四五六日天](?:的)?(?:课表|课程|作息|课)",
    # 第16周, (第六周周六): a week of a term counted from its start, no length
    r"(?<![年月季每度期])第[0-9一二三四五六七八九十]{1,3}(?:个)?(?:周|星期)(?![一二三四五六日天年])",
    # 为最后1天, 是春节假期最后一天: the last day of something (its edge), no length
    r"(?:最后|最末)(?:[0-9]|一)(?:天|日)(?![内以之])",
    # 日前, (news: a few days ago) opening a clause: no limit before a day (截止日前 is one)
    r"(?:(?<![\s\S])|(?<=[,;。:、(]))日前(?![0-9一二三四五六七八九十])",
    # 禁渔期的第一天: the first day of something (its edge), no length
    r"(?<![月年周季旬])的第一(?:天|日)(?![内以之])",
    # 以2小时15分18秒夺冠: a time measured (a race's), no limit
    r"[0-9]{1,2}小时[0-9]{1,2}分[0-9]{1,2}秒",
    # 每逾期一日加收, 每晚一天, 每延迟1日: a penalty's rate per day late, no limit and no day
    r"每(?:逾期|超期|延期|延迟|迟延|推迟|晚|迟)(?:[0-9]{1,2}|[一二三两])个?(?:日|天|工作日|小时|个月|月|年)",
    # 365天24小时审批服务, 继续24小时运作: round the clock and the year, no limit
    # (the digits as a class: the patterns that veto words treat every digit alike)
    r"[0-9]{3}天(?:[×xX*✕])?(?:全天)?[0-9]{1,2}(?:个)?小时|[0-9]{1,2}(?:个)?小时(?=运作|运转|运营|营运)",
    # 剩余有效期不足30个工作日, 不足3个月的: a condition on a length (less than so long),
    # no limit (as 超过30日的 is none)
    r"(?:不足|不满|少于|短于|未满|低于)[0-9一二三四五六七八九十两百]{1,4}"
    r"个?(?:工作日|小时|钟头|天|日|周|星期|个月|月|年)(?!内|以内|之内|[0-9])",
    # a statute's cross-references (受理前项申请后, 前款规定的期限: the item, paragraph or
    # article before; not 4月20日前项目完工, 3月底前款项拨付)
    r"前(?:项|款|条)(?=申请|规定|所|之|第|情形|的规定|的情形|的期限|期限)",
    # 听证所需时间不计算在前款规定的期限内, 不计入审查期限: what a limit leaves out, no limit
    r"不(?:计算|计入|计)(?:在|入)?[^,。;]{0,12}?(?:期限|时限)(?:内|之内|以内)?",
    # 额外发放1个月全额援助金, 补发3个月工资: so many months of a payment, an amount
    r"[0-9一二三四五六七八九十两]{1,3}个?月(?:的)?(?=(?:全额|额外|基本)?(?:援助金|工资|津贴|补贴|薪金"
    r"|奖金|生活费|租金|房租|养老金|补助|救助金|低保金|抚恤金|月薪|薪酬|薪水|退休金|保费))",
    # 不足3个月的按3个月计算: how a length is counted, no limit
    r"(?:按|以)[0-9一二三四五六七八九十两百]{1,4}个?(?:工作日|天|日|周|星期|个月|月|年)(?=计算|计|算)",
    # 术后半年以上: at least half a year after, a condition, not the year's second half
    r"(?<=[术])后(?=半年以上)",
    # 2017年6月30日(含6月30日)前: a note that the day itself counts, no second date
    r"(?<=[日号])\((?:含|包括|包含)[^()]{1,14}\)",
)


def not_time_pattern() -> str:
    """One pattern for every not-time word and pattern, longest words first."""
    words = sorted(NOT_TIME_WORDS, key=len, reverse=True)
    return "|".join([*NOT_TIME_PATTERNS, *(re.escape(w) for w in words)])
