// The shared vectors of vectors/ run against the booth's JavaScript (style rule 7:
// a second implementation checks them).  Each case's `expected` is "valid" or
// the code of the error the code must throw.  Where the Python generator drew
// randomness from a seeded DeterministicRng (crypto.md §2.4), the booth is
// given the same stream and must rebuild the proof, selection or ballot byte
// for byte.  A file in vectors/ that is neither handled here nor listed as
// outside the booth's concern fails the run.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { ristretto255_hasher } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { shake256 } from '@noble/hashes/sha3.js';

import * as booth from '../src/booth.js';
import { bytesToHex, concatBytes, strictHex, u64, utf8 } from '../src/bytes.js';
import { canonicalText, dumps } from '../src/canonical.js';
import { deriveCredential, normalizeCode } from '../src/credentials.js';
import {
  proveRange,
  rangeProofFromDict,
  rangeProofToDict,
  verifyRange,
} from '../src/disjunctive.js';
import {
  ciphertextEquals,
  ciphertextFromDict,
  ciphertextToDict,
  encrypt,
  sumCiphertexts,
} from '../src/elgamal.js';
import { TandauError } from '../src/errors.js';
import {
  G,
  IDENTITY,
  L,
  hashToPoint,
  hashToScalar,
  mulPublic,
  pointFromHex,
  pointToHex,
  randomScalar,
  reduceWide,
  requireNotIdentity,
  scalarFromHex,
  scalarToHex,
} from '../src/group.js';
import { encodeParts, hashBytes, intPart, strPart, tag } from '../src/hashing.js';
import { readElection } from '../src/manifest.js';
import {
  ballotContext,
  ballotFromDict,
  ballotToDict,
  createBallot,
  trackingCode,
  verifyBallot,
} from '../src/ballot.js';
import {
  encryptSelection,
  obeysRule,
  openingFromDict,
  openingToDict,
  selectionFromDict,
  selectionRule,
  selectionToDict,
  verifySelection,
} from '../src/selection.js';
import { sign, signatureFromDict, signatureToDict, verifySignature } from '../src/signature.js';

const VECTORS = fileURLToPath(new URL('../../../vectors/', import.meta.url));
const VALID = 'valid';

/** crypto.md §2.4's DeterministicRng: call i gives SHAKE-256(tag ‖ seed ‖ u64(i)), n bytes. */
export function deterministicRng(seed) {
  const prefix = concatBytes(
    utf8('tandau/v1/test-rng'),
    typeof seed === 'string' ? utf8(seed) : seed,
  );
  let counter = 0n;
  return (n) => shake256(concatBytes(prefix, u64(counter++)), { dkLen: n });
}

/** vector_common.rng(file, case): the generator's seed for one case. */
function caseRng(file, name) {
  return deterministicRng(`tandau/v1 vectors/${file}/${name}`);
}

/** The case's generator and its first scalar, which must be the vector's `expected`. */
function caseFirstScalar(file, name, expected) {
  const rng = caseRng(file, name);
  const first = randomScalar(rng);
  assert.equal(scalarToHex(first), expected);
  return { rng, first };
}

function hex(bytes) {
  return bytesToHex(bytes);
}

function fromHex(text) {
  const raw = strictHex(text, text.length / 2);
  assert.ok(raw, `test data is lower-case hex: ${text.slice(0, 16)}`);
  return raw;
}

/** §2.1 written out again from SHA-512 and the length prefixes, apart from hashBytes. */
function independentHash(purpose, ...parts) {
  const items = [utf8(`tandau/v1/${purpose}`), ...parts];
  let preimage = new Uint8Array(0);
  for (const item of items) {
    const len = new Uint8Array(4);
    new DataView(len.buffer).setUint32(0, item.length);
    preimage = concatBytes(preimage, len, item);
  }
  return sha512(preimage);
}

function sumScalars(list) {
  return list.reduce((a, b) => (a + b) % L, 0n);
}

// --- ristretto255-rfc9496.json ---

function rfc9496(doc, c) {
  if (c.kind === 'multiple') {
    const p = pointFromHex(c.encoding);
    assert.ok(mulPublic(G, BigInt(c.n)).equals(p));
    let acc = IDENTITY;
    for (let i = 0; i < c.n; i++) acc = acc.add(G);
    assert.equal(pointToHex(acc), c.encoding);
  } else if (c.kind === 'decode') {
    pointFromHex(c.encoding);
  } else if (c.kind === 'from_uniform_bytes') {
    const input = fromHex(c.input);
    if (c.label !== undefined) assert.equal(hex(sha512(utf8(c.label))), c.input);
    assert.equal(pointToHex(ristretto255_hasher.deriveToCurve(input)), c.output);
    pointFromHex(c.output);
  } else {
    assert.fail(`unknown kind ${c.kind}`);
  }
}

