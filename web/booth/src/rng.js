// Randomness passed in (crypto.md §1.5): an rng is a function n → Uint8Array(n).
// The booth's default is the browser's CSPRNG; tests inject a deterministic one.

/** n bytes from crypto.getRandomValues (browsers, and Node ≥ 19 as a global). */
export function systemRng(n) {
  const source = globalThis.crypto;
  if (!source || typeof source.getRandomValues !== 'function') {
    throw new Error('this browser has no cryptographic random number generator');
  }
  const out = new Uint8Array(n);
  // getRandomValues fills at most 65 536 bytes per call.
  for (let at = 0; at < n; at += 65536) source.getRandomValues(out.subarray(at, at + 65536));
  return out;
}
