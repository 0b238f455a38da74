"""Every field of every entry kind, mutated one at a time, is refused — or listed in §R8.2.

Two attackers (record spec §R8, §R8.2):

* an *insider* holding the commission key edits one field of one entry and
  re-chains, re-roots and re-signs the record (``record_insider``), so only
  the verifier's semantic checks can refuse it.  The mutations are
  generated from the genuine record itself: for the first entry of each
  type, every field path, with a few edits per value (an integer ± 1, a
  string emptied or extended, a hex value changed or upper-cased, a list
  shortened, duplicated or reordered, an object with an extra or a missing
  key).  Each must be REFUSED, except the edits record spec §R8.2 lists as
  not checkable, which must still VERIFY (so the list stays exact);
* an *outsider* without the key edits the file's bytes; every such edit
  breaks the chain, a root or a signature.
"""

from __future__ import annotations

import copy
import fnmatch
import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from tempfile import mkdtemp
from typing import Any

import pytest
from record_insider import Record, genuine

from tandau.cli.demo import run_demo
from tandau.crypto.signatures import HeadSigningKey
from tandau_verify.verify import verify_record

Path_ = tuple[str | int, ...]

#: record spec §R8.2: (entry type, field path glob, edit) an insider can make unseen.
NOT_CHECKABLE: tuple[tuple[str, str, str], ...] = (
    # sealed shares are opaque to everyone but their recipient (crypto.md §6.2.3)
    ("ceremony.dealing", "payload.dealing.shares", "swap"),
    # acceptances do not enter Q; only upheld complaints do (crypto.md §6.4.3)
    ("ceremony.response", "payload.response.accepted", "droplast"),
    # the paper list's size bounds ballots_issued from above only (P5)
    ("paper.protocol", "payload.voters_on_list", "+1"),
    # the ruleset's own words: the verifier reads no ruleset and no voter list (§R7)
    ("results", "payload.outcome", "del ruleset"),
    ("results", "payload.outcome", "del voters_on_list"),
    ("results", "payload.outcome", "del votes"),
    ("results", "payload.outcome.ruleset", "*"),
    ("results", "payload.outcome.voters_on_list", "*"),
    ("results", "payload.outcome.reasons", "*"),
    ("results", "payload.outcome.reasons.*", "extra"),
    ("results", "payload.outcome.reasons.*", "del confidence"),
    ("results", "payload.outcome.reasons.*", "del details"),
    ("results", "payload.outcome.reasons.*", "del message"),
    ("results", "payload.outcome.reasons.*.rule", "append"),
    ("results", "payload.outcome.reasons.*.article", "append"),
    ("results", "payload.outcome.reasons.*.confidence", "*"),
    ("results", "payload.outcome.reasons.*.message*", "*"),
    ("results", "payload.outcome.reasons.*.details*", "*"),
)


def _variants(value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, bool):
        return [("flip", not value)]
    if isinstance(value, int):
        return [("+1", value + 1), ("-1", value - 1)]
    if value is None:
        return [("0", 0)]
    if isinstance(value, str):
        out: list[tuple[str, Any]] = [("empty", ""), ("append", value + "0")]
        if len(value) == 64 and all(c in "0123456789abcdef" for c in value):
            out.append(("hexflip", value[:-2] + ("01" if value[-2:] == "00" else "00")))
            out.append(("upper", value.upper()))
        return out
    if isinstance(value, list):
        out = []
        if value:
            out += [("droplast", value[:-1]), ("dupfirst", [value[0], *value])]
        if len(value) > 1 and value[0] != value[1]:
            out.append(("swap", [value[1], value[0], *value[2:]]))
        return out
    assert isinstance(value, dict)
    return [("extra", {**value, "zz": 1})] + [
        (f"del {k}", {kk: vv for kk, vv in value.items() if kk != k}) for k in value
    ]


def _fields(value: Any, path: Path_ = ()) -> Iterator[tuple[Path_, Any]]:
    yield path, value
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _fields(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value[:2]):  # the first two elements stand for the rest
            yield from _fields(v, (*path, i))


def _dotted(path: Path_) -> str:
    return ".".join(str(p) for p in path)


def _checkable(etype: str, path: Path_, edit: str) -> bool:
    return not any(
        etype == t and fnmatch.fnmatchcase(_dotted(path), p) and fnmatch.fnmatchcase(edit, e)
        for t, p, e in NOT_CHECKABLE
    )