// --- hash-to-scalar.json ---

function hashToScalarVectors(doc, c) {
  if (c.kind === 'hash') {
    const parts = c.parts.map(fromHex);
    const preimage = encodeParts([tag(c.purpose), ...parts]);
    assert.equal(hex(preimage), c.preimage);
    assert.equal(hex(sha512(preimage)), c.digest);
    assert.equal(hex(hashBytes(c.purpose, ...parts)), c.digest);
    assert.equal(scalarToHex(reduceWide(sha512(preimage))), c.scalar);
    assert.equal(scalarToHex(hashToScalar(c.purpose, ...parts)), c.scalar);
    assert.equal(pointToHex(hashToPoint(c.purpose, ...parts)), c.point);
  } else if (c.kind === 'int') {
    // Values up to 2^64 − 1 do not fit a JS number: JSON.parse rounds them, so compare
    // through the decimal text the file holds.
    const value = BigInt(Number.isSafeInteger(c.value) ? c.value : c.valueText);
    assert.equal(hex(intPart(value)), c.encoded);
  } else if (c.kind === 'str') {
    assert.equal(hex(strPart(c.value)), c.encoded);
  } else {
    assert.fail(`unknown kind ${c.kind}`);
  }
}

// --- encodings.json ---

function encodings(doc, c) {
  if (c.kind === 'point') assert.equal(pointToHex(pointFromHex(c.hex)), c.hex);
  else if (c.kind === 'public_key') {
    assert.equal(pointToHex(requireNotIdentity(pointFromHex(c.hex))), c.hex);
  } else if (c.kind === 'scalar') assert.equal(scalarToHex(scalarFromHex(c.hex)), c.hex);
  else assert.fail(`unknown kind ${c.kind}`);
}

// --- elgamal.json ---

class DecryptionError extends TandauError {
  static code = 'crypto.decryption';
}

/** Test-only decryption with a bounded discrete log (the booth never decrypts). */
function decrypt(secret, ct, bound) {
  const target = ct.beta.subtract(mulPublic(ct.alpha, secret));
  let acc = IDENTITY;
  for (let m = 0; m <= bound; m++, acc = acc.add(G)) if (acc.equals(target)) return m;
  throw new DecryptionError('plaintext out of the searched range');
}

function elgamal(doc, c) {
  const secret = scalarFromHex(doc.key.secret);
  const key = requireNotIdentity(pointFromHex(doc.key.public));
  assert.ok(mulPublic(G, secret).equals(key));
  let result;
  if (c.kind === 'encrypt') {
    result = ciphertextFromDict(c.ciphertext);
    const ct = encrypt(key, c.m, scalarFromHex(c.r));
    assert.deepEqual(ciphertextToDict(ct), c.ciphertext);
  } else if (c.kind === 'sum') {
    result = ciphertextFromDict(c.sum);
    assert.ok(ciphertextEquals(sumCiphertexts(c.ciphertexts.map(ciphertextFromDict)), result));
  } else if (c.kind === 'rerandomize') {
    result = ciphertextFromDict(c.result);
    const again = sumCiphertexts([
      ciphertextFromDict(c.ciphertext),
      encrypt(key, 0, scalarFromHex(c.r)),
    ]);
    assert.ok(ciphertextEquals(again, result));
  } else if (c.kind === 'decrypt') {
    result = ciphertextFromDict(c.ciphertext);
  } else {
    assert.fail(`unknown kind ${c.kind}`);
  }
  const m = decrypt(secret, result, c.bound);
  if (c.m !== undefined) assert.equal(m, c.m);
}

// --- range-proof.json ---

function rangeProof(doc, c) {
  const key = requireNotIdentity(pointFromHex(c.key ?? doc.key));
  const ct = ciphertextFromDict(c.ciphertext);
  const proof = rangeProofFromDict(c.proof);
  const context = fromHex(c.context);
  if (c.commitments !== undefined) {
    // Every valid case: the booth's prover, fed the generator's stream, gives the same proof.
    const { rng, first: r } = caseFirstScalar('range-proof', c.name, c.r);
    assert.ok(ciphertextEquals(encrypt(key, c.m, r), ct));
    const again = proveRange(key, ct, c.m, r, c.lo, c.hi, context, rng);
    assert.deepEqual(rangeProofToDict(again), c.proof);
    const parts = [
      context,
      key.toBytes(),
      ct.alpha.toBytes(),
      ct.beta.toBytes(),
      u64(c.lo),
      u64(c.hi),
    ];
    proof.c.forEach((ch, j) => {
      const s = proof.s[j];
      const a = mulPublic(G, s).subtract(mulPublic(ct.alpha, ch));
      const shifted = ct.beta.subtract(mulPublic(G, BigInt(c.lo + j)));
      const b = mulPublic(key, s).subtract(mulPublic(shifted, ch));
      assert.deepEqual([pointToHex(a), pointToHex(b)], c.commitments[j]);
      parts.push(a.toBytes(), b.toBytes());
    });
    const total = reduceWide(independentHash('proof/range', ...parts));
    assert.equal(scalarToHex(total), c.challenge);
    assert.equal(sumScalars(proof.c), total);
  }
  verifyRange(key, ct, proof, c.lo, c.hi, context);
}

