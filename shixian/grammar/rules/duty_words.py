"""The words of duties as tables, token rules and their values (the productions are in
:mod:`shixian.grammar.rules.duty`): same-day and next-day words, extensions, pending and
continuing work, periods relative to the reference, the endings of events.

Token codes: ``i`` a same-day / next-day word (当日, 次日: an offset), ``e`` an
extension (可延长, 延长期限不得超过: the duration follows), ``t`` a word for a
period relative to the reference (本周, 下季度), ``H`` a pending word (另行通知),
``L`` a word of continuing work (永久保留).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ...model import Offset
from ..engine import TokenRule
from ..vocabulary import MODAL_WORDS, WEEKDAY_CHARS

__all__ = [
    "DAY_WORDS",
    "EVENT_ENDS",
    "EXTENSION_CAP",
    "EXTENSION_MAY",
    "EXTENSION_WHAT",
    "IN_ADVANCE",
    "MOVED_TO",
    "ONGOING_TOKEN",
    "ONGOING_WORDS",
    "PENDING_WORDS",
    "PERIOD_WORDS",
    "TOKENS",
]


def _alternation(words: Iterable[str]) -> str:
    """A regular expression for any of ``words``, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


#: same day / next day → days after the event (应在收到转办件的当日 → 0).
DAY_WORDS: dict[str, int] = {
    "当日": 0, "当天": 0, "即日": 0, "当场": 0, "同日": 0, "同一天": 0, "当即": 0,
    "次日": 1, "第二天": 1, "第二日": 1, "隔日": 1, "翌日": 1, "次一日": 1, "隔天": 1,
}  # fmt: skip

#: words that open an extension (可延长15个工作日, 延长期限不得超过20个工作日):
#: a permission, 延长, what is extended, a cap.
EXTENSION_MAY: tuple[str, ...] = (
    "可",
    "可以",
    "可予",
    "可予以",
    "并可",
    "经批准可",
    "最多可",
    "可适当",
    "可再",
    "需",
)
EXTENSION_WHAT: tuple[str, ...] = ("期限", "的期限", "答复期限", "时限", "时间", "的时间")
EXTENSION_CAP: tuple[str, ...] = (
    "最长",
    "最多",
    "不得超过",
    "不超过",
    "最长不得超过",
    "最长不超过",
    "最多不超过",
)

#: words that say the time will be set later → what it waits on.
PENDING_WORDS: dict[str, str] = {
    # (另行通知 as written: a notice still to come; the words name 通知, as the corpus reads)
    "另行通知": "另行通知", "届时另行通知": "另行通知", "另行告知": "另行告知",
    "另行公告": "另行公告", "另行通告": "另行通告",
    "另行公布": "公告", "另行安排": "安排", "另行确定": "确定", "另定": "确定",
    "待定": "决定", "另行商定": "商定", "视情况而定": "情况", "视情况": "情况",
    "视具体情况而定": "情况", "根据工作需要": "工作需要", "视工作需要": "工作需要",
    "暂未通知": "通知", "暂未确定": "确定", "时间待定": "决定", "另行发文": "通知",
}  # fmt: skip

#: words of continuing work with no end (kind ``ongoing``).
ONGOING_WORDS: tuple[str, ...] = (
    "永久保留", "永久公开", "长期保留", "长期公开", "长期有效", "长期保存", "永久保存",
    "常年", "长年", "常态化公开", "持续公开", "长期坚持", "长期开展", "持续推进",
    "持续开展", "常态化推进", "常态化开展", "常态化", "长效", "长期", "动态更新", "动态公开",
)  # fmt: skip

#: periods named relative to the reference date → (grain, shift).
PERIOD_WORDS: dict[str, tuple[str, int]] = {
    "本周": ("week", 0), "这周": ("week", 0), "本星期": ("week", 0), "下周": ("week", 1),
    "下星期": ("week", 1), "上周": ("week", -1), "本月": ("month", 0), "上月": ("month", -1),
    "上个月": ("month", -1), "上一个月": ("month", -1), "本季度": ("quarter", 0),
    "本季": ("quarter", 0),
    "下季度": ("quarter", 1), "下一季度": ("quarter", 1), "下个季度": ("quarter", 1),
    "上季度": ("quarter", -1), "上一季度": ("quarter", -1), "上个季度": ("quarter", -1),
}  # fmt: skip

