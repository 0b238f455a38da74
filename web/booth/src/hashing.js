// Domain-separated hashing over canonical, length-prefixed bytes (crypto.md §2.1),
// as tandau.crypto.hashing: SHA-512 of enc(tag) ‖ enc(part_1) ‖ … ‖ enc(part_n),
// enc(x) = u32(len x) ‖ x, tag = "tandau/v1/<purpose>".

import { sha512 } from '@noble/hashes/sha2.js';
import { isBytes, u32, u64, utf8 } from './bytes.js';

export const PROTOCOL = 'tandau/v1';

const PURPOSE = /^[\x00-\x7f]+$/;

/** The tag `tandau/v1/<purpose>` as bytes. */
export function tag(purpose) {
  if (typeof purpose !== 'string' || !PURPOSE.test(purpose) || purpose.startsWith('/')) {
    throw new TypeError('a purpose is a non-empty ASCII path without a leading slash');
  }
  return utf8(`${PROTOCOL}/${purpose}`);
}

/** An integer part: 8 bytes big-endian. */
export const intPart = u64;

/** A string part: its UTF-8 bytes. */
export const strPart = utf8;

/** The length-prefixed concatenation of the parts. */
export function encodeParts(parts) {
  let size = 0;
  for (const p of parts) size += 4 + p.length;
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(u32(p.length), at);
    out.set(p, at + 4);
    at += 4 + p.length;
  }
  return out;
}

/** SHA-512 of the tagged, length-prefixed parts (64 bytes). */
export function hashBytes(purpose, ...parts) {
  const h = sha512.create();
  const t = tag(purpose);
  h.update(u32(t.length));
  h.update(t);
  for (const p of parts) {
    if (!isBytes(p)) throw new TypeError('hash parts are bytes');
    h.update(u32(p.length));
    h.update(p);
  }
  return h.digest();
}
