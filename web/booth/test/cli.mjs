// A small command line over the booth API for the Python tests
// (tests/web/test_booth_crypto.py): one JSON request on stdin, one JSON answer on stdout.
//
//   {"op": "encrypt", "manifest", "election_key", "fingerprint", "code", "choice" | "choices"}
//     → {"ballot", "ballot_json", "opening", "tracking_code"}
//   {"op": "verify",  "manifest", "election_key", "fingerprint", "ballot"} → {"tracking_code"}
//   {"op": "audit",   "manifest", "election_key", "fingerprint", "ballot", "opening"}
//     → {"choices"}
//   {"op": "normalize", "code"} → {"code"}
//   {"op": "canonical", "values": [...]} → {"texts": [canonical JSON of each]}
//
// A refusal prints {"error": code, "message"} and exits 1.  "op" defaults to
// "encrypt".  `node --test web/booth/test/` also loads this file (Node runs
// every file in a test/ directory): then it checks itself through a child process.

import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as booth from '../src/booth.js';
import { canonicalText } from '../src/canonical.js';

function election(req) {
  return {
    manifest: req.manifest,
    electionKeyHex: req.election_key,
    fingerprintHex: req.fingerprint,
  };
}

const OPS = {
  encrypt(req) {
    const out = booth.encryptBallot({
      ...election(req),
      code: req.code,
      choice: req.choice,
      choices: req.choices,
    });
    return {
      ballot: out.ballot,
      ballot_json: out.ballotJson,
      opening: out.opening,
      tracking_code: out.trackingCode,
    };
  },
  verify(req) {
    return { tracking_code: booth.verifyBallot({ ...election(req), ballot: req.ballot }) };
  },
  audit(req) {
    const choices = booth.auditSelection({
      ...election(req),
      ballot: req.ballot,
      opening: req.opening,
    });
    return { choices };
  },
  normalize(req) {
    return { code: booth.normalizeCode(req.code) };
  },
  canonical(req) {
    return { texts: req.values.map(canonicalText) };
  },
};

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function main() {
  const req = JSON.parse(await readStdin());
  const op = OPS[req.op ?? 'encrypt'];
  if (!op) throw new TypeError(`unknown op ${req.op}`);
  try {
    process.stdout.write(`${JSON.stringify(op(req))}\n`);
  } catch (err) {
    if (!(err instanceof booth.TandauError)) throw err;
    process.stdout.write(`${JSON.stringify({ error: err.code, message: err.message })}\n`);
    process.exitCode = 1;
  }
}

async function selfTest() {
  const { test } = await import('node:test');
  const assert = await import('node:assert/strict');
  const run = (req) =>
    spawnSync(process.execPath, [fileURLToPath(import.meta.url)], {
      input: JSON.stringify(req),
      encoding: 'utf8',
      env: { ...process.env, NODE_TEST_CONTEXT: '' },
    });
  test('cli: a refusal is answered with its code', () => {
    const out = run({ op: 'normalize', code: 'x' });
    assert.equal(out.status, 1);
    assert.equal(JSON.parse(out.stdout).error, 'protocol.invalid_object');
  });
  test('cli: canonical answers with the canonical text', () => {
    const out = run({ op: 'canonical', values: [{ b: 1, a: 'é' }] });
    assert.equal(out.status, 0);
    assert.deepEqual(JSON.parse(out.stdout), { texts: ['{"a":"é","b":1}'] });
  });
  test('cli: an unknown op is a failure, not an answer', () => {
    const out = run({ op: 'nope' });
    assert.notEqual(out.status, 0);
    assert.equal(out.stdout, '');
  });
}

if (process.env.NODE_TEST_CONTEXT) await selfTest();
else await main();
