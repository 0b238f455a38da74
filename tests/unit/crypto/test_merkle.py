"""RFC 9162 Merkle trees (board spec §B3, §B5, §B7, §B8): against a naive reference, exhaustively.

Known answers from the CT reference tree are in tests/vectors/test_merkle_rfc9162.py.
"""

from __future__ import annotations

import hashlib

import pytest
from merkle_reference import NodeStore, mth, path, proof

from tandau.crypto import merkle
from tandau.crypto.errors import CryptoError, MerkleError

N = 33
LEAVES = [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(N)]
STORE = NodeStore(LEAVES)


def test_leaf_and_node_hash_prefixes() -> None:
    assert merkle.leaf_hash(b"abc") == hashlib.sha256(b"\x00abc").digest()
    a, b = bytes(32), bytes([1]) * 32
    assert merkle.node_hash(a, b) == hashlib.sha256(b"\x01" + a + b).digest()
    assert hashlib.sha256(b"").digest() == merkle.EMPTY_ROOT


def test_merkle_error_is_a_crypto_error_with_a_stable_code() -> None:
    assert issubclass(MerkleError, CryptoError)
    assert MerkleError.code == "crypto.merkle.invalid"


@pytest.mark.parametrize("size", range(N + 1))
def test_roots_match_the_definition(size: int) -> None:
    expected = mth(LEAVES[:size])
    assert merkle.root(LEAVES[:size]) == expected
    assert merkle.root_from_nodes(size, STORE) == expected


def test_append_nodes_store_every_complete_subtree_once() -> None:
    nodes: dict[tuple[int, int], bytes] = {}
    for i, leaf in enumerate(LEAVES):
        new = merkle.append_nodes(i, leaf, lambda cs: [nodes[c] for c in cs])
        # Leaf i completes one subtree per trailing one-bit of i, plus the leaf.
        trailing_ones = len(bin(i)) - len(bin(i).rstrip("1"))
        assert len(new) == trailing_ones + 1
        for level, idx, digest in new:
            assert (level, idx) not in nodes
            assert digest == mth(LEAVES[idx << level : (idx + 1) << level])
            nodes[(level, idx)] = digest
    assert len(nodes) == 2 * N - bin(N).count("1")


def test_all_inclusion_proofs_up_to_33_leaves() -> None:
    for size in range(1, N + 1):
        root = mth(LEAVES[:size])
        for index in range(size):
            got = merkle.inclusion_proof(index, size, STORE)
            assert got == path(index, LEAVES[:size]), (index, size)
            merkle.verify_inclusion(LEAVES[index], index, size, got, root)


def test_all_consistency_proofs_up_to_33_leaves() -> None:
    for size2 in range(N + 1):
        root2 = mth(LEAVES[:size2])
        for size1 in range(size2 + 1):
            got = merkle.consistency_proof(size1, size2, STORE)
            assert got == proof(size1, LEAVES[:size2]), (size1, size2)
            merkle.verify_consistency(size1, size2, mth(LEAVES[:size1]), root2, got)


def test_proofs_read_logarithmically_many_nodes() -> None:
    leaves = [merkle.leaf_hash(i.to_bytes(4, "big")) for i in range(1000)]
    nodes: dict[tuple[int, int], bytes] = {}
    for i, leaf in enumerate(leaves):
        for level, idx, digest in merkle.append_nodes(i, leaf, lambda cs: [nodes[c] for c in cs]):
            nodes[(level, idx)] = digest
    reads: list[int] = []

    def reader(coords: list[tuple[int, int]]) -> list[bytes]:
        reads.append(len(coords))
        return [nodes[c] for c in coords]

    merkle.inclusion_proof(517, 999, reader)
    merkle.consistency_proof(300, 999, reader)
    merkle.root_from_nodes(999, reader)
    assert reads and max(reads) <= 2 * 10 + 2  # one batched read each, O(log n) nodes
    assert len(reads) == 3


