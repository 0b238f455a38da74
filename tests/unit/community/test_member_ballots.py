"""Members vote from their phones: a code per member present (only its hash stored), one
ballot per member and item, counted into the open vote where the rules decide."""

from __future__ import annotations

import json

from community_world import PEOPLE, dump, meeting, refused, world

from tandau.community.member_ballots import MemberBallots
from tandau.community.rowstore import RowStore


def test_codes_ballots_and_the_count(store: RowStore) -> None:
    svc = world(store)
    meeting(svc, PEOPLE[:6])
    ballots = MemberBallots(store)
    codes = ballots.issue_codes("akdala", "m1")
    assert sorted(codes) == sorted(PEOPLE[:6])
    assert all(code not in dump(store) for code in codes.values())  # only hashes are kept
    refused(svc, store, lambda: ballots.issue_codes("akdala", "m1"), "codes_issued")
    for person, choice in zip(
        PEOPLE[:6], ["for", "for", "for", "for", "against", "abstained"], strict=True
    ):
        assert ballots.cast("akdala", "m1", 1, codes[person].lower(), choice)["person"] == person  # type: ignore[arg-type]
    refused(
        svc, store, lambda: ballots.cast("akdala", "m1", 1, codes["r1"], "against"), "already_cast"
    )
    refused(svc, store, lambda: ballots.cast("akdala", "m1", 1, "BADC0DE1", "for"), "wrong_code")
    refused(svc, store, lambda: ballots.cast("akdala", "m1", 9, codes["r1"], "for"), "no_such_item")
    vote = ballots.count("akdala", "m1", 1, "Approve the budget")
    assert vote.ballots["r5"] == "against" and vote.result["adopted"] is True
    refused(
        svc, store, lambda: ballots.cast("akdala", "m1", 1, codes["r6"], "for"), "already_voted"
    )
    assert json.loads(dump(store))["community_votes"][0]["body"]["ballots"]["r1"] == "for"
