"""The public files of an election's key ceremony, gathered by trustee index.

The trustees' command line (from files on disk) and the commission's console (from
uploads) both check and gather the same files; this is the one place they are kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tandau.crypto import ceremony as cc

from .manifest import Manifest

__all__ = ["CeremonyFiles"]


@dataclass
class CeremonyFiles:
    """The ceremony's files so far, by trustee index, and its result once computed."""

    manifest: Manifest
    params: cc.CeremonyParameters
    setups: dict[int, cc.TrusteeSetup] = field(default_factory=dict)
    dealings: dict[int, cc.Dealing] = field(default_factory=dict)
    responses: dict[int, cc.Response] = field(default_factory=dict)
    # By (dealer, recipient): a dealer's answer to one complaint.
    reveals: dict[tuple[int, int], cc.Reveal] = field(default_factory=dict)
    result: cc.CeremonyResult | None = None
