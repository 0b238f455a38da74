// Byte helpers: strict hex (crypto.md §1.2 S2, §1.3 P3), concatenation and
// the big-endian length and integer encodings of the hash inputs (§2.1).

import { bytesToHex, concatBytes, equalBytes } from '@noble/curves/utils.js';

export { bytesToHex, concatBytes, equalBytes };

const HEX = /^[0-9a-f]*$/;

/** Whether a is a Uint8Array, also one from another realm (an iframe). */
export function isBytes(a) {
  return a instanceof Uint8Array || (ArrayBuffer.isView(a) && a.constructor.name === 'Uint8Array');
}

/** `length` bytes from exactly 2·length lower-case hex digits, else null. */
export function strictHex(text, length) {
  if (typeof text !== 'string' || text.length !== 2 * length || !HEX.test(text)) return null;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** n as 4 bytes big-endian (a length prefix). */
export function u32(n) {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) throw new RangeError('u32 out of range');
  const out = new Uint8Array(4);
  new DataView(out.buffer).setUint32(0, n, false);
  return out;
}

/** n as 8 bytes big-endian; n is a non-negative safe integer or a bigint below 2^64. */
export function u64(n) {
  const v = typeof n === 'bigint' ? n : Number.isSafeInteger(n) && n >= 0 ? BigInt(n) : -1n;
  if (v < 0n || v >= 1n << 64n) throw new RangeError('integer hash parts are unsigned 64-bit');
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, v, false);
  return out;
}

const ENCODER = new TextEncoder();
// With the u flag, paired surrogates are one code point: this matches lone ones only.
const LONE_SURROGATE = /\p{Cs}/u;

/** Whether a string is well-formed UTF-16 (String#isWellFormed is too new for old phones). */
export function isWellFormed(text) {
  return !LONE_SURROGATE.test(text);
}

/** UTF-8 of a well-formed string; a lone surrogate has no UTF-8 form and is refused. */
export function utf8(text) {
  if (typeof text !== 'string' || !isWellFormed(text)) {
    throw new TypeError('a string with a lone surrogate has no UTF-8 encoding');
  }
  return ENCODER.encode(text);
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 without padding, for a length that is a multiple of 5 bytes. */
export function base32(bytes) {
  if (bytes.length % 5 !== 0) throw new RangeError('base32 here takes whole 5-byte groups');
  let out = '';
  for (let i = 0; i < bytes.length; i += 5) {
    let group = 0n;
    for (let j = 0; j < 5; j++) group = (group << 8n) | BigInt(bytes[i + j]);
    for (let k = 7; k >= 0; k--) out += BASE32[Number((group >> BigInt(5 * k)) & 31n)];
  }
  return out;
}