@cache
def _cases() -> tuple[tuple[str, int, Path_, str], ...]:
    path, key = genuine()
    r = Record.open(path, key)
    first: dict[str, int] = {}
    for i, e in enumerate(r.entries):
        first.setdefault(e["type"], i)
    out = []
    for etype, i in first.items():
        for p, value in _fields(r.entries[i]):
            if p in (("seq",), ("prev",)):  # the insider's tool re-chains them
                continue
            if etype == "ballot" and len(p) > 6:  # a proof's scalars: one of each kind is enough
                continue
            for edit, _ in _variants(value):
                if edit in ("del seq", "del prev"):
                    continue
                out.append((etype, i, p, edit))
    return tuple(out)


def _mutate(r: Record, i: int, path: Path_, edit: str) -> None:
    entry = copy.deepcopy(r.entries[i])
    target: Any = entry
    for p in path[:-1]:
        target = target[p]
    old = target[path[-1]] if path else entry
    new = dict(_variants(old))[edit]
    if path:
        target[path[-1]] = new
        r.entries[i] = entry
    else:
        r.entries[i] = new


def _id(case: tuple[str, int, Path_, str]) -> str:
    etype, _, path, edit = case
    return f"{etype}:{_dotted(path) or '<entry>'}:{edit}"


def test_the_field_mutations_cover_every_entry_type() -> None:
    types = {c[0] for c in _cases()}
    assert {"election.manifest", "ballot", "tally.share", "results", "paper.protocol"} <= types
    assert len(_cases()) > 500


@pytest.mark.parametrize("case", _cases(), ids=_id)
def test_an_insiders_field_edit_is_refused_unless_listed(
    case: tuple[str, int, Path_, str], tmp_path: Path
) -> None:
    etype, i, path, edit = case
    src, key = genuine()
    r = Record.open(src, key)
    _mutate(r, i, path, edit)
    report = verify_record(r.write(tmp_path / "record"))
    failed = {c.id: c.detail for c in report.failed()}
    if _checkable(etype, path, edit):
        assert report.exit_status == 1 and failed, (_id(case), report.verdict)
    else:
        assert report.verdict == "VERIFIED", (_id(case), failed)


# -- whole entries: duplicated, dropped or moved (insider) ----------------------------

#: record spec §R8.2: entries an insider can drop or move unseen (by the record alone).
MOVES_NOT_CHECKABLE = {
    ("drop", "ballot"),  # a withheld ballot: only its voter's receipt shows it (§R8.2)
    ("drop", "ceremony.response"),  # a trustee who responds not at all raised no complaint
    ("to front", "credentials.list"),  # the list may come any time before voting opens
}


def _move(how: str, etype: str) -> Callable[[Record], None]:
    def mutate(r: Record) -> None:
        i = r.of_type(etype)[0]
        entry = r.entries[i]
        if how == "duplicate":
            r.entries.insert(i + 1, copy.deepcopy(entry))
        elif how == "drop":
            del r.entries[i]
        elif how == "to end":
            del r.entries[i]
            r.entries.append({**entry, "time": r.entries[-1]["time"]})
        else:
            del r.entries[i]
            r.entries.insert(1, {**entry, "time": r.entries[0]["time"]})

    return mutate


def _changes(how: str, etype: str, path: Path, key: HeadSigningKey) -> bool:
    r = Record.open(path, key)
    before = [(e["type"], e["payload"]) for e in r.entries]
    _move(how, etype)(r)
    return [(e["type"], e["payload"]) for e in r.entries] != before


def _moves() -> list[tuple[str, str]]:
    """Every move of every entry type, but the ones that leave the record as it was.

    (The first entry of a type already at the end or the front does not move.)
    """
    path, key = genuine()
    types = list(dict.fromkeys(e["type"] for e in Record.open(path, key).entries))
    moves = [(how, t) for t in types for how in ("duplicate", "drop", "to end", "to front")]
    return [(how, t) for how, t in moves if _changes(how, t, path, key)]


@pytest.mark.parametrize(("how", "etype"), _moves(), ids=lambda v: str(v))
def test_a_moved_duplicated_or_dropped_entry_is_refused_unless_listed(
    how: str, etype: str, tmp_path: Path
) -> None:
    src, key = genuine()
    r = Record.open(src, key)
    _move(how, etype)(r)
    report = verify_record(r.write(tmp_path / "record"))
    if (how, etype) in MOVES_NOT_CHECKABLE:
        assert report.verdict == "VERIFIED", {c.id: c.detail for c in report.failed()}
    else:
        assert report.exit_status == 1, (how, etype, report.verdict)


