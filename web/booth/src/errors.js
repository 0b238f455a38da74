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

export class CryptoError extends TandauError {
  static code = 'crypto.error';
}

export class EncodingError extends CryptoError {
  static code = 'crypto.encoding';
}

export class NonCanonicalPoint extends EncodingError {
  static code = 'crypto.point.non_canonical';
}

export class NonCanonicalScalar extends EncodingError {
  static code = 'crypto.scalar.non_canonical';
}

export class IdentityPoint extends EncodingError {
  static code = 'crypto.point.identity';
}

export class ProofError extends CryptoError {
  static code = 'crypto.proof.invalid';
}

export class SignatureError extends CryptoError {
  static code = 'crypto.signature.invalid';
}

export class ProtocolError extends TandauError {
  static code = 'protocol.error';
}

export class InvalidObject extends ProtocolError {
  static code = 'protocol.invalid_object';
}

export class BallotRefused extends ProtocolError {
  static code = 'protocol.ballot_refused';
}

export class AuditError extends ProtocolError {
  static code = 'protocol.audit_failed';
}
