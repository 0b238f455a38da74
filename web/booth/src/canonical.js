// Canonical JSON (board.md §B2), byte for byte as tandau.crypto.canonical.dumps:
// keys sorted by Unicode code point, separators "," and ":", no whitespace,
// strings escaping only '"', '\' and U+0000–U+001F, safe-range integers only.

import { isWellFormed, utf8 } from './bytes.js';
import { EncodingError } from './errors.js';

export const MAX_DEPTH = 64;

/** Compare two strings by Unicode code point (JS sorts by UTF-16 unit by default). */
export function compareCodePoints(a, b) {
  const ia = a[Symbol.iterator]();
  const ib = b[Symbol.iterator]();
  for (;;) {
    const x = ia.next();
    const y = ib.next();
    if (x.done || y.done) return x.done === y.done ? 0 : x.done ? -1 : 1;
    const cx = x.value.codePointAt(0);
    const cy = y.value.codePointAt(0);
    if (cx !== cy) return cx < cy ? -1 : 1;
  }
}

// A plain object from any realm (an iframe, a test's VM) or without a prototype.
function isPlainObject(value) {
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function fail(message) {
  throw new EncodingError(`not canonical JSON: ${message}`);
}

function write(value, depth) {
  if (depth > MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`);
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'string') {
    if (!isWellFormed(value)) fail('a string holds a lone surrogate');
    // JSON.stringify escapes exactly what Python's json.dumps(ensure_ascii=False) does.
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) fail('only integers in ±(2^53 − 1)');
    return String(value);
  }
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
      fail('only integers in ±(2^53 − 1)');
    }
    return value.toString();
  }
  if (Array.isArray(value)) return `[${value.map((v) => write(v, depth + 1)).join(',')}]`;
  if (isPlainObject(value)) {
    const keys = Object.keys(value).sort(compareCodePoints);
    const items = keys.map((k) => {
      if (!isWellFormed(k)) fail('a key holds a lone surrogate');
      return `${JSON.stringify(k)}:${write(value[k], depth + 1)}`;
    });
    return `{${items.join(',')}}`;
  }
  return fail(`${typeof value} has no canonical JSON form`);
}

/** The canonical JSON text of a value. */
export function canonicalText(value) {
  return write(value, 0);
}

/** The canonical JSON bytes of a value (what every hash and signature covers). */
export function dumps(value) {
  return utf8(canonicalText(value));
}
