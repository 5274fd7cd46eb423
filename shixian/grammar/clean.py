"""Stage 1: remove the noise of the input while keeping offsets into the original text.

Full-width characters become ASCII, traditional characters become simplified (the
common time words by a hand-picked table, every other character by OpenCC's), dashes
and brackets are unified (all one character to one character, so offsets do not
move), and whitespace is dropped (a cell wrapped across lines reads as one), except a
single space next to a Latin letter (31 July 2016).
"""

from __future__ import annotations

import re
from importlib import resources

__all__ = ["Cleaned", "clean"]

_TRADITIONAL = (
    "個个 週周 後后 內内 於于 時时 間间 號号 當当 開开 啟启 實实 發发 佈布 過过 報报 與与 "
    "規规 條条 預预 國国 務务 辦办 單单 關关 將将 應应 歲岁 點点 鐘钟 歷历 曆历 兩两 萬万 "
    "億亿 請请 決决 準准 屆届 禮礼 拜拜 麼么 為为 幾几 並并 從从 來来 進进 續续 "
    "長长 處处 體体 執执 頒颁 訂订 計计 劃划 審审 議议 關关 會会 結结 樣样 級级 "
    "歲岁 舊旧 傳传 達达 經经 濟济 財财 稅税 據据 統统 現现 階阶 段段 屆届 "
    "遲迟 晚晚 截截 止止 終终 們们 對对 權权 門门 據据 檢检 讀读 環环 護护 擬拟 "
    "項项 實实 調调 動动 頭头 標标 準准 層层 區区 縣县 鄉乡 鎮镇 範范 圍围 啓启 "
    "屬属 責责 彙汇 總总 廣广 東东 澤泽 類类 質质 積积 極极 導导 聽听 問问 題题 "
    "轉转 業业 態态 資资 訊讯 價价 費费 際际 認认 證证 獎奖 勵励 設设 論论 職职 機机 構构 "
    "網网 絡络 線线 聯联 華华 廳厅 監监 嚴严 輕轻 運运 營营 選选 擇择 變变 親亲 觀观 說说 "
    "話话 語语 識识 講讲 試试 驗验 鑑鉴 衛卫 醫医 藥药 勞劳 產产 農农 銀银 錢钱 貨货 購购 "
    "買买 賣卖 貿贸 協协 員员 組组 織织 領领 鄰邻 這这 還还 無无 現现 佈布 係系 務务 "
    "導导 備备 優优 錄录 條条 構构 務务 質质 許许 視视 災灾 險险 廢废 戰战 夠够 盡尽 "
    "補补 紀纪 網网 辦办 統统 門门 擴扩 廠厂 礎础 縮缩 參参 與与 頁页 冊册 歸归 檔档 "
    "滿满 豐丰 樂乐 歡欢 養养 術术 興兴 築筑 賴赖 韓韩 遞递 傳传 單单 億亿 驟骤 徵征 "
    "負负 擔担 號号 車车 區区 裡里 裏里 麼么 讓让 緊紧 繼继 斷断 絕绝 離离 難难 雙双 "
    "雜杂 顯显 願愿 風风 飛飞 齊齐 專专 戶户 損损 換换 揮挥 採采 樹树 歐欧 殘残 氣气 "
    "漢汉 為为 狀状 獨独 畢毕 療疗 盤盘 確确 種种 稱称 穩稳 筆笔 簽签 糧粮 約约 紙纸 "
    "細细 給给 綜综 維维 績绩 罰罚 義义 習习 聞闻 聲声 脫脱 舉举 艱艰 節节 記记 評评 "
    "詢询 詳详 誤误 談谈 諮谘 貢贡 貴贵 賠赔 趨趋 跡迹 踐践 軍军 軟软 載载 輔辅 遠远 "
    "適适 遷迁 遺遗 郵邮 釋释 針针 閱阅 陸陆 陳陈 隊队 隨随 隱隐 雖虽 電电 靈灵 響响 "
    "況况 頂顶 順顺 頻频 額额 顧顾 館馆 黨党 齡龄 佈布 鬥斗 劃划 溝沟 濟济 壓压 處处 憑凭 "
    "較较 輯辑 鐵铁 獲获 幣币 數数 週周 補补 賬账 帳账 屆届 稿稿 彙汇 學学 寫写 幫帮 壽寿 "
    "則则 訴诉 訟讼 該该 書书 課课 奮奋"
)

