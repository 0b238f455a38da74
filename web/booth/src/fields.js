// Strict readers for wire objects: exact key sets (as tandau.protocol.fields).

// Object.hasOwn is too new for some phones still in use.
export function hasOwn(d, key) {
  return Object.prototype.hasOwnProperty.call(d, key);
}

/** Whether d is a plain object with exactly these keys. */
export function hasExactKeys(d, keys) {
  if (d === null || typeof d !== 'object' || Array.isArray(d)) return false;
  const own = Object.keys(d);
  return own.length === keys.length && keys.every((k) => hasOwn(d, k));
}
