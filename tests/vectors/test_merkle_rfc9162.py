"""Known answers for RFC 9162 Merkle trees, ``vectors/merkle-rfc9162.json`` (spec §B3, §B7, §B8).

The file's values come from the Certificate Transparency reference tree
(provenance inside the file); our hashing, proof generation and both
verifiers must reproduce every positive case and refuse every negative one.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tandau.crypto import merkle
from tandau.crypto.errors import MerkleError

VECTORS = Path(__file__).resolve().parents[2] / "vectors" / "merkle-rfc9162.json"
DOC: dict[str, Any] = json.loads(VECTORS.read_text(encoding="utf-8"))


def h(text: str) -> bytes:
    return bytes.fromhex(text)


LEAVES = [merkle.leaf_hash(h(x)) for x in DOC["leaf_inputs"]]


def _nodes() -> dict[tuple[int, int], bytes]:
    nodes: dict[tuple[int, int], bytes] = {}
    for index, leaf in enumerate(LEAVES):
        for level, idx, digest in merkle.append_nodes(
            index, leaf, lambda cs: [nodes[c] for c in cs]
        ):
            nodes[(level, idx)] = digest
    return nodes


NODES = _nodes()


def read(coords: list[tuple[int, int]] | Any) -> list[bytes]:
    return [NODES[c] for c in coords]


def test_file_has_provenance() -> None:
    assert "transparency-dev/merkle" in DOC["provenance"]["source"]
    assert DOC["hash"] == "SHA-256"


def test_empty_root() -> None:
    assert merkle.EMPTY_ROOT == h(DOC["empty_root"]) == h(DOC["roots"][0])


def test_node_hashes() -> None:
    for level, row in enumerate(DOC["node_hashes"]):
        for index, expected in enumerate(row):
            assert NODES[(level, index)] == h(expected), (level, index)
    assert len(NODES) == sum(len(row) for row in DOC["node_hashes"])


@pytest.mark.parametrize("size", range(9))
def test_roots(size: int) -> None:
    expected = h(DOC["roots"][size])
    assert merkle.root(LEAVES[:size]) == expected
    assert merkle.root_from_nodes(size, read) == expected


@pytest.mark.parametrize(
    "case", DOC["inclusion"], ids=lambda c: f"{c['leaf_index']}@{c['tree_size']}"
)
def test_inclusion(case: dict[str, Any]) -> None:
    index, size = case["leaf_index"], case["tree_size"]
    expected = [h(p) for p in case["proof"]]
    assert merkle.inclusion_proof(index, size, read) == expected
    merkle.verify_inclusion(LEAVES[index], index, size, expected, h(DOC["roots"][size]))


@pytest.mark.parametrize("case", DOC["consistency"], ids=lambda c: f"{c['size1']}-{c['size2']}")
def test_consistency(case: dict[str, Any]) -> None:
    size1, size2 = case["size1"], case["size2"]
    expected = [h(p) for p in case["proof"]]
    assert merkle.consistency_proof(size1, size2, read) == expected
    merkle.verify_consistency(
        size1, size2, h(DOC["roots"][size1]), h(DOC["roots"][size2]), expected
    )


@pytest.mark.parametrize("case", DOC["invalid_inclusion"], ids=lambda c: c["why"])
def test_invalid_inclusion(case: dict[str, Any]) -> None:
    with pytest.raises(MerkleError):
        merkle.verify_inclusion(
            LEAVES[case["leaf"]],
            case["leaf_index"],
            case["tree_size"],
            [h(p) for p in case["proof"]],
            h(case["root"]),
        )


@pytest.mark.parametrize("case", DOC["invalid_consistency"], ids=lambda c: c["why"])
def test_invalid_consistency(case: dict[str, Any]) -> None:
    with pytest.raises(MerkleError):
        merkle.verify_consistency(
            case["size1"],
            case["size2"],
            h(case["root1"]),
            h(case["root2"]),
            [h(p) for p in case["proof"]],
        )


SOME_HASH = h("abacaba000000000000000000000000000000000000000000060061e00123456")


def _inclusion_probes(index: int, size: int, proof: list[bytes], root: bytes) -> list[Any]:
    """Corruptions in the manner of transparency-dev/merkle's verify_test.go."""
    leaf = LEAVES[index]
    probes = [
        (leaf, index - 1, size, proof, root),
        (leaf, index + 1, size, proof, root),
        (leaf, index ^ 2, size, proof, root),
        (leaf, index, size * 2, proof, root),
        (leaf, index, size // 2, proof, root),
        (SOME_HASH, index, size, proof, root),
        (leaf, index, size, proof, merkle.EMPTY_ROOT),
        (leaf, index, size, proof, SOME_HASH),
        (leaf, index, size, [*proof, root], root),
        (leaf, index, size, [root, *proof], root),
    ]
    for i in range(len(proof)):
        flipped = list(proof)
        flipped[i] = bytes([flipped[i][0] ^ 8]) + flipped[i][1:]
        probes.append((leaf, index, size, flipped, root))
    if proof:
        probes.append((leaf, index, size, proof[:-1], root))
    if len(proof) > 1:
        probes.append((leaf, index, size, [proof[0], SOME_HASH, *proof[1:]], root))
    return [p for p in probes if p[1] >= 0]


@pytest.mark.parametrize(
    "case", DOC["inclusion"], ids=lambda c: f"{c['leaf_index']}@{c['tree_size']}"
)
def test_inclusion_corruptions_fail(case: dict[str, Any]) -> None:
    index, size = case["leaf_index"], case["tree_size"]
    proof = [h(p) for p in case["proof"]]
    for leaf, i, n, p, root in _inclusion_probes(index, size, proof, h(DOC["roots"][size])):
        with pytest.raises(MerkleError):
            merkle.verify_inclusion(leaf, i, n, p, root)


@pytest.mark.parametrize("case", DOC["consistency"][1:], ids=lambda c: f"{c['size1']}-{c['size2']}")
def test_consistency_corruptions_fail(case: dict[str, Any]) -> None:
    s1, s2 = case["size1"], case["size2"]
    r1, r2 = h(DOC["roots"][s1]), h(DOC["roots"][s2])
    proof = [h(p) for p in case["proof"]]
    probes = [
        (s1 - 1, s2, r1, r2, proof),
        (s1 + 1, s2, r1, r2, proof),
        (s1 ^ 2, s2, r1, r2, proof),
        (s1, s2 * 2, r1, r2, proof),
        (s1, s2 // 2, r1, r2, proof),
        (s1, s2, SOME_HASH, r2, proof),
        (s1, s2, r1, SOME_HASH, proof),
        (s1, s2, r2, r1, proof),
        (s1, s2, r1, r2, []),
        (s1, s2, r1, r2, [*proof, r1]),
        (s1, s2, r1, r2, [*proof, r2]),
        (s1, s2, r1, r2, [r1, *proof]),
        (s1, s2, r1, r2, [r2, *proof]),
        (s1, s2, r1, r2, [proof[0], *proof]),
        (s1, s2, r1, r2, proof[:-1]),
    ]
    for i in range(len(proof)):
        flipped = list(proof)
        flipped[i] = bytes([flipped[i][0] ^ 16]) + flipped[i][1:]
        probes.append((s1, s2, r1, r2, flipped))
    for a, b, x, y, p in probes:
        with pytest.raises(MerkleError):
            merkle.verify_consistency(a, b, x, y, p)
