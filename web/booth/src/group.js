// The ristretto255 group (crypto.md §1) through @noble/curves: points are noble's
// RistrettoPoint, scalars are bigints in [0, ℓ) handled with noble's field Fn.
// Every decoder refuses non-canonical input with a named error; nothing here
// implements curve arithmetic.

import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { bytesToHex, isBytes, strictHex } from './bytes.js';
import { IdentityPoint, NonCanonicalPoint, NonCanonicalScalar } from './errors.js';
import { hashBytes } from './hashing.js';

export const Point = ristretto255.Point;
/** The scalar field mod ℓ. */
export const Fn = Point.Fn;
/** The group order ℓ. */
export const L = Fn.ORDER;
export const G = Point.BASE;
export const IDENTITY = Point.ZERO;

// The two decoders' shared length checks, each refusing with the decoder's own error.
function require32(bytes, Refusal, what) {
  if (!isBytes(bytes) || bytes.length !== 32) throw new Refusal(`${what} is 32 bytes`);
}

function hex32(text, Refusal, what) {
  const raw = strictHex(text, 32);
  if (raw === null) throw new Refusal(`${what} is 64 lower-case hex digits`);
  return raw;
}

/** Decode 32 bytes (RFC 9496 §4.3.1 Decode, P1–P2); refuses with NonCanonicalPoint. */
export function pointFromBytes(bytes) {
  require32(bytes, NonCanonicalPoint, 'a point');
  let point;
  try {
    point = Point.fromBytes(bytes);
  } catch {
    throw new NonCanonicalPoint('not a canonical ristretto255 encoding');
  }
  // P4: re-encoding must give the same bytes, so each point has one spelling.
  const again = point.toBytes();
  for (let i = 0; i < 32; i++) {
    if (again[i] !== bytes[i]) throw new NonCanonicalPoint('not a canonical ristretto255 encoding');
  }
  return point;
}

/** Decode exactly 64 lower-case hex digits (P3) and the point they spell. */
export function pointFromHex(text) {
  return pointFromBytes(hex32(text, NonCanonicalPoint, 'a point'));
}

export function pointToHex(point) {
  return bytesToHex(point.toBytes());
}

/** Refuse the identity where a protocol value must not be it (§1.4). */
export function requireNotIdentity(point) {
  if (point.is0()) throw new IdentityPoint('the identity is not allowed here');
  return point;
}

/** Decode le32(s); a value ≥ ℓ is refused, never reduced (S1). */
export function scalarFromBytes(bytes) {
  require32(bytes, NonCanonicalScalar, 'a scalar');
  const s = bytesToNumberLE(bytes);
  if (!Fn.isValid(s)) throw new NonCanonicalScalar('scalar out of range [0, ℓ)');
  return s;
}

/** Decode exactly 64 lower-case hex digits (S2) and the scalar they spell. */
export function scalarFromHex(text) {
  return scalarFromBytes(hex32(text, NonCanonicalScalar, 'a scalar'));
}

export function scalarToBytes(s) {
  return numberToBytesLE(s, 32);
}

export function scalarToHex(s) {
  return bytesToHex(scalarToBytes(s));
}

/** Wide reduction of 64 bytes mod ℓ (§1.2): for hash outputs and randomness only. */
export function reduceWide(bytes) {
  if (!isBytes(bytes) || bytes.length !== 64) {
    throw new RangeError('wide reduction takes 64 bytes');
  }
  return Fn.create(bytesToNumberLE(bytes));
}

/** A uniform non-zero scalar from 64 random bytes, drawn again on zero (§1.5). */
export function randomScalar(rng) {
  for (;;) {
    const bytes = rng(64);
    if (!isBytes(bytes) || bytes.length !== 64) {
      throw new TypeError('an rng returns the number of bytes asked for');
    }
    const s = reduceWide(bytes);
    if (s !== 0n) return s;
  }
}

/** SHA-512 of the tagged parts reduced mod ℓ (§2.2). */
export function hashToScalar(purpose, ...parts) {
  return reduceWide(hashBytes(purpose, ...parts));
}

/** RFC 9496 element derivation of SHA-512 of the tagged parts (§2.3). */
export function hashToPoint(purpose, ...parts) {
  return ristretto255_hasher.deriveToCurve(hashBytes(purpose, ...parts));
}

/** s·P for a secret s: noble's constant-time multiplication; 0 gives the identity. */
export function mulSecret(point, s) {
  return s === 0n ? IDENTITY : point.multiply(s);
}

/** s·P for public values (verification): faster, not constant-time. */
export function mulPublic(point, s) {
  return point.multiplyUnsafe(s);
}

/** v·G for a small non-negative integer v (the plaintext shifts of §3 and §5). */
export function smallMultiple(v) {
  return mulPublic(G, BigInt(v));
}
