/**
 * TandauBooth — the voting booth's cryptography, byte-compatible with the
 * Python protocol `tandau/v1` (docs/spec/crypto.md, record.md §R3–§R4,
 * docs/spec/booth.md).  Built by `make booth` into the global `TandauBooth`
 * (src/tandau/web/static/booth/booth.js); ristretto255 and SHA-512 come from
 * @noble/curves and @noble/hashes.
 *
 * Every function takes one object and throws a TandauError (with a stable
 * `code`, e.g. "crypto.proof.invalid") on bad data; a programming mistake
 * (a missing argument, a choice out of range) throws TypeError/RangeError.
 * Hex is 64 lower-case digits; anything else is refused.
 *
 *   election = {manifest, electionKeyHex, fingerprintHex}
 *     manifest        the manifest object exactly as published (Manifest.to_dict);
 *                     its fingerprint must equal fingerprintHex
 *     electionKeyHex  the joint ElGamal key K (election.key event), canonical, not the identity
 *
 *   encryptBallot({...election, code, choice, rng?})
 *   encryptBallot({...election, code, choices, rng?})
 *       code     the voter's credential code, as typed (normalizeCode is applied)
 *       choice   index of the option in manifest.options (a one-hot selection), or
 *       choices  one integer per option (community questions)
 *       rng      (n) => Uint8Array(n); default crypto.getRandomValues
 *     → {ballot, ballotJson, opening, trackingCode}
 *       ballot       the wire object {election, credential, selection, signature}
 *       ballotJson   its canonical JSON text (what the server stores and hashes)
 *       opening      {choices, nonces}: reveal only to audit; never cast an audited ballot
 *       trackingCode "XXXX-XXXX-XXXX-XXXX"
 *
 *   auditBallot({...election, ballot, opening}) → choice (option index)
 *       verifies the ballot, then re-encrypts the opening (Benaloh check, §R4.5);
 *       throws AuditError if the device did not encrypt the revealed choice,
 *       and also if the opening is not a single choice (use auditSelection)
 *   auditSelection({...election, ballot, opening}) → choices (one integer per option)
 *   verifyBallot({...election, ballot}) → trackingCode
 *       signature and every proof (V-R4.1 … V-R4.3)
 *   trackingCode(ballot) → "XXXX-XXXX-XXXX-XXXX"
 *   normalizeCode(text) → the 21-symbol code; throws InvalidObject on a typo
 *   formatCode(text) → "XXXXX-XXXXX-XXXXX-XXXXX-X"
 *   manifestFingerprint(manifest) → hex
 *   errors: the error classes; PROTOCOL = "tandau/v1"
 */

import { bytesToHex } from './bytes.js';
import { canonicalText, dumps } from './canonical.js';
import { deriveCredential, formatCode, normalizeCode } from './credentials.js';
import * as errors from './errors.js';
import { PROTOCOL } from './hashing.js';
import { manifestFingerprint as fingerprintBytes, readElection } from './manifest.js';
import {
  auditBallot as auditOpening,
  ballotFromDict,
  ballotToDict,
  createBallot,
  trackingCode as trackingCodeOf,
  verifyBallot as verifyParsed,
} from './ballot.js';
import { openingFromDict, openingToDict } from './selection.js';
import { systemRng } from './rng.js';

export { errors, formatCode, normalizeCode, PROTOCOL };
export const TandauError = errors.TandauError;

function oneHot(rule, choice) {
  if (!Number.isSafeInteger(choice) || choice < 0 || choice >= rule.options) {
    throw new RangeError(`choice must be an option index in [0, ${rule.options - 1}]`);
  }
  return Array.from({ length: rule.options }, (_, i) => (i === choice ? 1 : 0));
}

/** Encrypt, prove and sign the voter's choice; see the header. */
export function encryptBallot({
  manifest,
  electionKeyHex,
  fingerprintHex,
  code,
  choice,
  choices,
  rng,
}) {
  const { fingerprint, key, rule } = readElection({ manifest, electionKeyHex, fingerprintHex });
  if ((choice === undefined) === (choices === undefined)) {
    throw new TypeError('give either choice or choices');
  }
  const plain = choices === undefined ? oneHot(rule, choice) : [...choices];
  const credential = deriveCredential(fingerprint, code);
  const made = createBallot(fingerprint, key, rule, plain, credential, rng ?? systemRng);
  const ballot = ballotToDict(made.ballot);
  const ballotJson = canonicalText(ballot);
  return {
    ballot,
    ballotJson,
    opening: openingToDict(made.opening),
    trackingCode: trackingCodeOf(dumps(ballot)),
  };
}

/** Verify a ballot (signature and every proof); returns its tracking code. */
export function verifyBallot({ manifest, electionKeyHex, fingerprintHex, ballot }) {
  const { fingerprint, key, rule } = readElection({ manifest, electionKeyHex, fingerprintHex });
  const parsed = ballotFromDict(ballot);
  verifyParsed(fingerprint, key, rule, parsed);
  return trackingCodeOf(dumps(ballotToDict(parsed)));
}

/** Verify the ballot and check its opening; returns the revealed choices. */
export function auditSelection({ manifest, electionKeyHex, fingerprintHex, ballot, opening }) {
  const { fingerprint, key, rule } = readElection({ manifest, electionKeyHex, fingerprintHex });
  const parsed = ballotFromDict(ballot);
  verifyParsed(fingerprint, key, rule, parsed);
  return auditOpening(key, rule, parsed, openingFromDict(opening));
}

/** Verify the ballot and check its opening; returns the index of the one option chosen. */
export function auditBallot(args) {
  const choices = auditSelection(args);
  const chosen = choices.flatMap((m, i) => (m === 1 ? [i] : []));
  if (chosen.length !== 1 || choices.some((m) => m > 1)) {
    throw new errors.AuditError('the opening is not a single choice', { choices });
  }
  return chosen[0];
}

/** The tracking code of a ballot object (§R4.4). */
export function trackingCode(ballot) {
  return trackingCodeOf(dumps(ballotToDict(ballotFromDict(ballot))));
}

/** The manifest's fingerprint, hex (§R2.3). */
export function manifestFingerprint(manifest) {
  return bytesToHex(fingerprintBytes(manifest));
}