def test_inclusion_proof_refuses_index_outside_tree() -> None:
    with pytest.raises(MerkleError):
        merkle.inclusion_proof(5, 5, STORE)
    with pytest.raises(MerkleError):
        merkle.inclusion_proof(-1, 5, STORE)


def test_consistency_proof_refuses_shrinking() -> None:
    with pytest.raises(MerkleError):
        merkle.consistency_proof(6, 5, STORE)


def test_a_reader_returning_too_few_nodes_is_an_error() -> None:
    with pytest.raises(MerkleError):
        merkle.inclusion_proof(3, 8, lambda cs: [])
    with pytest.raises(MerkleError):
        merkle.append_nodes(3, LEAVES[3], lambda cs: [])


ROOT8 = mth(LEAVES[:8])
PROOF_3_8 = path(3, LEAVES[:8])


@pytest.mark.parametrize(
    ("leaf", "index", "size", "proof_", "root"),
    [
        (LEAVES[3], 8, 8, PROOF_3_8, ROOT8),  # index = size
        (LEAVES[3], 3, 0, [], merkle.EMPTY_ROOT),  # empty tree
        (LEAVES[3][:31], 3, 8, PROOF_3_8, ROOT8),  # short leaf hash
        (LEAVES[3], 3, 8, PROOF_3_8, ROOT8[:31]),  # short root
        (LEAVES[3], 3, 8, [*PROOF_3_8[:2], PROOF_3_8[2] + b"\x00"], ROOT8),  # long element
        (LEAVES[3], -3, 8, PROOF_3_8, ROOT8),
        (LEAVES[3], True, 8, PROOF_3_8, ROOT8),  # a bool is not an index
        (LEAVES[0], 0, 1, [LEAVES[0]], LEAVES[0]),  # proof too long for a single leaf
    ],
)
def test_verify_inclusion_refuses_malformed_input(
    leaf: bytes, index: int, size: int, proof_: list[bytes], root: bytes
) -> None:
    with pytest.raises(MerkleError):
        merkle.verify_inclusion(leaf, index, size, proof_, root)


def test_single_leaf_tree() -> None:
    merkle.verify_inclusion(LEAVES[0], 0, 1, [], LEAVES[0])
    with pytest.raises(MerkleError):
        merkle.verify_inclusion(LEAVES[0], 0, 1, [], LEAVES[1])


def test_consistency_edge_cases() -> None:
    r5 = mth(LEAVES[:5])
    merkle.verify_consistency(5, 5, r5, r5, [])
    merkle.verify_consistency(0, 5, merkle.EMPTY_ROOT, r5, [])
    merkle.verify_consistency(0, 0, merkle.EMPTY_ROOT, merkle.EMPTY_ROOT, [])
    for args in [
        (5, 5, r5, ROOT8, []),  # same size, different roots
        (5, 5, r5, r5, [r5]),  # same size, non-empty proof
        (0, 5, r5, r5, []),  # size 0 with another root
        (0, 5, merkle.EMPTY_ROOT, r5, [r5]),  # size 0 with a proof
        (6, 5, r5, r5, []),  # shrinking
        (3, 8, mth(LEAVES[:3]), ROOT8, []),  # missing proof
        (-1, 8, r5, ROOT8, []),
    ]:
        with pytest.raises(MerkleError):
            merkle.verify_consistency(*args)


def test_any_single_bit_flip_fails_inclusion() -> None:
    size, index = 13, 6
    root, p = mth(LEAVES[:size]), path(index, LEAVES[:size])
    for i in range(len(p)):
        for bit in range(256):
            bad = bytearray(p[i])
            bad[bit // 8] ^= 1 << (bit % 8)
            with pytest.raises(MerkleError):
                merkle.verify_inclusion(
                    LEAVES[index], index, size, [*p[:i], bytes(bad), *p[i + 1 :]], root
                )
