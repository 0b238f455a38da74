"""RFC 9162 Merkle trees over SHA-256: hashes, proofs and their checks (board spec §B3, §B7, §B8).

The Merkle Tree Hash of RFC 9162 §2.1.1::

    MTH({})     = SHA-256()
    MTH({d0})   = SHA-256(0x00 || d0)                        leaf hash
    MTH(D[n])   = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n]))  node hash,
                  k the largest power of two smaller than n

A *node* ``(level, index)`` is the hash of the complete subtree over leaves
``[index·2^level, (index+1)·2^level)``; level 0 holds the leaf hashes.  Complete
subtrees never change once their last leaf is appended, so a log stores each
one once (``append_nodes`` yields the O(log n) new ones per leaf) and builds
any root or proof, for any past tree size, from O(log n) stored nodes.  Node
reads are batched: a ``NodeReader`` takes a list of coordinates and returns
their hashes in the same order (one query for a SQL store).

Verification follows RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency)
step by step; a failed check raises ``MerkleError``, it never returns False.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterator, Sequence

from .errors import MerkleError

__all__ = [
    "EMPTY_ROOT",
    "HASH_SIZE",
    "Coord",
    "NodeReader",
    "append_nodes",
    "consistency_proof",
    "inclusion_proof",
    "leaf_hash",
    "node_hash",
    "root",
    "root_from_nodes",
    "verify_consistency",
    "verify_inclusion",
]

HASH_SIZE = 32

#: MTH of the empty tree: SHA-256 of the empty string.
EMPTY_ROOT = hashlib.sha256(b"").digest()

#: A node's coordinates: (level, index).
Coord = tuple[int, int]

#: Reads stored nodes: hashes in the order of the coordinates asked for.
NodeReader = Callable[[Sequence[Coord]], Sequence[bytes]]


def leaf_hash(data: bytes) -> bytes:
    """SHA-256(0x00 || data): the hash of one leaf (§B3)."""
    return hashlib.sha256(b"\x00" + bytes(data)).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    """SHA-256(0x01 || left || right): an interior node (§B3)."""
    return hashlib.sha256(b"\x01" + left + right).digest()


def _largest_power_below(n: int) -> int:
    """The largest power of two strictly smaller than n (n >= 2)."""
    return 1 << ((n - 1).bit_length() - 1)


def _check_size(name: str, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise MerkleError(f"{name} must be a non-negative integer")


def _check_hash(name: str, value: bytes) -> None:
    if not isinstance(value, bytes | bytearray) or len(value) != HASH_SIZE:
        raise MerkleError(f"{name} must be {HASH_SIZE} bytes")


# -- computing -------------------------------------------------------------------


def root(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH over the given leaf hashes, in O(n) time and O(log n) memory."""
    stack: list[tuple[int, bytes]] = []  # (level, hash) of complete subtrees
    for h in leaf_hashes:
        level = 0
        while stack and stack[-1][0] == level:
            h = node_hash(stack.pop()[1], h)
            level += 1
        stack.append((level, h))
    return _fold([h for _, h in stack]) if stack else EMPTY_ROOT


def _fold(hashes: Sequence[bytes]) -> bytes:
    """Hash of a range from its complete subtrees, largest (leftmost) first."""
    h = hashes[-1]
    for left in reversed(hashes[:-1]):
        h = node_hash(left, h)
    return h


def _range_coords(begin: int, end: int) -> list[Coord]:
    """Complete subtrees covering the aligned range [begin, end), left to right.

    Every range the RFC recursion visits starts at a multiple of a power of
    two at least its length, so it splits along the bits of its length.
    """
    out: list[Coord] = []
    pos, size = begin, end - begin
    for level in range(size.bit_length() - 1, -1, -1):
        if size >> level & 1:
            out.append((level, pos >> level))
            pos += 1 << level
    return out


def _read_ranges(ranges: Sequence[tuple[int, int]], read: NodeReader) -> list[bytes]:
    """The MTH of each range, fetching every needed node in one batched read."""
    plans = [_range_coords(b, e) for b, e in ranges]
    wanted = [c for plan in plans for c in plan]
    got = list(read(wanted)) if wanted else []
    if len(got) != len(wanted):
        raise MerkleError("the node store returned the wrong number of nodes")
    out: list[bytes] = []
    i = 0
    for plan in plans:
        out.append(_fold(got[i : i + len(plan)]))
        i += len(plan)
    return out


def root_from_nodes(tree_size: int, read: NodeReader) -> bytes:
    """MTH(D[0:tree_size]) from at most log2(n)+1 stored nodes."""
    _check_size("tree_size", tree_size)
    if tree_size == 0:
        return EMPTY_ROOT
    return _read_ranges([(0, tree_size)], read)[0]


def append_nodes(index: int, leaf: bytes, read: NodeReader) -> list[tuple[int, int, bytes]]:
    """The nodes (level, index, hash) completed by appending leaf hash ``leaf`` at ``index``.

    Level 0 is the leaf itself; one more node per complete left sibling, read
    from the store (those are the right edge of the tree of size ``index``).
    """
    _check_size("index", index)
    _check_hash("leaf", leaf)
    siblings: list[Coord] = []
    level, i = 0, index
    while i & 1:
        siblings.append((level, i - 1))
        level, i = level + 1, i >> 1
    lefts = list(read(siblings)) if siblings else []
    if len(lefts) != len(siblings):
        raise MerkleError("the node store returned the wrong number of nodes")
    out = [(0, index, bytes(leaf))]
    h = bytes(leaf)
    for (lvl, idx), left in zip(siblings, lefts, strict=True):
        h = node_hash(left, h)
        out.append((lvl + 1, idx >> 1, h))
    return out


