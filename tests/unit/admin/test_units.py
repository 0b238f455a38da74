"""Administrative units: the KATO-style tree, CSV import, all or nothing."""

from __future__ import annotations

import pytest

from tandau.admin.demo_data import DEMO_UNITS_CSV
from tandau.admin.errors import AdminInvalidInput, NotFound
from tandau.admin.records import UnitLevel
from tandau.admin.units import check_unit_code, is_within, subtree_codes
from tandau.law import InconsistentInput, InvalidInput

from .conftest import World

HEADER = "code,level,parent,name_kk,name_ru,name_en\n"
REGION = "990000000,region,,Облыс,Область,Region\n"


def test_the_demo_dataset_imports_as_a_tree(empty: World) -> None:
    units = empty.admin.units.import_csv(DEMO_UNITS_CSV)
    assert len(units) == 16
    levels = [u.level for u in units]
    assert levels.count(UnitLevel.REGION) == 1
    assert levels.count(UnitLevel.DISTRICT) == 2
    assert levels.count(UnitLevel.RURAL_OKRUG) == 4
    birlik = empty.admin.units.get("991011000")
    assert birlik.name.kk == "Бірлік ауылдық округі"
    assert [u.code for u in empty.admin.units.children("991011000")] == [
        "991011001",
        "991011002",
        "991011003",
    ]
    assert empty.sink.types() == ["admin.units.imported"]
    assert empty.sink.events[0][1]["count"] == 16


def test_the_tree_answers_what_lies_within(world: World) -> None:
    with world.repository.transaction() as tx:
        assert is_within(tx, "991011002", "991011000")
        assert is_within(tx, "991011002", "990000000")
        assert is_within(tx, "991011000", "991011000")
        assert not is_within(tx, "991013001", "991011000")
        assert subtree_codes(tx, "991011000") == {
            "991011000",
            "991011001",
            "991011002",
            "991011003",
        }


@pytest.mark.parametrize(
    ("code", "level", "ok"),
    [
        ("990000000", UnitLevel.REGION, True),
        ("991000000", UnitLevel.DISTRICT, True),
        ("990000000", UnitLevel.DISTRICT, False),  # its own digits are zero
        ("991011000", UnitLevel.RURAL_OKRUG, True),
        ("991011001", UnitLevel.RURAL_OKRUG, False),  # digits below the level set
        ("991011001", UnitLevel.SETTLEMENT, True),
        ("99101100", UnitLevel.SETTLEMENT, False),
        ("99101100x", UnitLevel.SETTLEMENT, False),
        ("٩٩١٠١١٠٠١", UnitLevel.SETTLEMENT, False),  # non-ASCII digits
    ],
)
def test_unit_codes(code: str, level: UnitLevel, ok: bool) -> None:
    if ok:
        check_unit_code("code", code, level)
    else:
        with pytest.raises(AdminInvalidInput) as err:
            check_unit_code("code", code, level)
        assert err.value.code == "admin.invalid_input.kato"


@pytest.mark.parametrize(
    ("rows", "code", "field"),
    [
        ("99000000,region,,A,B,C\n", "admin.invalid_input.kato", "csv[2].code"),
        (
            REGION + "991000000,district,980000000,A,B,C\n",
            "admin.invalid_input.unknown_unit",
            "csv[3].parent",
        ),
        (
            REGION + "991011000,rural_okrug,990000000,A,B,C\n",
            "admin.invalid_input.unit_level",
            "csv[3].parent",
        ),
        (
            REGION + "992000000,district,990000000,A,B,C\n992000000,district,990000000,A,B,C\n",
            "law.invalid_input.duplicate",
            "csv[4].code",
        ),
        (REGION + "991000000,county,990000000,A,B,C\n", "law.invalid_input.value", "csv[3].level"),
        (
            REGION + "991000000,district,990000000,,B,C\n",
            "law.invalid_input.missing",
            "csv[3].name_kk",
        ),
        (REGION + "991000000,district,990000000,A,B\n", "admin.invalid_input.csv", "csv[3]"),
        (
            REGION + "980000000,region,990000000,A,B,C\n",
            "admin.invalid_input.unit_level",
            "csv[3].parent",
        ),
        (
            REGION + "991000000,district,990000000,A,B,C\n991010011,settlement,991000000,A,B,C\n",
            "admin.invalid_input.kato",
            "csv[4].code",
        ),
    ],
)
def test_a_bad_row_names_its_line_and_column_and_stores_nothing(
    empty: World, rows: str, code: str, field: str
) -> None:
    with empty.unchanged(), pytest.raises(InvalidInput) as err:
        empty.admin.units.import_csv(HEADER + rows)
    assert (err.value.code, err.value.field) == (code, field)
    assert set(err.value.localized) == {"kk", "ru", "en"}
    assert field in err.value.localized["ru"] or code.endswith(("csv", "duplicate"))


def test_a_wrong_header_is_refused(empty: World) -> None:
    with empty.unchanged(), pytest.raises(AdminInvalidInput) as err:
        empty.admin.units.import_csv("code,level\n990000000,region\n")
    assert err.value.code == "admin.invalid_input.csv"
    assert "code,level,parent" in err.value.localized["en"]


def test_a_unit_already_stored_is_a_duplicate(world: World) -> None:
    with world.unchanged(), pytest.raises(InconsistentInput):
        world.admin.units.import_csv(HEADER + REGION)


def test_a_settlement_directly_under_a_district_keeps_zero_okrug_digits(world: World) -> None:
    rows = "991000002,settlement,991000000,Кент,Посёлок,Settlement\n"
    (unit,) = world.admin.units.import_csv(HEADER + rows)
    assert unit.parent == "991000000"


def test_an_unknown_unit_is_not_found(world: World) -> None:
    with pytest.raises(NotFound) as err:
        world.admin.units.get("123456789")
    assert err.value.code == "admin.not_found"
    assert "123456789" in err.value.localized["kk"]


@pytest.mark.parametrize("header", ['"code,level\n', "code\rlevel,parent\n", '"code"x,level\n'])
def test_a_header_csv_cannot_read_is_refused_not_a_crash(empty: World, header: str) -> None:
    """A header the csv module itself rejects is the same localised refusal as any bad row."""
    with empty.unchanged(), pytest.raises(AdminInvalidInput) as err:
        empty.admin.units.import_csv(header + "990000000,region\n")
    assert err.value.code == "admin.invalid_input.csv"
    assert set(err.value.localized) == {"kk", "ru", "en"}
