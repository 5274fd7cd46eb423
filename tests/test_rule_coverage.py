"""Every rule of the grammar has an example in the corpus (a rule without one is untested)."""

from __future__ import annotations

import datetime as dt

import shixian
from shixian.grammar.clean import clean
from shixian.grammar.engine import Grammar
from shixian.grammar.rules import GRAMMAR, REFUSALS, RULES, TOKEN_RULES
from shixian.io.corpus import load

from .conftest import CORPUS


def _phrases() -> list[str]:
    phrases = []
    for path in sorted(CORPUS.glob("*.tsv")):
        if path.name.startswith("negative"):
            continue
        phrases.extend(row.phrase for row in load(path))
    return phrases


def test_every_rule_has_a_corpus_example() -> None:
    token_rules_seen: set[str] = set()
    rules_seen: set[str] = set()
    # the tokens as lexed, before the composition stage joins them
    raw = Grammar(TOKEN_RULES, [], merge=lambda tokens, text: tokens)
    for phrase in _phrases():
        cleaned = clean(phrase)
        try:
            token_rules_seen.update(t.rule for t in raw.lex(cleaned.text))
            ctx = GRAMMAR.parse(phrase, cleaned, dt.date(2016, 5, 1), False)
        except shixian.ShixianError:
            continue
        rules_seen.update(rule.name for rule, _, _ in ctx.plan)
    missing_tokens = {r.name for r in TOKEN_RULES} - token_rules_seen - REFUSALS
    missing_rules = {r.name for r in RULES} - rules_seen
    assert not missing_tokens, f"token rules without a corpus example: {sorted(missing_tokens)}"
    assert not missing_rules, f"grammar rules without a corpus example: {sorted(missing_rules)}"


def test_rule_names_are_unique() -> None:
    assert len({r.name for r in TOKEN_RULES}) == len(TOKEN_RULES)
    assert len({r.name for r in RULES}) == len(RULES)


def test_every_refusal_has_a_negative_example() -> None:
    """A refusing token rule (it always raises) is covered by a negative-corpus phrase."""
    import re

    with open(CORPUS / "negative.tsv", encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    negatives = [line.split("\t")[0] for line in lines[1:]]
    for rule in TOKEN_RULES:
        if rule.name not in REFUSALS:
            continue
        pattern = re.compile(rule.pattern)
        examples = [p for p in negatives if pattern.search(clean(p).text)]
        assert examples, f"refusing token rule {rule.name!r} has no example in negative.tsv"
        for phrase in examples:
            try:
                shixian.normalize(phrase, "2016-05-01")
            except shixian.InvalidDate:
                continue
            raise AssertionError(f"{phrase!r} should be refused")
