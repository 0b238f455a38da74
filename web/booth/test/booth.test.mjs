// The booth's public API (web/booth/src/booth.js): what the pages call, and the
// refusals they must be able to show.  Byte compatibility with Python is in
// vectors.test.mjs and tests/web/test_booth_crypto.py.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import * as booth from '../src/booth.js';
import { canonicalText } from '../src/canonical.js';
import { G, mulSecret, pointToHex, randomScalar } from '../src/group.js';
import { systemRng } from '../src/rng.js';

const names = (text) => ({ kk: text, ru: text, en: text });
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

function manifestOf(k, rule = { per_option: 1, min_sum: 1, max_sum: 1 }, mode = 'polling-station') {
  const options = Array.from({ length: k }, (_, i) => ({
    id: `o${i}`,
    kind: i === k - 1 ? 'against_all' : 'candidate',
    name: names(`Option ${i} — Үміткер`),
    party: i % 2 ? 'Партия' : null,
  }));
  return {
    version: 'tandau/v1',
    election_id: 'api-test',
    title: names('Test'),
    unit: { code: '1', name: names('Unit') },
    office: 'akim',
    ruleset: 'kz-rural-akim-2023',
    polling_day: '2026-09-17',
    mode,
    options,
    rule,
    trustees: [{ index: 1, name: 'T' }],
    threshold: 1,
    commission_key: '11'.repeat(32),
  };
}

function electionOf(manifest) {
  return {
    manifest,
    electionKeyHex: pointToHex(mulSecret(G, randomScalar(systemRng))),
    fingerprintHex: booth.manifestFingerprint(manifest),
  };
}

function codeOf(body) {
  let sum = 0;
  for (let i = 0; i < 20; i++) sum += (i + 1) * ALPHABET.indexOf(body[i]);
  return body + ALPHABET[sum % 32];
}

const CODE = codeOf('23456789ABCDEFGHJKLM');
const election = electionOf(manifestOf(4));

function throwsCode(fn, code) {
  assert.throws(fn, (err) => {
    assert.ok(err instanceof booth.TandauError, `${err.name}: ${err.message}`);
    assert.equal(err.code, code);
    return true;
  });
}

test('the API the pages use is exported', () => {
  for (const name of ['encryptBallot', 'auditBallot', 'verifyBallot', 'normalizeCode']) {
    assert.equal(typeof booth[name], 'function', name);
  }
  assert.equal(booth.PROTOCOL, 'tandau/v1');
  assert.equal(booth.errors.AuditError.code, 'protocol.audit_failed');
});

