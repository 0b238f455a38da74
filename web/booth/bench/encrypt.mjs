// The booth's encrypt+prove time in Node for K options (issue 5's performance figure):
// TandauBooth.encryptBallot — credential derivation, K encryptions, K range proofs,
// the sum proof and the signature — as a median over rounds, and verifyBallot for scale.
//
//   node web/booth/bench/encrypt.mjs [K=6] [rounds=30]

import { performance } from 'node:perf_hooks';
import * as booth from '../src/booth.js';
import { G, mulSecret, pointToHex, randomScalar } from '../src/group.js';
import { systemRng } from '../src/rng.js';

const K = Number(process.argv[2] ?? 6);
const ROUNDS = Number(process.argv[3] ?? 30);
const names = (text) => ({ kk: text, ru: text, en: text });

const options = Array.from({ length: K - 1 }, (_, i) => ({
  id: `c${i + 1}`,
  kind: 'candidate',
  name: names(`Candidate ${i + 1}`),
  party: null,
}));
options.push({ id: 'against', kind: 'against_all', name: names('Against all'), party: null });
const manifest = {
  version: 'tandau/v1',
  election_id: 'bench',
  title: names('Bench'),
  unit: { code: '611633000', name: names('Bench okrug') },
  office: 'akim',
  ruleset: 'kz-rural-akim-2023',
  polling_day: '2026-09-17',
  mode: 'polling-station',
  options,
  rule: { per_option: 1, min_sum: 1, max_sum: 1 },
  trustees: [{ index: 1, name: 'Trustee 1' }],
  threshold: 1,
  commission_key: '11'.repeat(32),
};
const election = {
  manifest,
  electionKeyHex: pointToHex(mulSecret(G, randomScalar(systemRng))),
  fingerprintHex: booth.manifestFingerprint(manifest),
};
const code = 'ABCDE-FGHJK-LMNPQ-RSTUV-W';
const body = code.replaceAll('-', '').slice(0, 20);
const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
let sum = 0;
for (let i = 0; i < 20; i++) sum += (i + 1) * ALPHABET.indexOf(body[i]);
const typed = body + ALPHABET[sum % 32];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

const encryptMs = [];
const verifyMs = [];
// The first round warms up the JIT and noble's precomputed tables; it is not counted.
for (let round = 0; round <= ROUNDS; round++) {
  let t = performance.now();
  const out = booth.encryptBallot({ ...election, code: typed, choice: round % K });
  const encrypt = performance.now() - t;
  t = performance.now();
  booth.verifyBallot({ ...election, ballot: out.ballot });
  const verify = performance.now() - t;
  if (round > 0) {
    encryptMs.push(encrypt);
    verifyMs.push(verify);
  }
}
const fmt = (x) => x.toFixed(1);
console.log(
  `booth K=${K} (${process.version}, ${ROUNDS} rounds): ` +
    `encryptBallot median ${fmt(median(encryptMs))} ms` +
    ` (min ${fmt(Math.min(...encryptMs))}, max ${fmt(Math.max(...encryptMs))});` +
    ` verifyBallot median ${fmt(median(verifyMs))} ms`,
);
