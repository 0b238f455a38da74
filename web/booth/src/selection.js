// An encrypted selection (crypto.md §5.2), as tandau.crypto.selection: one
// ciphertext and one [0, per_option] range proof per option, with context
// ctx ‖ u64(i), and a [min_sum, max_sum] proof of the sum with ctx ‖ "sum".
// Draw order: every nonce, then each option proof's draws, then the sum proof's.

import { concatBytes, u64, utf8 } from './bytes.js';
import { ciphertextFromDict, ciphertextToDict, encrypt, sumCiphertexts } from './elgamal.js';
import { hasExactKeys } from './fields.js';
import {
  MAX_BRANCHES,
  proveRange,
  rangeProofFromDict,
  rangeProofToDict,
  verifyRange,
} from './disjunctive.js';
import { EncodingError, ProofError } from './errors.js';
import { Fn, randomScalar, scalarFromHex, scalarToHex } from './group.js';

/** Most options a selection may have. */
export const MAX_OPTIONS = 256;

const SUM = utf8('sum');

function isInt(n) {
  return Number.isSafeInteger(n);
}

/** K options, each in [0, perOption], the sum in [minSum, maxSum]; throws RangeError. */
export function selectionRule(options, perOption = 1, minSum = 1, maxSum = 1) {
  if (!isInt(options) || options < 1 || options > MAX_OPTIONS) {
    throw new RangeError('a selection has 1 to 256 options');
  }
  if (!isInt(perOption) || perOption < 1 || perOption >= MAX_BRANCHES) {
    throw new RangeError('per-option maximum out of range');
  }
  if (!isInt(minSum) || !isInt(maxSum) || minSum < 0 || minSum > maxSum) {
    throw new RangeError('sum bounds out of range');
  }
  if (maxSum > options * perOption) throw new RangeError('sum bounds out of range');
  if (maxSum - minSum + 1 > MAX_BRANCHES) throw new RangeError('sum range too wide');
  return Object.freeze({ options, perOption, minSum, maxSum });
}

/** Whether choices obey the rule (V5.2.7's first half). */
export function obeysRule(rule, choices) {
  if (!Array.isArray(choices) || choices.length !== rule.options) return false;
  let total = 0;
  for (const m of choices) {
    if (!isInt(m) || m < 0 || m > rule.perOption) return false;
    total += m;
  }
  return total >= rule.minSum && total <= rule.maxSum;
}

export function optionContext(context, i) {
  return concatBytes(context, u64(i));
}

export function sumContext(context) {
  return concatBytes(context, SUM);
}

/** Encrypt and prove a selection (§5.2.1); returns {selection, opening}. */
export function encryptSelection(key, rule, choices, context, rng) {
  if (!obeysRule(rule, choices)) throw new RangeError('the choices do not obey the rule');
  const nonces = choices.map(() => randomScalar(rng));
  const ciphertexts = choices.map((m, i) => encrypt(key, m, nonces[i]));
  const optionProofs = ciphertexts.map((ct, i) =>
    proveRange(key, ct, choices[i], nonces[i], 0, rule.perOption, optionContext(context, i), rng),
  );
  const total = sumCiphertexts(ciphertexts);
  const rTotal = nonces.reduce((acc, r) => Fn.add(acc, r), 0n);
  const mTotal = choices.reduce((acc, m) => acc + m, 0);
  const sumProof = proveRange(
    key,
    total,
    mTotal,
    rTotal,
    rule.minSum,
    rule.maxSum,
    sumContext(context),
    rng,
  );
  return {
    selection: { ciphertexts, optionProofs, sumProof },
    opening: { choices: [...choices], nonces },
  };
}

/** Every option proof, then the sum proof (§5.2.2, V5.2.2–V5.2.6); throws ProofError. */
export function verifySelection(key, rule, selection, context) {
  const k = rule.options;
  if (selection.ciphertexts.length !== k || selection.optionProofs.length !== k) {
    throw new ProofError('the selection has the wrong number of options');
  }
  selection.ciphertexts.forEach((ct, i) => {
    const proof = selection.optionProofs[i];
    if (proof.c.length !== rule.perOption + 1) {
      throw new ProofError('an option proof has the wrong number of branches', { option: i });
    }
    try {
      verifyRange(key, ct, proof, 0, rule.perOption, optionContext(context, i));
    } catch (err) {
      if (!(err instanceof ProofError)) throw err;
      throw new ProofError('an option proof does not verify', { option: i });
    }
  });
  if (selection.sumProof.c.length !== rule.maxSum - rule.minSum + 1) {
    throw new ProofError('the sum proof has the wrong number of branches');
  }
  // V5.2.5: the verifier sums the ciphertexts itself; nothing on the wire claims the sum.
  const total = sumCiphertexts(selection.ciphertexts);
  try {
    verifyRange(key, total, selection.sumProof, rule.minSum, rule.maxSum, sumContext(context));
  } catch (err) {
    if (!(err instanceof ProofError)) throw err;
    throw new ProofError('the sum proof does not verify');
  }
}

export function selectionToDict(selection) {
  return {
    ciphertexts: selection.ciphertexts.map(ciphertextToDict),
    option_proofs: selection.optionProofs.map(rangeProofToDict),
    sum_proof: rangeProofToDict(selection.sumProof),
  };
}

/** Exactly {ciphertexts, option_proofs, sum_proof} with canonical values (V5.2.1). */
export function selectionFromDict(d) {
  if (!hasExactKeys(d, ['ciphertexts', 'option_proofs', 'sum_proof'])) {
    throw new EncodingError('a selection is {ciphertexts, option_proofs, sum_proof}');
  }
  const cts = d.ciphertexts;
  const proofs = d.option_proofs;
  if (!Array.isArray(cts) || !Array.isArray(proofs) || cts.length > MAX_OPTIONS) {
    throw new EncodingError('a selection holds lists of ciphertexts and proofs');
  }
  return {
    ciphertexts: cts.map(ciphertextFromDict),
    optionProofs: proofs.map(rangeProofFromDict),
    sumProof: rangeProofFromDict(d.sum_proof),
  };
}

/** The opening {choices, nonces} revealed for an audited ballot (record.md §R4.5). */
export function openingToDict(opening) {
  return { choices: [...opening.choices], nonces: opening.nonces.map(scalarToHex) };
}

export function openingFromDict(d) {
  if (!hasExactKeys(d, ['choices', 'nonces'])) {
    throw new EncodingError('an opening is {choices, nonces}');
  }
  const { choices, nonces } = d;
  if (
    !Array.isArray(choices) ||
    !Array.isArray(nonces) ||
    choices.length !== nonces.length ||
    choices.length > MAX_OPTIONS ||
    choices.some((m) => !isInt(m) || m < 0)
  ) {
    throw new EncodingError('an opening holds matching lists of choices and nonces');
  }
  return { choices: [...choices], nonces: nonces.map(scalarFromHex) };
}
