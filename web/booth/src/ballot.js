// Ballots (record.md §R4), as tandau.protocol.ballot: an encrypted selection
// whose proofs name the voter (context H("ballot/context"; fingerprint, K, X)),
// signed by the credential over H("ballot/signed"; fingerprint, X, canonical(S)).
// The tracking code is a short hash of the ballot's canonical bytes.

import { base32, bytesToHex } from './bytes.js';
import { dumps } from './canonical.js';
import { ciphertextEquals, encryptPublic } from './elgamal.js';
import { AuditError, BallotRefused, InvalidObject } from './errors.js';
import { hasOwn } from './fields.js';
import { pointFromHex, pointToHex, requireNotIdentity } from './group.js';
import { hashBytes } from './hashing.js';
import {
  encryptSelection,
  obeysRule,
  selectionFromDict,
  selectionToDict,
  verifySelection,
} from './selection.js';
import { sign, signatureFromDict, signatureToDict, verifySignature } from './signature.js';

/** The proofs' context (§R4.2). */
export function ballotContext(fingerprint, key, credential) {
  return hashBytes('ballot/context', fingerprint, key.toBytes(), credential.toBytes());
}

function signedMessage(fingerprint, credential, selectionBytes) {
  return hashBytes('ballot/signed', fingerprint, credential.toBytes(), selectionBytes);
}

/** 16 base32 letters of H("tracking"; ballot bytes), in groups of four (§R4.4). */
export function trackingCode(ballotBytes) {
  const text = base32(hashBytes('tracking', ballotBytes).slice(0, 10));
  return text.match(/.{4}/g).join('-');
}

/** Encrypt, prove and sign as a voter's device does (§R4.1); returns {ballot, opening}. */
export function createBallot(fingerprint, key, rule, choices, credential, rng) {
  const context = ballotContext(fingerprint, key, credential.public);
  const { selection, opening } = encryptSelection(key, rule, choices, context, rng);
  const message = signedMessage(fingerprint, credential.public, dumps(selectionToDict(selection)));
  const signature = sign(credential.secret, message, rng);
  const ballot = {
    election: bytesToHex(fingerprint),
    credential: credential.public,
    selection,
    signature,
  };
  return { ballot, opening };
}

export function ballotToDict(ballot) {
  return {
    election: ballot.election,
    credential: pointToHex(ballot.credential),
    selection: selectionToDict(ballot.selection),
    signature: signatureToDict(ballot.signature),
  };
}

// As protocol.fields.get_str: a non-empty string of at most maxLen code points.
function stringField(d, key, maxLen) {
  const v = d[key];
  if (typeof v !== 'string' || v.length === 0 || [...v].length > maxLen) {
    throw new InvalidObject(`${key} must be a non-empty string`, { field: key });
  }
  return v;
}

/** Exactly {election, credential, selection, signature}, as Ballot.from_dict. */
export function ballotFromDict(d) {
  const keys = ['election', 'credential', 'selection', 'signature'];
  if (d === null || typeof d !== 'object' || Array.isArray(d)) {
    throw new InvalidObject('ballot must be an object', { field: 'ballot' });
  }
  const missing = keys.filter((k) => !hasOwn(d, k)).sort();
  if (missing.length) throw new InvalidObject(`ballot lacks ${missing}`, { field: missing[0] });
  const extra = Object.keys(d)
    .filter((k) => !keys.includes(k))
    .sort();
  if (extra.length) throw new InvalidObject(`ballot has unknown ${extra}`, { field: extra[0] });
  const election = stringField(d, 'election', 64);
  if ([...election].length !== 64) {
    throw new InvalidObject('election is a 32-byte fingerprint in hex', { field: 'election' });
  }
  const credential = requireNotIdentity(pointFromHex(stringField(d, 'credential', 64)));
  return {
    election,
    credential,
    selection: selectionFromDict(d.selection),
    signature: signatureFromDict(d.signature),
  };
}

/** Checks V-R4.1 … V-R4.3: election, signature, every proof.  Throws; returns nothing. */
export function verifyBallot(fingerprint, key, rule, ballot) {
  if (ballot.election !== bytesToHex(fingerprint)) {
    throw new BallotRefused('the ballot is for another election', { reason: 'wrong_election' });
  }
  const selectionBytes = dumps(selectionToDict(ballot.selection));
  verifySignature(
    ballot.credential,
    signedMessage(fingerprint, ballot.credential, selectionBytes),
    ballot.signature,
  );
  verifySelection(key, rule, ballot.selection, ballotContext(fingerprint, key, ballot.credential));
}

/**
 * Benaloh check (§R4.5, V5.2.7): the revealed choices obey the rule and
 * re-encrypting them with the revealed nonces gives every ciphertext.
 * Returns the choices; throws AuditError otherwise.
 */
export function auditBallot(key, rule, ballot, opening) {
  const cts = ballot.selection.ciphertexts;
  if (opening.choices.length !== cts.length || opening.nonces.length !== cts.length) {
    throw new AuditError("the opening does not match the ballot's options");
  }
  if (!obeysRule(rule, opening.choices)) {
    throw new AuditError('the revealed choices break the selection rule');
  }
  cts.forEach((ct, i) => {
    if (!ciphertextEquals(encryptPublic(key, opening.choices[i], opening.nonces[i]), ct)) {
      throw new AuditError('the device did not encrypt the shown choice', { option: i });
    }
  });
  return [...opening.choices];
}
