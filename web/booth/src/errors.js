// Named errors with the stable codes of crypto.md §1.6 and the protocol layer,
// so the booth, the check page and the Python side report a refusal alike.
//
//   TandauError
//   ├── CryptoError
//   │   ├── EncodingError        crypto.encoding
//   │   │   ├── NonCanonicalPoint   crypto.point.non_canonical
//   │   │   ├── NonCanonicalScalar  crypto.scalar.non_canonical
//   │   │   └── IdentityPoint       crypto.point.identity
//   │   ├── ProofError           crypto.proof.invalid
//   │   └── SignatureError       crypto.signature.invalid
//   └── ProtocolError
//       ├── InvalidObject        protocol.invalid_object
//       ├── BallotRefused        protocol.ballot_refused
//       └── AuditError           protocol.audit_failed

export class TandauError extends Error {
  static code = 'tandau.error';

  constructor(message, details = {}) {
    super(message);
    this.name = new.target.name;
    this.code = new.target.code;
    this.details = details;
  }
}

// `parent` with its own stable code: each class below is then one line.
function coded(parent, code) {
  return class extends parent {
    static code = code;
  };
}

export class CryptoError extends coded(TandauError, 'crypto.error') {}
export class EncodingError extends coded(CryptoError, 'crypto.encoding') {}
export class NonCanonicalPoint extends coded(EncodingError, 'crypto.point.non_canonical') {}
export class NonCanonicalScalar extends coded(EncodingError, 'crypto.scalar.non_canonical') {}
export class IdentityPoint extends coded(EncodingError, 'crypto.point.identity') {}
export class ProofError extends coded(CryptoError, 'crypto.proof.invalid') {}
export class SignatureError extends coded(CryptoError, 'crypto.signature.invalid') {}
export class ProtocolError extends coded(TandauError, 'protocol.error') {}
export class InvalidObject extends coded(ProtocolError, 'protocol.invalid_object') {}
export class BallotRefused extends coded(ProtocolError, 'protocol.ballot_refused') {}
export class AuditError extends coded(ProtocolError, 'protocol.audit_failed') {}
