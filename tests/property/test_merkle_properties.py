"""Merkle properties (board spec §B7, §B8): every proof verifies, every single-bit change fails.

One tree of 1,100 leaves is built once; since stored nodes never change,
the tree of any size n is its prefix, so each example draws sizes and
positions in it and checks against the naive reference of merkle_reference.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from hypothesis import given, settings
from hypothesis import strategies as st
from merkle_reference import mth, path, proof

from tandau.crypto import merkle
from tandau.crypto.errors import MerkleError

N = 1100
LEAVES = [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(N)]


@cache
def nodes() -> dict[tuple[int, int], bytes]:
    out: dict[tuple[int, int], bytes] = {}
    for i, leaf in enumerate(LEAVES):
        for level, idx, digest in merkle.append_nodes(i, leaf, lambda cs: [out[c] for c in cs]):
            out[(level, idx)] = digest
    return out


def read(coords: object) -> list[bytes]:
    table = nodes()
    return [table[c] for c in coords]  # type: ignore[attr-defined]


@cache
def root(size: int) -> bytes:
    return mth(LEAVES[:size])


def flip(data: bytes, bit: int) -> bytes:
    out = bytearray(data)
    out[bit // 8 % len(out)] ^= 1 << (bit % 8)
    return bytes(out)


def flip_one(
    target: str, bit: int, named: dict[str, bytes], proof_path: list[bytes]
) -> tuple[dict[str, bytes], list[bytes]]:
    """Copies of ``named`` and ``proof_path`` with ``bit`` flipped in ``target``: a key of
    ``named``, or ``p<i>`` for the proof's i-th hash."""
    named, proof_path = dict(named), list(proof_path)
    if target in named:
        named[target] = flip(named[target], bit)
    else:
        i = int(target[1:])
        proof_path[i] = flip(proof_path[i], bit)
    return named, proof_path


def refuses(check: Callable[[], object], failure: str) -> None:
    """``check()`` raises :class:`MerkleError`; if it does not, fail saying ``failure``."""
    try:
        check()
    except MerkleError:
        return
    raise AssertionError(failure)


@st.composite
def positions(draw: st.DrawFn) -> tuple[int, int]:
    size = draw(st.integers(1, N))
    return draw(st.integers(0, size - 1)), size


@settings(max_examples=60, deadline=None)
@given(positions(), st.integers(0, 255), st.data())
def test_every_inclusion_proof_verifies_and_no_bit_flip_does(
    pos: tuple[int, int], bit: int, data: st.DataObject
) -> None:
    index, size = pos
    got = merkle.inclusion_proof(index, size, read)
    assert got == path(index, LEAVES[:size])
    merkle.verify_inclusion(LEAVES[index], index, size, got, root(size))

    target = data.draw(st.sampled_from(["leaf", "root", *(f"p{i}" for i in range(len(got)))]))
    v, bad = flip_one(target, bit, {"leaf": LEAVES[index], "root": root(size)}, got)
    refuses(
        lambda: merkle.verify_inclusion(v["leaf"], index, size, bad, v["root"]),
        f"a flipped bit in {target} still verified",
    )


@settings(max_examples=60, deadline=None)
@given(positions(), st.integers(1, N))
def test_an_inclusion_proof_does_not_verify_at_another_index(
    pos: tuple[int, int], other: int
) -> None:
    index, size = pos
    got = merkle.inclusion_proof(index, size, read)
    wrong = other % size
    if wrong == index or LEAVES[wrong] == LEAVES[index]:
        return
    refuses(
        lambda: merkle.verify_inclusion(LEAVES[index], wrong, size, got, root(size)),
        "a proof verified at another index",
    )


@st.composite
def size_pairs(draw: st.DrawFn) -> tuple[int, int]:
    size2 = draw(st.integers(0, N))
    return draw(st.integers(0, size2)), size2


@settings(max_examples=60, deadline=None)
@given(size_pairs(), st.integers(0, 255), st.data())
def test_every_consistency_proof_verifies_and_no_bit_flip_does(
    sizes: tuple[int, int], bit: int, data: st.DataObject
) -> None:
    size1, size2 = sizes
    got = merkle.consistency_proof(size1, size2, read)
    assert got == proof(size1, LEAVES[:size2])
    merkle.verify_consistency(size1, size2, root(size1), root(size2), got)

    # Any tree extends the empty one, so with size1 = 0 only root1 is bound.
    fixed = ["root1"] if size1 == 0 else ["root1", "root2"]
    target = data.draw(st.sampled_from([*fixed, *(f"p{i}" for i in range(len(got)))]))
    v, bad = flip_one(target, bit, {"root1": root(size1), "root2": root(size2)}, got)
    refuses(
        lambda: merkle.verify_consistency(size1, size2, v["root1"], v["root2"], bad),
        f"a flipped bit in {target} still verified",
    )


@settings(max_examples=40, deadline=None)
@given(size_pairs())
def test_a_consistency_proof_does_not_verify_for_a_different_old_tree(
    sizes: tuple[int, int],
) -> None:
    size1, size2 = sizes
    if size1 == 0 or size1 == size2:
        return
    got = merkle.consistency_proof(size1, size2, read)
    other = size1 - 1
    refuses(
        lambda: merkle.verify_consistency(size1, size2, root(other), root(size2), got),
        "a proof verified for another old root",
    )


@settings(max_examples=40, deadline=None)
@given(st.integers(0, N))
def test_root_from_stored_nodes_matches_the_definition(size: int) -> None:
    assert merkle.root_from_nodes(size, read) == root(size) == merkle.root(LEAVES[:size])