def _response_accepting(dealer: Callable[[Record], int]) -> Callable[[Record], None]:
    def mutate(r: Record) -> None:
        i = r.of_type("ceremony.response")[0]
        payload = copy.deepcopy(r.entries[i]["payload"])
        payload["response"]["accepted"] = [*payload["response"]["accepted"], dealer(r)]
        r.entries[i] = {**r.entries[i], "payload": payload}

    return mutate


def _beyond_n(r: Record) -> int:
    return len(r.payload("election.manifest")["manifest"]["trustees"]) + 1


def _complaint_beyond_n(r: Record) -> None:
    i = r.of_type("ceremony.response")[0]
    payload = copy.deepcopy(r.entries[i]["payload"])
    payload["response"]["complaints"] = [{"dealer": _beyond_n(r), "reason": "invalid_share"}]
    r.entries[i] = {**r.entries[i], "payload": payload}


def _response_first(r: Record) -> None:
    i = r.of_type("ceremony.response")[0]
    entry = r.entries.pop(i)
    r.entries.insert(1, entry)


def _replay_after_revote(r: Record) -> None:
    """A voter's superseded ballot appended again after their re-vote: it would count."""
    seen: dict[str, int] = {}
    for i in r.of_type("ballot"):
        cred = r.entries[i]["payload"]["ballot"]["credential"]
        if cred in seen:
            last = r.of_type("ballot")[-1]
            r.insert(last + 1, "ballot", copy.deepcopy(r.entries[seen[cred]]["payload"]))
            return
        seen[cred] = i
    raise AssertionError("the genuine record has no re-vote")


SEMANTIC: dict[str, tuple[Callable[[Record], None], str, str]] = {
    "response accepts a dealer beyond n": (_response_accepting(_beyond_n), "V5", "has not dealt"),
    "complaint against a dealer beyond n": (_complaint_beyond_n, "V5", "not a trustee"),
    "response published before any dealing": (_response_first, "V5", "has not dealt"),
    "superseded ballot replayed after the re-vote": (_replay_after_revote, "V7", "replays"),
}


@pytest.mark.parametrize("name", sorted(SEMANTIC))
def test_an_insiders_reordering_fails_a_named_check(name: str, tmp_path: Path) -> None:
    mutate, check, word = SEMANTIC[name]
    src, key = genuine()
    r = Record.open(src, key)
    mutate(r)
    report = verify_record(r.write(tmp_path / "record"))
    failed = {c.id: c.detail for c in report.failed()}
    assert check in failed and word in failed[check], (name, failed)


# -- outsiders: byte edits without the commission key --------------------------------


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")[:-1]


def _join(lines: list[bytes]) -> bytes:
    return b"".join(x + b"\n" for x in lines)


def _first_of(lines: list[bytes], etype: str) -> int:
    h = json.loads(lines[0])["heads"]
    return next(i for i in range(1 + h, len(lines)) if json.loads(lines[i])["type"] == etype)


def _edit_line(etype: str, edit: Callable[[bytes], bytes]) -> Callable[[bytes], bytes]:
    def apply(data: bytes) -> bytes:
        lines = _lines(data)
        i = _first_of(lines, etype)
        lines[i] = edit(lines[i])
        return _join(lines)

    return apply


def _swap_entries(data: bytes) -> bytes:
    lines = _lines(data)
    i = _first_of(lines, "ballot")
    lines[i], lines[i + 1] = lines[i + 1], lines[i]
    return _join(lines)


def _duplicate_entry(data: bytes) -> bytes:
    lines = _lines(data)
    i = _first_of(lines, "ballot")
    return _join([*lines[: i + 1], lines[i], *lines[i + 1 :]])


def _drop_entry(etype: str) -> Callable[[bytes], bytes]:
    def apply(data: bytes) -> bytes:
        lines = _lines(data)
        i = _first_of(lines, etype)
        return _join(lines[:i] + lines[i + 1 :])

    return apply


