"""A small, invented KATO-style dataset for demos and tests.

The region is fictional: "Тандау облысы / Tandau Region", code ``99`` (no KATO
region has it), with two districts, four rural okrugs, villages and one settlement
directly under a district.  The place names are common Kazakh words (Бірлік
"unity", Қайнар "spring"…) and refer to no real place of this region.  Voters are
generated with valid, invented IINs; nothing here describes a real person.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from tandau.spreadsheet import csv_text

from .voters import VOTER_COLUMNS

__all__ = [
    "DEMO_OKRUG",
    "DEMO_TEC_UNIT",
    "DEMO_UNITS_CSV",
    "demo_iin",
    "demo_voters_csv",
]

#: ``code,level,parent,name_kk,name_ru,name_en`` (see :mod:`tandau.admin.units`).
DEMO_UNITS_CSV = """\
code,level,parent,name_kk,name_ru,name_en
990000000,region,,Тандау облысы,Тандауская область,Tandau Region
991000000,district,990000000,Ақжар ауданы,Акжарский район,Akzhar District
991000001,settlement,991000000,Ақжар кенті,посёлок Акжар,Akzhar settlement
991011000,rural_okrug,991000000,Бірлік ауылдық округі,Бирликский сельский округ,Birlik Rural District
991011001,settlement,991011000,Бірлік ауылы,село Бирлик,Birlik village
991011002,settlement,991011000,Жаңатұрмыс ауылы,село Жанатурмыс,Zhanaturmys village
991011003,settlement,991011000,Көктал ауылы,село Коктал,Koktal village
991013000,rural_okrug,991000000,Қайнар ауылдық округі,Кайнарский сельский округ,Kainar Rural District
991013001,settlement,991013000,Қайнар ауылы,село Кайнар,Kainar village
991013002,settlement,991013000,Тасқұдық ауылы,село Таскудык,Taskudyk village
992000000,district,990000000,Көкөзек ауданы,Кокозекский район,Kokozek District
992015000,rural_okrug,992000000,Сарыбұлақ ауылдық округі,Сарыбулакский сельский округ,Sarybulak Rural District
992015001,settlement,992015000,Сарыбұлақ ауылы,село Сарыбулак,Sarybulak village
992015002,settlement,992015000,Шалқар ауылы,село Шалкар,Shalkar village
992017000,rural_okrug,992000000,Ақсу ауылдық округі,Аксуский сельский округ,Aksu Rural District
992017001,settlement,992017000,Ақсу ауылы,село Аксу,Aksu village
"""  # noqa: E501 (one CSV row per line)

#: The rural okrug of the demo election, and the district whose commission calls it.
DEMO_OKRUG = "991011000"
DEMO_TEC_UNIT = "991000000"

_FIRST = ("Айгүл", "Бауыржан", "Гүлнар", "Дәурен", "Ерлан", "Жанар", "Қайрат", "Мәдина")
_LAST = ("Ахметов", "Бекова", "Жұмабаев", "Исаева", "Қасымов", "Нұрланова", "Омаров", "Сейітова")


def demo_iin(birth: date, serial: int) -> str:
    """An invented IIN: birth date, century digit, a serial, and a valid check digit.

    Serials whose check digit would be undefined are skipped to the next one.
    """
    century = 3 if birth.year < 2000 else 5
    while True:
        body = f"{birth:%y%m%d}{century}{serial % 10000:04d}"
        digits = [int(c) for c in body]
        check = sum(d * w for d, w in zip(digits, range(1, 12), strict=True)) % 11
        if check == 10:
            weights = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
            check = sum(d * w for d, w in zip(digits, weights, strict=True)) % 11
        if check != 10:
            return body + str(check)
        serial += 1


def _people(count: int, first_serial: int) -> Iterator[tuple[str, str, date]]:
    serial = first_serial
    for i in range(count):
        birth = date(1950 + (i * 7) % 50, 1 + i % 12, 1 + (i * 5) % 28)
        iin = demo_iin(birth, serial)
        serial = int(iin[7:11]) + 1
        name = f"{_FIRST[i % len(_FIRST)]} {_LAST[(i // len(_FIRST)) % len(_LAST)]}"
        yield iin, name, birth


def demo_voters_csv(precinct: str, residence_unit: str, count: int, first_serial: int) -> str:
    """A voter-list CSV of ``count`` invented adult voters of one precinct."""
    return csv_text(
        VOTER_COLUMNS,
        (
            (iin, name, birth.isoformat(), "true", residence_unit, precinct, "false", "false")
            for iin, name, birth in _people(count, first_serial)
        ),
    )