def _inclusion_ranges(index: int, tree_size: int) -> list[tuple[int, int]]:
    """RFC 9162 §2.1.3.1 PATH(m, D[n]) as leaf ranges, in proof order (bottom-up)."""
    ranges: list[tuple[int, int]] = []
    begin, end, m = 0, tree_size, index
    while end - begin > 1:
        k = _largest_power_below(end - begin)
        if m < k:
            ranges.append((begin + k, end))
            end = begin + k
        else:
            ranges.append((begin, begin + k))
            begin, m = begin + k, m - k
    ranges.reverse()
    return ranges


def inclusion_proof(index: int, tree_size: int, read: NodeReader) -> list[bytes]:
    """The audit path of leaf ``index`` in the tree of ``tree_size`` leaves (§B7)."""
    _check_size("index", index)
    _check_size("tree_size", tree_size)
    if index >= tree_size:
        raise MerkleError("the leaf index is outside the tree")
    return _read_ranges(_inclusion_ranges(index, tree_size), read)


def _consistency_ranges(size1: int, size2: int) -> list[tuple[int, int]]:
    """RFC 9162 §2.1.4.1 PROOF(m, D[n]) as leaf ranges, in proof order."""
    ranges: list[tuple[int, int]] = []
    begin, end, m, complete = 0, size2, size1, True
    while m != end - begin:
        k = _largest_power_below(end - begin)
        if m <= k:
            ranges.append((begin + k, end))
            end = begin + k
        else:
            ranges.append((begin, begin + k))
            begin, m, complete = begin + k, m - k, False
    if not complete:
        ranges.append((begin, end))
    ranges.reverse()
    return ranges


def consistency_proof(size1: int, size2: int, read: NodeReader) -> list[bytes]:
    """The proof that the tree of ``size1`` leaves is a prefix of that of ``size2`` (§B8).

    Empty when size1 is 0 or equal to size2.
    """
    _check_size("size1", size1)
    _check_size("size2", size2)
    if size1 > size2:
        raise MerkleError("size1 is larger than size2")
    if size1 == 0 or size1 == size2:
        return []
    return _read_ranges(_consistency_ranges(size1, size2), read)


# -- verifying -------------------------------------------------------------------


def _walk(fn: int, sn: int, path: Sequence[bytes], what: str) -> Iterator[tuple[bytes, bool]]:
    """The proof loop shared by RFC 9162 §2.1.3.2 step 4–5 and §2.1.4.2 step 6–7.

    Yields each path element with whether it is a left sibling (the "LSB(fn) is set
    or fn is equal to sn" branch); raises MerkleError when ``what`` is too long or
    too short for the tree.
    """
    for c in path:
        if sn == 0:  # a
            raise MerkleError(f"the {what} proof is too long")
        left = bool(fn & 1) or fn == sn  # b
        yield c, left
        if left:
            # Until LSB(fn) is set or fn is 0, right-shift fn and sn equally.
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        fn >>= 1  # c
        sn >>= 1
    if sn != 0:
        raise MerkleError(f"the {what} proof is too short")


def verify_inclusion(
    leaf_hash: bytes, index: int, tree_size: int, proof: Sequence[bytes], root: bytes
) -> None:
    """RFC 9162 §2.1.3.2: raise MerkleError unless ``proof`` puts the leaf in ``root`` (§B7)."""
    _check_size("index", index)
    _check_size("tree_size", tree_size)
    _check_hash("leaf hash", leaf_hash)
    _check_hash("root", root)
    for p in proof:
        _check_hash("proof element", p)
    if index >= tree_size:  # step 1
        raise MerkleError("the leaf index is outside the tree")
    fn, sn = index, tree_size - 1  # step 2
    r = bytes(leaf_hash)  # step 3
    for p, left in _walk(fn, sn, proof, "inclusion"):  # steps 4 and 5
        r = node_hash(p, r) if left else node_hash(r, p)
    if r != root:
        raise MerkleError("the inclusion proof does not lead to the root")


def verify_consistency(
    size1: int, size2: int, root1: bytes, root2: bytes, proof: Sequence[bytes]
) -> None:
    """RFC 9162 §2.1.4.2: raise MerkleError unless tree ``size1`` is a prefix of ``size2`` (§B8).

    Edge cases (§B8.2): size1 = size2 needs an empty proof and equal roots;
    size1 = 0 needs an empty proof and root1 = MTH({}).
    """
    _check_size("size1", size1)
    _check_size("size2", size2)
    _check_hash("root1", root1)
    _check_hash("root2", root2)
    for p in proof:
        _check_hash("proof element", p)
    if size1 > size2:
        raise MerkleError("size1 is larger than size2: a tree cannot shrink")
    if size1 == size2 or size1 == 0:
        if proof:
            raise MerkleError("the consistency proof must be empty")
        expected = root2 if size1 == size2 else EMPTY_ROOT
        if root1 != expected:
            raise MerkleError("the roots are not consistent")
        return
    path = list(proof)
    if not path:  # step 1
        raise MerkleError("the consistency proof is empty")
    if size1 & (size1 - 1) == 0:  # step 2: size1 is a power of two
        path.insert(0, bytes(root1))
    fn, sn = size1 - 1, size2 - 1  # step 3
    while fn & 1:  # step 4
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]  # step 5
    for c, left in _walk(fn, sn, path[1:], "consistency"):  # steps 6 and 7
        if left:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
        else:
            sr = node_hash(sr, c)
    if fr != root1:
        raise MerkleError("the consistency proof does not lead to root1")
    if sr != root2:
        raise MerkleError("the consistency proof does not lead to root2")