_TABLE: dict[int, str] = {}
# every other traditional character too, one for one (OpenCC's table, data/ts_characters.tsv):
# 閉会, 納税 and 屆時 read as the simplified text the grammar is written in
for _line in (
    resources.files("shixian.grammar").joinpath("data/ts_characters.tsv").read_text("utf-8")
).splitlines():
    if _line and not _line.startswith("#"):
        _TABLE[ord(_line[0])] = _line[2]
for _pair in _TRADITIONAL.split():
    _TABLE[ord(_pair[0])] = _pair[1]
for _code in range(0xFF01, 0xFF5F):  # full-width ASCII block
    _TABLE[_code] = chr(_code - 0xFEE0)
_TABLE.update(
    {
        0x3000: " ",  # ideographic space
        0x00A0: " ",
        0x2014: "—",  # em dash stays the range dash
        0x2015: "—",
        0x2013: "—",  # en dash
        0x2012: "—",
        0x2212: "—",  # minus sign
        0xFE58: "—",
        0x301C: "~",  # wave dash
        0xFF5E: "~",
        0x3001: "、",
        0x3014: "(",  # 〔
        0x3015: ")",  # 〕
        0x3010: "(",  # 【
        0x3011: ")",  # 】
        0x2018: "'",
        0x2019: "'",
        0x201C: '"',
        0x201D: '"',
        0x25CB: "〇",  # white circle written for zero in years
        0x25EF: "〇",
        0x039F: "〇",
        0x2236: ":",  # ratio sign written for the colon of a time (8∶00)
        0xFE55: ":",  # small colon
    }
)
_TABLE = {k: v for k, v in _TABLE.items() if chr(k) != v}

# Financial numerals (壹贰叁, 大写数字) read as the common ones where they count
# something (壹次, 贰个工作日, 第叁季度): not elsewhere, as 陆 and 伍 are words too (陆续, 队伍).
_FINANCIAL = {
    "壹": "一", "贰": "二", "貳": "二", "叁": "三", "肆": "四", "伍": "五", "陆": "六",
    "陸": "六", "柒": "七", "捌": "八", "玖": "九", "拾": "十", "佰": "百", "仟": "千",
}  # fmt: skip
_FIN_CHARS = "".join(_FINANCIAL)
_FIN_SET = frozenset(_FINANCIAL)
_NUMERAL_RUN = re.compile(
    f"(?:(?<=[第每])[零〇一二三四五六七八九十百千{_FIN_CHARS}]+"
    f"|[零〇一二三四五六七八九十百千{_FIN_CHARS}]+(?=[次个個年月日天周週号號小工季]))"
)
_FIN_TABLE = str.maketrans(_FINANCIAL)


def _financial(m: re.Match[str]) -> str:
    return m.group().translate(_FIN_TABLE)


#: the letter O (Latin, Greek, Cyrillic) typed for 〇 in a year of Chinese numerals
#: (二O一O年, 二OO九年: a silent wrong year when unread)
_LETTER_ZEROS = "OoΟοОо"
_YEAR_WITH_LETTERS = re.compile(f"[〇零一二三四五六七八九{_LETTER_ZEROS}]{{4}}(?=年)")
_ZERO_TABLE = str.maketrans(dict.fromkeys(_LETTER_ZEROS, "〇"))
_ZERO_SET = frozenset(_LETTER_ZEROS)