// --- selection.json ---

function ruleOf(r) {
  return selectionRule(r.options, r.per_option, r.min_sum, r.max_sum);
}

function selection(doc, c) {
  const key = requireNotIdentity(pointFromHex(doc.key));
  const rule = ruleOf(c.rule);
  const context = fromHex(c.context);
  const credential = pointFromHex(c.credential);
  const fingerprint = fromHex(doc.fingerprint);
  assert.equal(
    hex(independentHash('ballot/context', fingerprint, key.toBytes(), credential.toBytes())),
    c.context,
  );
  assert.equal(hex(ballotContext(fingerprint, key, credential)), c.context);
  const sel = selectionFromDict(c.selection);
  if (c.opening !== undefined) {
    const opening = openingFromDict(c.opening);
    assert.ok(obeysRule(rule, opening.choices));
    opening.choices.forEach((m, i) => {
      assert.ok(ciphertextEquals(encrypt(key, m, opening.nonces[i]), sel.ciphertexts[i]));
    });
    const again = encryptSelection(
      key,
      rule,
      opening.choices,
      context,
      caseRng('selection', c.name),
    );
    assert.deepEqual(selectionToDict(again.selection), c.selection);
    assert.deepEqual(openingToDict(again.opening), c.opening);
  }
  verifySelection(key, rule, sel, context);
}

// --- signature.json (ballot signatures; heads are Ed25519, not the booth's) ---

function signature(doc, c) {
  if (c.kind === 'head') return 'not the booth: Ed25519 board heads (crypto.md §8.2)';
  assert.equal(c.kind, 'ballot');
  const message = fromHex(c.message);
  const pub = pointFromHex(c.public);
  const sig = signatureFromDict(c.signature);
  if (c.secret !== undefined) {
    const { rng, first: x } = caseFirstScalar('signature', c.name, c.secret);
    assert.ok(mulPublic(G, x).equals(pub));
    assert.deepEqual(signatureToDict(sign(x, message, rng)), c.signature);
  }
  if (c.commitment !== undefined) {
    const r = mulPublic(G, sig.s).subtract(mulPublic(pub, sig.c));
    assert.equal(pointToHex(r), c.commitment);
    const digest = independentHash('signature/ballot', pub.toBytes(), r.toBytes(), message);
    assert.equal(reduceWide(digest), sig.c);
  }
  verifySignature(pub, message, sig);
  return undefined;
}

// --- credentials.json (record §R3) ---

function credentials(doc, c) {
  if (c.kind === 'normalize') {
    assert.equal(normalizeCode(c.text), c.code);
    assert.equal(booth.normalizeCode(c.text), c.code);
  } else if (c.kind === 'derive') {
    const fingerprint = fromHex(c.fingerprint);
    const cred = deriveCredential(fingerprint, c.text);
    assert.equal(scalarToHex(cred.secret), c.secret);
    assert.equal(pointToHex(cred.public), c.public);
    const digest = independentHash('credential/secret', fingerprint, utf8(normalizeCode(c.text)));
    assert.equal(scalarToHex(reduceWide(digest)), c.secret);
  } else {
    assert.fail(`unknown kind ${c.kind}`);
  }
}

// --- ballot.json (record §R4) ---

