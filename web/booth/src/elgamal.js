// Exponential ElGamal (crypto.md §3): Enc(m; r) = (r·G, r·K + m·G).
// A ciphertext is {alpha, beta} of noble points; on the wire {alpha, beta} in hex.

import { EncodingError } from './errors.js';
import { hasExactKeys } from './fields.js';
import {
  G,
  IDENTITY,
  mulPublic,
  mulSecret,
  pointFromHex,
  pointToHex,
  smallMultiple,
} from './group.js';

function checkPlaintext(m) {
  // Exactly what the booth and the audit need: small non-negative integers.
  if (!Number.isSafeInteger(m) || m < 0) throw new RangeError('ElGamal encrypts integers m ≥ 0');
}

// Enc(m; r) with the given multiplication: the one computation behind both entry points.
function encryptWith(mul, key, m, r) {
  checkPlaintext(m);
  const alpha = mul(G, r);
  let beta = mul(key, r);
  if (m) beta = beta.add(smallMultiple(m));
  return { alpha, beta };
}

/** Enc(m; r) with a secret nonce r (the booth): constant-time multiplications. */
export function encrypt(key, m, r) {
  return encryptWith(mulSecret, key, m, r);
}

/** Enc(m; r) for revealed values (the audit re-encryption): r may be any scalar, 0 included. */
export function encryptPublic(key, m, r) {
  return encryptWith(mulPublic, key, m, r);
}

/** The homomorphic sum, componentwise left to right; the empty sum is (identity, identity). */
export function sumCiphertexts(cts) {
  let alpha = IDENTITY;
  let beta = IDENTITY;
  for (const ct of cts) {
    alpha = alpha.add(ct.alpha);
    beta = beta.add(ct.beta);
  }
  return { alpha, beta };
}

export function ciphertextEquals(a, b) {
  return a.alpha.equals(b.alpha) && a.beta.equals(b.beta);
}

export function ciphertextToDict(ct) {
  return { alpha: pointToHex(ct.alpha), beta: pointToHex(ct.beta) };
}

/** Exactly {alpha, beta}, each a canonical point (V5.2.1). */
export function ciphertextFromDict(d) {
  if (!hasExactKeys(d, ['alpha', 'beta'])) throw new EncodingError('a ciphertext is {alpha, beta}');
  return { alpha: pointFromHex(d.alpha), beta: pointFromHex(d.beta) };
}