def _zeros(m: re.Match[str]) -> str:
    year = m.group()
    if all(ch in _LETTER_ZEROS for ch in year):
        return year  # no Chinese numeral: not a year (OOOO年)
    return year.translate(_ZERO_TABLE)


_TONES = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ"
# whitespace, and a pinyin gloss after a character (內(nèi)容: a page's reading aid)
# and a doubled hyphen (3月1日--3月5日: one range connector, as 3月1日-3月5日)
_SPACE = re.compile(rf"\s+|(?<=[\u4e00-\u9fff])\([a-zü]*[{_TONES}][a-zü]*\)|(?<=-)-+")
# Any character that cleaning changes or drops: most cells have none, and one
# search for them is cheaper than translating.
_NOISE = re.compile(
    "[\\s"
    + "".join(re.escape(chr(code)) for code in sorted(_TABLE))
    + _FIN_CHARS
    + _TONES
    + _LETTER_ZEROS
    + "]|--"
)
_LINE_BREAK = re.compile(r"[\n\r\t\v\f\u2028\u2029]")
# a year opening a date after a line break (2005.2—4, 2019年): the start of a new item
_NEW_DATE = re.compile(r"[12][0-9]{3}[./\-年]")


def _keeps_space(before: str, after: str) -> bool:
    """A space that separates words of a Latin-script date (31 July 2016) is kept."""
    if not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
        return False
    return before.isalpha() or after.isalpha()


class Cleaned:
    """The cleaned text and, when it is shorter, where each character came from."""

    __slots__ = ("origin", "text")

    def __init__(self, text: str, origin: list[int] | None) -> None:
        self.text = text
        self.origin = origin

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The ``[start, end)`` offsets in the original text of a cleaned slice."""
        if self.origin is None:
            return start, end
        if start >= end:
            at = self.origin[start] if start < len(self.origin) else self.origin[-1]
            return at, at
        return self.origin[start], self.origin[end - 1] + 1


def clean(text: str, *, lines: bool = False) -> Cleaned:
    r"""Normalize noise, keeping a map back to the original offsets.

    With ``lines`` (running text, tables pasted as text), whitespace that holds a
    line break or a tab separates like a clause break instead of joining: a
    row number on the next line is not read as part of the cell before it.

    >>> c = clean("２０１６ 年 12 月底前")
    >>> c.text, c.span(0, 5)
    ('2016年12月底前', (0, 6))
    >>> clean("完成\n28\t年内", lines=True).text
    '完成\n28\n年内'
    """
    if _NOISE.search(text) is None:
        return Cleaned(text, None)
    text = text.translate(_TABLE)
    if not _FIN_SET.isdisjoint(text):
        text = _NUMERAL_RUN.sub(_financial, text)
    if not _ZERO_SET.isdisjoint(text):
        text = _YEAR_WITH_LETTERS.sub(_zeros, text)
    if _SPACE.search(text) is None:
        return Cleaned(text, None)
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    for m in _SPACE.finditer(text):
        start, end = m.span()
        pieces.append(text[last:start])
        origin.extend(range(last, start))
        before = text[start - 1] if start else ""
        after = text[end] if end < len(text) else ""
        if not m.group()[0].isspace():  # a gloss: dropped
            pass
        elif lines and _LINE_BREAK.search(m.group()) is not None:
            pieces.append("\n")
            origin.append(start)
        elif _keeps_space(before, after) or (
            # 2005.1—4<TAB>2005.2—4: cells of a pasted row, and 2005.1—4<LF>2005.2—4, dates
            # one per line: joined, 4 and 2005 would be one number
            before.isdigit()
            and after.isdigit()
            and _NEW_DATE.match(text, end) is not None
            and _LINE_BREAK.search(m.group()) is not None
        ):
            pieces.append(" ")
            origin.append(start)
        last = end
    pieces.append(text[last:])
    origin.extend(range(last, len(text)))
    return Cleaned("".join(pieces), origin)