function ballot(doc, c) {
  const manifest = c.manifest ?? doc.manifest;
  const election = {
    manifest,
    electionKeyHex: doc.key,
    fingerprintHex: c.fingerprint ?? doc.fingerprint,
  };
  const { fingerprint, key, rule } = readElection(election);
  assert.ok(mulPublic(G, scalarFromHex(doc.key_secret)).equals(key));
  assert.equal(
    hex(independentHash('manifest', utf8(canonicalText(manifest))).slice(0, 32)),
    election.fingerprintHex,
  );
  if (c.kind === 'create') {
    const cred = deriveCredential(fingerprint, c.code);
    assert.equal(scalarToHex(cred.secret), c.credential_secret);
    const made = createBallot(fingerprint, key, rule, c.choices, cred, deterministicRng(c.seed));
    assert.deepEqual(
      ballotToDict(made.ballot),
      c.ballot,
      'the ballot is not rebuilt byte for byte',
    );
    assert.deepEqual(openingToDict(made.opening), c.opening);
    const canonical = dumps(c.ballot);
    assert.equal(createHash('sha256').update(canonical).digest('hex'), c.canonical_sha256);
    assert.equal(trackingCode(canonical), c.tracking_code);
    assert.equal(
      hex(independentHash('ballot/context', fingerprint, key.toBytes(), cred.public.toBytes())),
      c.context,
    );
    const selectionBytes = dumps(c.ballot.selection);
    const signed = independentHash(
      'ballot/signed',
      fingerprint,
      cred.public.toBytes(),
      selectionBytes,
    );
    assert.equal(hex(signed), c.signed_message);
    // The public API, with the same stream, gives the same ballot and code.
    const out = booth.encryptBallot({
      ...election,
      code: c.code,
      choices: c.choices,
      rng: deterministicRng(c.seed),
    });
    assert.deepEqual(out.ballot, c.ballot);
    assert.equal(out.ballotJson, new TextDecoder().decode(canonical));
    assert.equal(out.trackingCode, c.tracking_code);
    assert.deepEqual(out.opening, c.opening);
    assert.equal(booth.verifyBallot({ ...election, ballot: c.ballot }), c.tracking_code);
    assert.deepEqual(
      booth.auditSelection({ ...election, ballot: c.ballot, opening: c.opening }),
      c.choices,
    );
    verifyBallot(fingerprint, key, rule, ballotFromDict(c.ballot));
  } else if (c.kind === 'verify') {
    booth.verifyBallot({ ...election, ballot: c.ballot });
  } else if (c.kind === 'audit') {
    const choices = booth.auditSelection({ ...election, ballot: c.ballot, opening: c.opening });
    assert.deepEqual(choices, c.choices);
  } else {
    assert.fail(`unknown kind ${c.kind}`);
  }
}

const HANDLERS = {
  'ristretto255-rfc9496.json': rfc9496,
  'hash-to-scalar.json': hashToScalarVectors,
  'encodings.json': encodings,
  'elgamal.json': elgamal,
  'range-proof.json': rangeProof,
  'selection.json': selection,
  'signature.json': signature,
  'credentials.json': credentials,
  'ballot.json': ballot,
};

/** Files outside the booth's concern, with the program that checks them instead. */
const NOT_THE_BOOTH = {
  'schnorr.json': 'proofs of knowledge of the key ceremony (Python core, tandau-verify)',
  'chaum-pedersen.json': 'decryption-share proofs (Python core, tandau-verify)',
  'ceremony.json': 'the trustees’ key ceremony (tandau trustee)',
  'decryption.json': 'tally decryption (Python core, tandau-verify)',
  'decryption-empty.json': 'tally decryption of an empty tally (Python core, tandau-verify)',
  'merkle-rfc9162.json': 'the bulletin board’s Merkle tree (tests/vectors/test_merkle_rfc9162.py)',
};

/** null when the case behaves as expected, else what went wrong. */
function run(handler, doc, c) {
  let skipped;
  try {
    skipped = handler(doc, c);
  } catch (err) {
    if (err instanceof TandauError) {
      return err.code === c.expected
        ? null
        : `threw ${err.code} (${err.message}), expected ${c.expected}`;
    }
    return `${err.name}: ${err.message}`;
  }
  if (typeof skipped === 'string') return { skipped };
  return c.expected === VALID ? null : `accepted, expected ${c.expected}`;
}

const FILES = readdirSync(VECTORS)
  .filter((f) => f.endsWith('.json'))
  .sort();

test('vectors/ holds the files the booth runs', () => {
  for (const name of Object.keys(HANDLERS)) assert.ok(FILES.includes(name), `${name} is missing`);
});

for (const name of FILES) {
  if (name in NOT_THE_BOOTH) {
    test(`${name}: not the booth's (${NOT_THE_BOOTH[name]})`, () => {});
    continue;
  }
  test(name, () => {
    const handler = HANDLERS[name];
    assert.ok(handler, `vectors/${name} has no handler in web/booth/test/vectors.test.mjs`);
    const text = readFileSync(VECTORS + name, 'utf8');
    const doc = JSON.parse(text);
    // Integers beyond 2^53 lose precision in JSON.parse: keep their decimal text for the handler.
    for (const c of doc.cases) {
      if (typeof c.value === 'number' && !Number.isSafeInteger(c.value)) {
        const m = new RegExp(`"name": ${JSON.stringify(c.name)}[^}]*?"value": (\\d+)`).exec(text);
        c.valueText = m[1];
      }
    }
    assert.ok(doc.provenance && doc.description && doc.cases.length);
    const failures = [];
    let positives = 0;
    for (const c of doc.cases) {
      const outcome = run(handler, doc, c);
      if (outcome === null) positives += c.expected === VALID ? 1 : 0;
      else if (typeof outcome === 'string') failures.push(`${c.name}: ${outcome}`);
    }
    assert.deepEqual(failures, []);
    assert.ok(positives > 0, 'at least one positive case ran');
  });
}
