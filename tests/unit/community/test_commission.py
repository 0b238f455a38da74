"""A community's akim's office (ADR 0017): given to a community stored without one,
replaced only by naming the office replaced; every refusal stores nothing."""

from __future__ import annotations

import pytest
from community_world import make, refused, world

from tandau.community.rowstore import RowStore
from tandau.community.service import CommissionIn, CommunityService
from tandau.law import InvalidInput


def _set(svc: CommunityService, **data: str) -> object:
    return svc.set_commission(make(CommissionIn, community="akdala", **data))


def test_a_community_without_an_office_is_given_one_then_it_is_replaced(store: RowStore) -> None:
    svc = world(store)  # stored without a commission, as before ADR 0017
    assert svc.snapshot("akdala")["community"]["commission"] is None
    _set(svc, commission="tec-akzhar")
    assert svc.snapshot("akdala")["community"]["commission"] == "tec-akzhar"
    _set(svc, commission="tec-kenes", replaces="tec-akzhar")
    community = svc.snapshot("akdala")["community"]
    assert community["commission"] == "tec-kenes" and community["population"] == 2490


def test_refusals_store_nothing(store: RowStore) -> None:
    svc = world(store)
    refused(svc, store, lambda: _set(svc, commission="a", replaces="b"), "no_commission")
    _set(svc, commission="tec-akzhar")
    refused(svc, store, lambda: _set(svc, commission="other"), "commission_set")
    refused(svc, store, lambda: _set(svc, commission="other", replaces="b"), "commission_set")
    unknown = make(CommissionIn, community="nowhere", commission="a")
    refused(svc, store, lambda: svc.set_commission(unknown), "not_found")


@pytest.mark.parametrize("commission", ["", "two words", "x" * 65])
def test_a_bad_commission_id_is_invalid_input(store: RowStore, commission: str) -> None:
    world(store)
    with pytest.raises(InvalidInput) as err:
        make(CommissionIn, community="akdala", commission=commission)
    assert err.value.to_dict()["field"] == "commission"