def _head(edit: Callable[[dict[str, Any]], None]) -> Callable[[bytes], bytes]:
    def apply(data: bytes) -> bytes:
        lines = _lines(data)
        line = json.loads(lines[1])
        edit(line)
        lines[1] = json.dumps(line, sort_keys=True, separators=(",", ":")).encode()
        return _join(lines)

    return apply


def _flip_hex(s: str) -> str:
    return s[:-1] + ("0" if s[-1] != "0" else "1")


def _reorder_keys(line: bytes) -> bytes:
    value = json.loads(line)
    return json.dumps(dict(reversed(value.items())), separators=(",", ":")).encode()


OUTSIDER: dict[str, Callable[[bytes], bytes]] = {
    "truncated by one entry": lambda d: _join(_lines(d)[:-1]),
    "truncated mid-line": lambda d: d[: len(d) // 2],
    "empty file": lambda d: b"",
    "header only": lambda d: _join(_lines(d)[:1]),
    "two entries swapped": _swap_entries,
    "an entry duplicated": _duplicate_entry,
    "a ballot removed": _drop_entry("ballot"),
    "the results removed": _drop_entry("results"),
    "a ballot.cancelled removed": _drop_entry("ballot.cancelled"),
    "whitespace after a colon": _edit_line("ballot", lambda b: b.replace(b'":', b'": ', 1)),
    "keys out of order": _edit_line("voting.opened", _reorder_keys),
    "non-ASCII escaped": _edit_line(
        "election.manifest", lambda b: b.replace("К".encode(), b"\\u041a", 1)
    ),
    "CRLF line end": lambda d: d.replace(b"\n", b"\r\n", 1),
    "trailing blank line": lambda d: d + b"\n",
    "a byte order mark": lambda d: b"\xef\xbb\xbf" + d,
    "head signature changed": _head(lambda h: h.update(signature=_flip_hex(h["signature"]))),
    "head root changed": _head(lambda h: h["head"].update(root=_flip_hex(h["head"]["root"]))),
    "head size changed": _head(lambda h: h["head"].update(tree_size=h["head"]["tree_size"] - 1)),
    "head time changed": _head(lambda h: h["head"].update(time="2030-01-01T00:00:00.000000Z")),
    "header fingerprint changed": lambda d: _join(
        [
            _lines(d)[0].replace(b'"fingerprint":"', b'"fingerprint":"0', 1)[:-2] + b'"}',
            *_lines(d)[1:],
        ]
    ),
    "a ballot's tracking-relevant byte": _edit_line(
        "ballot", lambda b: b.replace(b'"alpha":"', b'"alpha":"0', 1)
    ),
    "results winner renamed": _edit_line(
        "results", lambda b: b.replace(b'"winner":"c', b'"winner":"x', 1)
    ),
    "a paper figure": _edit_line(
        "paper.protocol", lambda b: b.replace(b'"voters_on_list":', b'"voters_on_list":9', 1)
    ),
}


@pytest.mark.parametrize("name", sorted(OUTSIDER))
def test_an_outsiders_byte_edit_is_refused(name: str, tmp_path: Path) -> None:
    src, _ = genuine()
    data = src.read_bytes()
    edited = OUTSIDER[name](data)
    assert edited != data, name
    path = tmp_path / "record"
    path.write_bytes(edited)
    report = verify_record(path)
    assert report.exit_status == 1, (name, report.verdict)


# -- a ballot carried over from another election --------------------------------------


@cache
def _other_election_ballot() -> dict[str, Any]:
    out = Path(mkdtemp(prefix="tandau-other-"))
    summary = run_demo(8, 2, out, seed="another election", verify=False)
    for line in Path(str(summary["record"])).read_bytes().split(b"\n"):
        if line and b'"type":"ballot"' in line:
            payload: dict[str, Any] = json.loads(line)["payload"]
            return payload
    raise AssertionError("the other demo cast no ballot")


@pytest.mark.parametrize("how", ["replaces a ballot", "added"])
def test_a_ballot_from_another_election_is_refused(how: str, tmp_path: Path) -> None:
    src, key = genuine()
    r = Record.open(src, key)
    i = r.of_type("ballot")[0]
    if how == "added":
        r.insert(i + 1, "ballot", _other_election_ballot())
    else:
        r.entries[i] = {**r.entries[i], "payload": _other_election_ballot()}
    report = verify_record(r.write(tmp_path / "record"))
    assert "V7" in {c.id for c in report.failed()}, report.verdict
