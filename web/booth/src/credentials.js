// Voter credentials (record.md §R3), as tandau.protocol.credentials: a code is
// 20 symbols of a 32-letter alphabet plus a check symbol; its secret is
// x = Hs("credential/secret"; fingerprint, code) and its public credential x·G.

import { utf8 } from './bytes.js';
import { InvalidObject } from './errors.js';
import { G, hashToScalar, mulSecret } from './group.js';

export const ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const BODY = 20;
const SEPARATORS = '- \t';

function checkSymbol(body) {
  let total = 0;
  for (let i = 0; i < body.length; i++) total += (i + 1) * ALPHABET.indexOf(body[i]);
  return ALPHABET[total % 32];
}

/** Upper-case, drop '-', spaces and tabs, check alphabet and check symbol; throws InvalidObject. */
export function normalizeCode(text) {
  if (typeof text !== 'string') {
    throw new InvalidObject('a credential code is text', { field: 'code' });
  }
  let cleaned = '';
  for (const ch of text.toUpperCase()) if (!SEPARATORS.includes(ch)) cleaned += ch;
  if (cleaned.length !== BODY + 1 || [...cleaned].some((ch) => !ALPHABET.includes(ch))) {
    throw new InvalidObject('a credential code has 21 symbols of the credential alphabet', {
      field: 'code',
    });
  }
  if (checkSymbol(cleaned.slice(0, BODY)) !== cleaned[BODY]) {
    throw new InvalidObject('the credential code has a typo (check symbol)', { field: 'code' });
  }
  return cleaned;
}

/** Group a normalized code as XXXXX-XXXXX-XXXXX-XXXXX-X for display. */
export function formatCode(code) {
  const clean = normalizeCode(code);
  return clean.match(/.{1,5}/g).join('-');
}

/** The credential key pair of a code in one election (§R3.1): {secret, public}. */
export function deriveCredential(fingerprint, code) {
  const secret = hashToScalar('credential/secret', fingerprint, utf8(normalizeCode(code)));
  return { secret, public: mulSecret(G, secret) };
}