#: how the words before a limit end when they name an event it lies before
#: (投票日的15日以前, 会议召开5日前, 节前3个工作日); other words (各部门15日前) do not.
EVENT_ENDS: tuple[str, ...] = (
    "的", "日", "召开", "开庭", "开标", "投票", "选举", "举行", "举办", "开始", "开幕",
    "开学", "开考", "考试", "节", "会", "届满", "到期", "期满", "截止", "报名", "实施",
    "时间", "听证", "开工", "换届", "生效", "考", "会议", "活动",
)  # fmt: skip

#: words that move a time in advance, with no event named after them: 提前一周发通知
#: (a week before the event the sentence is about) → a limit before that event.
IN_ADVANCE: tuple[str, ...] = ("提前", "提早", "预先", "事先")
#: words that move a planned time to another period: 提前至一季度开工 (the work now
#: happens in the first quarter), 推迟到6月举行 → a window over the new period, not a
#: deadline by it (延长至, 截至 keep their deadline).
MOVED_TO: tuple[str, ...] = ("提前", "推迟", "延迟", "调整", "改期", "挪", "前移", "调", "移")

_FILLER = re.compile(r"^(?:应当|应|须|需|要|必须|并|均|请)?(?:在|于|自|从|当|待)?|(?:之|的)$")
# the words before the event: 选举委员会应当在 | 投票日的
_SUBJECT = re.compile(
    r"^.*?(?:(?:应当|应该|应|须|需|要|必须)?(?:在|于)|(?:时限|期限|时间)(?:为|是))(?=..)"
)
_OR = re.compile(r"^(?:或者|或|以及|及|和|并且|并|且)")


#: 文书科应于会前, 各单位在会后: the event is 会 (the meeting), not the subject before it
_MEETING = re.compile(r"^(?:.*[在于])?会$")


def _event_words(gap: str) -> str:
    """The event in the words before a limit: 各承办单位应在收到转办件的 → 收到转办件."""
    if _MEETING.match(gap):
        return "会"
    words = _OR.sub("", _SUBJECT.sub("", gap, count=1))
    words = _FILLER.sub("", _FILLER.sub("", words))
    return "" if words in MODAL_WORDS else words  # 能够当场答复: 能够 is no event


def _day_word(text: str) -> Offset:
    return Offset(DAY_WORDS[text])


def _word(text: str) -> str:
    return text


def _pending(text: str) -> str:
    return PENDING_WORDS[text]


def _period(text: str, wd: str | None) -> tuple[str, int, int | None]:
    grain, shift = PERIOD_WORDS[text[:-1] if wd is not None else text]
    return grain, shift, None if wd is None else WEEKDAY_CHARS[wd]


def _next_month(text: str) -> tuple[str, int, int | None]:
    return "month", 1, None


TOKENS: list[TokenRule] = [
    TokenRule("当日|次日", _alternation(DAY_WORDS), "i", _day_word),
    TokenRule(
        "可延长",
        f"(?:{_alternation(EXTENSION_MAY)})?延长(?:{_alternation(EXTENSION_WHAT)})?"
        f"(?:{_alternation(EXTENSION_CAP)})?",
        "e",
        _word,
    ),
    TokenRule("另行通知", _alternation(PENDING_WORDS), "H", _pending),
    TokenRule(
        "本周|下季度",
        f"(?:{_alternation(PERIOD_WORDS)})(?!期)"
        r"(?P<wd>(?<=周|期)[一二三四五六日天1-7](?![次个天]))?",
        "t",
        _period,
    ),
    # 下月中旬: a third of the reference's next month (下月10日前 stays the relative 次月)
    TokenRule("下月<旬>", r"(?:下月|下个月)(?=[上中下]旬|初)", "t", _next_month),
]
#: the ongoing words, tried with the other continuing-work words (see ``relative.TOKENS``)
#: the duty verbs some words of continuing work end in (长期公开): outside the match, as
#: the verb after any time word is (定期公开 is 定期)
_ONGOING_VERBS = ("公开", "保留", "保存", "坚持", "开展", "推进")


def _ongoing_word(word: str) -> str:
    verb = next((v for v in _ONGOING_VERBS if word.endswith(v) and len(word) > len(v)), None)
    if verb is None:
        return re.escape(word)
    return f"{re.escape(word[: -len(verb)])}(?={verb})"


ONGOING_TOKEN = TokenRule(
    "永久保留",
    "|".join(_ongoing_word(w) for w in sorted(set(ONGOING_WORDS), key=lambda w: (-len(w), w))),
    "L",
    _word,
)
