"""The grammar: cleaning, numerals, calendar anchors, the engine and the rules (data).

Imports point down only: the grammar uses :mod:`shixian.model` and
:mod:`shixian.calendar`, never the interfaces above it (:mod:`shixian.api`,
:mod:`shixian.io`, :mod:`shixian.cli`).
"""
