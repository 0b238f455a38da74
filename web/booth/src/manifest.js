// What the booth reads about an election (record.md §R2): the manifest as
// published on the board (Manifest.to_dict), its fingerprint and the joint key.
// The booth recomputes the fingerprint from the manifest it shows, so the
// candidates on screen are bound to the election every proof names.

import { bytesToHex, strictHex } from './bytes.js';
import { dumps } from './canonical.js';
import { InvalidObject } from './errors.js';
import { pointFromHex, requireNotIdentity } from './group.js';
import { hashBytes } from './hashing.js';
import { selectionRule } from './selection.js';

/** The first 32 bytes of H("manifest"; canonical(M)) (§R2.3). */
export function manifestFingerprint(manifest) {
  return hashBytes('manifest', dumps(manifest)).slice(0, 32);
}

function intField(d, key, lo, hi) {
  const v = d[key];
  if (!Number.isSafeInteger(v) || v < lo || v > hi) {
    throw new InvalidObject(`${key} must be an integer in [${lo}, ${hi}]`, { field: key });
  }
  return v;
}

/** The manifest's selection rule: K = number of options, and {per_option, min_sum, max_sum}. */
export function manifestRule(manifest) {
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) {
    throw new InvalidObject('manifest must be an object', { field: 'manifest' });
  }
  if (manifest.version !== 'tandau/v1') {
    throw new InvalidObject('unsupported manifest version', { field: 'version' });
  }
  const { options, rule } = manifest;
  if (!Array.isArray(options) || options.length > 256) {
    throw new InvalidObject('options must be a list', { field: 'options' });
  }
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
    throw new InvalidObject('rule must be an object', { field: 'rule' });
  }
  try {
    return selectionRule(
      options.length,
      intField(rule, 'per_option', 1, 63),
      intField(rule, 'min_sum', 0, 1 << 16),
      intField(rule, 'max_sum', 0, 1 << 16),
    );
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new InvalidObject(`rule: ${err.message}`, { field: 'rule' });
  }
}

/**
 * Read and check what the booth needs: {fingerprint, key, rule}.  The key is
 * a canonical point, not the identity (§1.4); the fingerprint, given as 64
 * lower-case hex digits, must be the manifest's own.
 */
export function readElection({ manifest, electionKeyHex, fingerprintHex }) {
  const rule = manifestRule(manifest);
  const fingerprint = strictHex(fingerprintHex, 32);
  if (fingerprint === null) {
    throw new InvalidObject('the fingerprint is 64 lower-case hex digits', {
      field: 'fingerprint',
    });
  }
  if (bytesToHex(manifestFingerprint(manifest)) !== fingerprintHex) {
    throw new InvalidObject('the manifest does not match the election fingerprint', {
      field: 'fingerprint',
    });
  }
  const key = requireNotIdentity(pointFromHex(electionKeyHex));
  // The key is multiplied 3–5 times per option: a small cached window table pays
  // (measured: window 4 beats none; 6 and 8 cost more to build than they save).
  key.precompute(4);
  return { fingerprint, key, rule };
}
