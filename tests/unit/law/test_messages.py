"""The law messages: every rule has one, and every document of a file has a label."""

from __future__ import annotations

from tandau.law import Ruleset, builtin_ids, load_ruleset
from tandau.law.messages import DOCUMENT_LABELS, RULE_MESSAGES, all_messages


def test_every_rule_message_resolves_to_a_parameter(rural2023: Ruleset) -> None:
    for rule in RULE_MESSAGES:
        assert rural2023.param(rule) is not None


def test_every_shipped_document_has_a_label() -> None:
    for ruleset_id in builtin_ids():
        c = load_ruleset(ruleset_id).parameters.candidate
        assert set(c.documents.value) | set(c.signature_documents.value) <= set(DOCUMENT_LABELS)


def test_plural_messages_name_their_count_parameter() -> None:
    for m in all_messages():
        if m.plural is not None:
            assert m.count is not None
            assert "{" + m.count + "}" in m.msgid
            assert "{" + m.count + "}" in m.plural