test('encrypt, verify and audit a ballot for every option', () => {
  for (let choice = 0; choice < 4; choice++) {
    const out = booth.encryptBallot({ ...election, code: CODE.toLowerCase(), choice });
    assert.match(out.trackingCode, /^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    assert.equal(out.ballotJson, canonicalText(out.ballot));
    assert.deepEqual(Object.keys(out.ballot).sort(), [
      'credential',
      'election',
      'selection',
      'signature',
    ]);
    assert.equal(out.ballot.election, election.fingerprintHex);
    assert.deepEqual(
      out.opening.choices,
      [0, 1, 2, 3].map((i) => (i === choice ? 1 : 0)),
    );
    assert.equal(booth.verifyBallot({ ...election, ballot: out.ballot }), out.trackingCode);
    assert.equal(booth.trackingCode(out.ballot), out.trackingCode);
    assert.equal(
      booth.auditBallot({ ...election, ballot: out.ballot, opening: out.opening }),
      choice,
    );
  }
});

test('the same code gives the same credential, fresh randomness a fresh ballot', () => {
  const a = booth.encryptBallot({ ...election, code: CODE, choice: 0 });
  const b = booth.encryptBallot({ ...election, code: CODE.match(/.{1,5}/g).join('-'), choice: 0 });
  assert.equal(a.ballot.credential, b.ballot.credential);
  assert.notEqual(a.trackingCode, b.trackingCode);
  assert.notDeepEqual(a.opening.nonces, b.opening.nonces);
});

test('an injected rng is used, and one returning the wrong length is refused', () => {
  let calls = 0;
  const counting = (n) => {
    calls += 1;
    return systemRng(n);
  };
  booth.encryptBallot({ ...election, code: CODE, choice: 1, rng: counting });
  // K nonces; per option proof a nonce and one simulated branch (c, s);
  // the sum proof's nonce; the signature's nonce.
  assert.equal(calls, 4 + 4 * 3 + 1 + 1);
  assert.throws(
    () =>
      booth.encryptBallot({
        ...election,
        code: CODE,
        choice: 1,
        rng: (n) => new Uint8Array(n - 1),
      }),
    TypeError,
  );
});

test('the audit catches a device that encrypted another choice', () => {
  const out = booth.encryptBallot({ ...election, code: CODE, choice: 2 });
  const lie = { ...out.opening, choices: [1, 0, 0, 0] };
  throwsCode(
    () => booth.auditBallot({ ...election, ballot: out.ballot, opening: lie }),
    'protocol.audit_failed',
  );
  const nonces = [...out.opening.nonces].reverse();
  throwsCode(
    () =>
      booth.auditBallot({ ...election, ballot: out.ballot, opening: { ...out.opening, nonces } }),
    'protocol.audit_failed',
  );
});

test('a changed ballot does not verify', () => {
  const out = booth.encryptBallot({ ...election, code: CODE, choice: 0 });
  const copy = JSON.parse(out.ballotJson);
  [copy.selection.ciphertexts[0], copy.selection.ciphertexts[1]] = [
    copy.selection.ciphertexts[1],
    copy.selection.ciphertexts[0],
  ];
  throwsCode(() => booth.verifyBallot({ ...election, ballot: copy }), 'crypto.signature.invalid');
  const otherKey = electionOf(manifestOf(4));
  throwsCode(() => booth.verifyBallot({ ...otherKey, ballot: out.ballot }), 'crypto.proof.invalid');
  const other = electionOf({ ...manifestOf(4), election_id: 'another' });
  throwsCode(() => booth.verifyBallot({ ...other, ballot: out.ballot }), 'protocol.ballot_refused');
});

test('community questions: several choices per option, audited as a selection', () => {
  const community = electionOf(
    manifestOf(3, { per_option: 2, min_sum: 1, max_sum: 3 }, 'community'),
  );
  const out = booth.encryptBallot({ ...community, code: CODE, choices: [2, 0, 1] });
  booth.verifyBallot({ ...community, ballot: out.ballot });
  const args = { ...community, ballot: out.ballot, opening: out.opening };
  assert.deepEqual(booth.auditSelection(args), [2, 0, 1]);
  throwsCode(() => booth.auditBallot(args), 'protocol.audit_failed');
  assert.throws(
    () => booth.encryptBallot({ ...community, code: CODE, choices: [2, 2, 0] }),
    RangeError,
  );
});

test('what the booth reads is checked: key, fingerprint, manifest', () => {
  const key = election.electionKeyHex;
  const flipped = key.slice(0, 62) + (parseInt(key.slice(62), 16) | 0x80).toString(16);
  const bad = [
    [{ electionKeyHex: '00'.repeat(32) }, 'crypto.point.identity'],
    [{ electionKeyHex: flipped }, 'crypto.point.non_canonical'],
    [{ electionKeyHex: key.toUpperCase() }, 'crypto.point.non_canonical'],
    [{ electionKeyHex: `${key.slice(0, 62)}` }, 'crypto.point.non_canonical'],
    [{ fingerprintHex: '00'.repeat(32) }, 'protocol.invalid_object'],
    [{ fingerprintHex: election.fingerprintHex.toUpperCase() }, 'protocol.invalid_object'],
    [
      { manifest: { ...election.manifest, title: names('Another title') } },
      'protocol.invalid_object',
    ],
    [{ manifest: { ...election.manifest, version: 'tandau/v2' } }, 'protocol.invalid_object'],
  ];
  for (const [change, code] of bad) {
    throwsCode(() => booth.encryptBallot({ ...election, ...change, code: CODE, choice: 0 }), code);
  }
});

test('caller mistakes are programming errors, not data errors', () => {
  assert.throws(() => booth.encryptBallot({ ...election, code: CODE, choice: 4 }), RangeError);
  assert.throws(() => booth.encryptBallot({ ...election, code: CODE, choice: -1 }), RangeError);
  assert.throws(() => booth.encryptBallot({ ...election, code: CODE }), TypeError);
  assert.throws(
    () => booth.encryptBallot({ ...election, code: CODE, choice: 0, choices: [1, 0, 0, 0] }),
    TypeError,
  );
});

test('codes: normalised, formatted, and typos refused', () => {
  assert.equal(booth.normalizeCode(` ${CODE.toLowerCase()}\t`), CODE);
  assert.equal(booth.formatCode(CODE), CODE.match(/.{1,5}/g).join('-'));
  throwsCode(
    () => booth.normalizeCode(CODE.slice(0, 20) + (CODE[20] === '2' ? '3' : '2')),
    'protocol.invalid_object',
  );
  throwsCode(() => booth.normalizeCode(CODE.slice(1)), 'protocol.invalid_object');
  throwsCode(() => booth.normalizeCode(null), 'protocol.invalid_object');
  throwsCode(
    () => booth.encryptBallot({ ...election, code: 'nope', choice: 0 }),
    'protocol.invalid_object',
  );
});

test('canonical JSON: code-point key order, minimal escapes, safe integers only', () => {
  assert.equal(
    canonicalText({ b: 1, a: [true, null, -5], '😀': 0, '\uffff': 0, é: '\u0001\n"\\' }),
    '{"a":[true,null,-5],"b":1,"é":"\\u0001\\n\\"\\\\","\uffff":0,"😀":0}',
  );
  assert.equal(canonicalText('\u2028/<>&\u007f'), '"\u2028/<>&\u007f"');
  for (const bad of [
    1.5,
    2 ** 53,
    Number.NaN,
    undefined,
    '\ud800',
    { x: undefined },
    new Date(0),
  ]) {
    throwsCode(() => canonicalText(bad), 'crypto.encoding');
  }
});
