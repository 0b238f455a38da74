// Schnorr ballot signatures over ristretto255 (crypto.md §8.1), as
// tandau.crypto.signatures: R = w·G, c = Hs("signature/ballot"; P, R, m),
// s = w + c·x; the verifier recomputes R' = s·G − c·P.

import { hasExactKeys } from './fields.js';
import { EncodingError, SignatureError } from './errors.js';
import {
  Fn,
  G,
  hashToScalar,
  mulPublic,
  mulSecret,
  randomScalar,
  scalarFromHex,
  scalarToHex,
} from './group.js';

const PURPOSE = 'signature/ballot';

/** Sign a message with the credential secret x ≠ 0 (§8.1.1); returns {c, s} bigints. */
export function sign(secret, message, rng) {
  if (secret === 0n) throw new RangeError('the zero scalar cannot sign');
  const pub = mulSecret(G, secret);
  const w = randomScalar(rng);
  const c = hashToScalar(PURPOSE, pub.toBytes(), mulSecret(G, w).toBytes(), message);
  return { c, s: Fn.add(w, Fn.mul(c, secret)) };
}

/** Check a signature under P (§8.1.2, V8.1.1–V8.1.4); throws SignatureError. */
export function verifySignature(pub, message, sig) {
  if (pub.is0()) throw new SignatureError('the identity is not a signing key');
  const r = mulPublic(G, sig.s).subtract(mulPublic(pub, sig.c));
  if (hashToScalar(PURPOSE, pub.toBytes(), r.toBytes(), message) !== sig.c) {
    throw new SignatureError('the signature does not verify');
  }
}

export function signatureToDict(sig) {
  return { c: scalarToHex(sig.c), s: scalarToHex(sig.s) };
}

export function signatureFromDict(d) {
  if (!hasExactKeys(d, ['c', 's'])) throw new EncodingError('a signature is {c, s}');
  return { c: scalarFromHex(d.c), s: scalarFromHex(d.s) };
}
