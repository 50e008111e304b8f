// The model of a conversion, shared by both engines (native and Python) so that they can be
// compared field by field. Values that upstream keeps as Python ints and that a file can make
// arbitrarily large (the tensor shapes) are bigint; everything bounded by a u32 is a number.
import type { AnecHeaderFields } from './format.js';
import type { ConversionFailureCode, UpstreamExceptionType } from './messages.js';

/** The two conversion behaviours: anecc 1.0.9 exactly, or upstream plus the patches in patches/. */
export type Profile = 'upstream' | 'patched';
export const profiles: readonly Profile[] = ['patched', 'upstream'];

/** Where a conversion ran. */
export type EngineName = 'native' | 'python';

export type LogLevel = 'debug' | 'info' | 'warn';

/** One record of upstream's `anecc` logger; the CLI prints it as `anecc::<level>: <message>`. */
export interface LogRecord {
  readonly level: LogLevel;
  readonly message: string;
}

/**
 * The .anec header, field for field (`u64 size; u32 td_size; ... u64 nchw[32 * 6]`), derived from
 * the one field table in format.ts: u32 fields are numbers, u64 fields bigint.
 */
export type AnecHeader = AnecHeaderFields;

/** What one engine was asked to do: upstream's `anecc PATH [-n NAME] [-f]` plus whether -p / -o|-w were given. */
export interface ConvertRequest {
  /** The path exactly as given on the command line (upstream derives the model name from it). */
  readonly path: string;
  /** `-n`; undefined or '' means "derive from the path", as upstream does. */
  readonly name: string | undefined;
  readonly force: boolean;
  /** `-p`: render upstream's C struct. */
  readonly print: boolean;
  /** `-o` or `-w`: build the .anec bytes. */
  readonly compile: boolean;
}

/** A failure, named by the Python exception upstream raises for it, so engines compare by kind. */
export interface EngineError {
  /** Python exception type name: StopIteration, AssertionError, IndexError, ValueError, ... */
  readonly type: UpstreamExceptionType;
  /** Short reason, one line. */
  readonly message: string;
  /** Why, as a stable code: the native engine's reason (docs in messages.ts); the Python engine knows only the type. */
  readonly code?: ConversionFailureCode | undefined;
}

/**
 * The outcome of one engine on one request. A failure has the same fields as a success: the log
 * records and printed text produced before the failure are part of what upstream shows.
 */
export interface EngineOutcome {
  readonly engine: EngineName;
  readonly profile: Profile;
  readonly ok: boolean;
  readonly error: EngineError | undefined;
  /** Model name used for the struct and the default output file name. */
  readonly name: string | undefined;
  /** Header upstream built (present once conversion succeeded, even if compiling failed). */
  readonly header: AnecHeader | undefined;
  /** The text `-p` prints ('' when not asked or not reached). */
  readonly printed: string;
  /** The .anec file (only when compile was asked and succeeded). */
  readonly anec: AnecBytes | undefined;
  /** Log records in order, excluding the final `compiled anec to:` line, which the CLI writes. */
  readonly logs: readonly LogRecord[];
  /**
   * What the native engine noticed that upstream writes silently (patched profile only; never
   * part of the engines' comparison, and never a change to the bytes).
   */
  readonly warnings?: readonly ConversionWarning[];
}

/** Something wrong with a conversion that upstream lets through, as data (inspect and check reuse it). */
export interface ConversionWarning {
  readonly code: 'stab_sizes_unmatched';
  readonly message: string;
}

/**
 * A compiled .anec file as its two parts, in file order. The payload is usually a view into the
 * input file, so a large model is never copied just to be written out.
 */
export interface AnecBytes {
  /** The packed header, zero-padded to 0x1000 bytes. */
  readonly header: Uint8Array;
  /** The task stream and kernel bytes taken from the HWX file. */
  readonly payload: Uint8Array;
}
