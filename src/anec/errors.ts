// The native converter's one failure: the Python exception upstream raises there, with our reason.
import { AneccError } from '../hwx/index.js';
import { conversionMessage, upstreamType, type ConversionFailure, type ConversionFailureCode, type KnownUpstreamExceptionType } from './messages.js';

/** A failure that upstream would raise as the Python exception `type`. */
export class PythonException extends AneccError<ConversionFailureCode> {
  override readonly name: string = 'PythonException';
  /** Python exception class name. */
  readonly type: KnownUpstreamExceptionType;
  /** The facts the message is worded from. */
  readonly failure: ConversionFailure;

  constructor(failure: ConversionFailure) {
    super(failure.code, conversionMessage(failure));
    this.type = upstreamType[failure.code];
    this.failure = failure;
  }
}

export function raise(failure: ConversionFailure): never {
  throw new PythonException(failure);
}

/** Upstream's `assert`: raises the failure (an AssertionError, or what its code maps to) unless `condition`. */
export function check(condition: boolean, failure: ConversionFailure): asserts condition {
  if (!condition) raise(failure);
}
