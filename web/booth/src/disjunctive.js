// Disjunctive Chaum–Pedersen proof that Enc(m; r) = (α, β) holds a value in
// [lo, hi] (crypto.md §5.1), as tandau.crypto.disjunctive.  For every v:
//
//   a_v = s_v·G − c_v·α
//   b_v = s_v·K − c_v·(β − v·G)
//   Σ_v c_v = H("proof/range"; context, K, α, β, u64(lo), u64(hi), a_lo, b_lo, …, a_hi, b_hi)
//
// The prover simulates every branch but the true one.  Draw order: the nonce
// w, then (c_v, s_v) for each simulated branch in ascending v.

import { EncodingError, ProofError } from './errors.js';
import {
  Fn,
  G,
  mulPublic,
  mulSecret,
  randomScalar,
  reduceWide,
  scalarFromHex,
  scalarToHex,
  smallMultiple,
} from './group.js';
import { hasExactKeys } from './fields.js';
import { u64 } from './bytes.js';
import { hashBytes } from './hashing.js';

/** The largest disjunction accepted (keeps verification bounded on hostile input). */
export const MAX_BRANCHES = 64;

const PURPOSE = 'proof/range';

function checkBounds(lo, hi) {
  if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi)) {
    throw new ProofError('range bounds are integers', { lo, hi });
  }
  if (!(lo >= 0 && lo <= hi) || hi - lo + 1 > MAX_BRANCHES) {
    throw new ProofError('range bounds out of limits', { lo, hi });
  }
}

function shifted(beta, v) {
  return v ? beta.subtract(smallMultiple(v)) : beta;
}

function challenge(key, ct, lo, hi, context, commitments) {
  const parts = [context, key.toBytes(), ct.alpha.toBytes(), ct.beta.toBytes(), u64(lo), u64(hi)];
  for (const [a, b] of commitments) parts.push(a.toBytes(), b.toBytes());
  return reduceWide(hashBytes(PURPOSE, ...parts));
}

/** Prove Enc(m; r) = ct with lo ≤ m ≤ hi (§5.1.1); returns {c: [bigint], s: [bigint]}. */
export function proveRange(key, ct, m, r, lo, hi, context, rng) {
  checkBounds(lo, hi);
  if (!Number.isSafeInteger(m) || m < lo || m > hi) {
    throw new RangeError('the plaintext is outside the range to prove');
  }
  const w = randomScalar(rng);
  const cs = [];
  const ss = [];
  const commitments = [];
  for (let v = lo; v <= hi; v++) {
    if (v === m) {
      commitments.push([mulSecret(G, w), mulSecret(key, w)]);
      cs.push(0n);
      ss.push(0n);
    } else {
      const c = randomScalar(rng);
      const s = randomScalar(rng);
      const a = mulSecret(G, s).subtract(mulSecret(ct.alpha, c));
      const b = mulSecret(key, s).subtract(mulSecret(shifted(ct.beta, v), c));
      commitments.push([a, b]);
      cs.push(c);
      ss.push(s);
    }
  }
  const total = challenge(key, ct, lo, hi, context, commitments);
  const i = m - lo;
  cs[i] = Fn.sub(
    total,
    cs.reduce((acc, c) => Fn.add(acc, c), 0n),
  );
  ss[i] = Fn.add(w, Fn.mul(cs[i], r));
  return { c: cs, s: ss };
}

/** Check a range proof (§5.1.2, V5.1.x); throws ProofError, returns nothing. */
export function verifyRange(key, ct, proof, lo, hi, context) {
  checkBounds(lo, hi);
  if (proof.c.length !== hi - lo + 1) {
    throw new ProofError('range proof has the wrong number of branches');
  }
  const commitments = proof.c.map((c, j) => {
    const s = proof.s[j];
    const a = mulPublic(G, s).subtract(mulPublic(ct.alpha, c));
    const b = mulPublic(key, s).subtract(mulPublic(shifted(ct.beta, lo + j), c));
    return [a, b];
  });
  const total = challenge(key, ct, lo, hi, context, commitments);
  if (proof.c.reduce((acc, c) => Fn.add(acc, c), 0n) !== total) {
    throw new ProofError('range proof challenge mismatch');
  }
}

export function rangeProofToDict(proof) {
  return { c: proof.c.map(scalarToHex), s: proof.s.map(scalarToHex) };
}

/** Exactly {c, s}: equal non-empty lists of canonical scalars, at most MAX_BRANCHES. */
export function rangeProofFromDict(d) {
  if (!hasExactKeys(d, ['c', 's'])) throw new EncodingError('a range proof is {c, s}');
  if (!Array.isArray(d.c) || !Array.isArray(d.s) || d.c.length > MAX_BRANCHES) {
    throw new EncodingError('a range proof holds lists of scalars');
  }
  const c = d.c.map(scalarFromHex);
  const s = d.s.map(scalarFromHex);
  if (c.length !== s.length || c.length === 0) {
    throw new EncodingError('a range proof has as many challenges as responses');
  }
  return { c, s };
}
