// The library's `convert({ path })`: the CLI's defaults filled in, the output written the way the
// CLI writes it, and one result shape whether or not the conversion worked. A thin layer over
// src/convert, which owns the options; this file only normalizes what a library caller passes.
import type { AnecHeader, EngineError, EngineName, LogRecord, Profile } from './anec/index.js';
import {
  convert as runConversion,
  ConvertSetupError,
  normalizeConvertOptions,
  type ConvertNotice,
  type ConvertReport,
  type Disagreement,
  type EngineChoice,
} from './convert/index.js';
import { outputUnwritable } from './convert/messages.js';
// The CLI's own atomic writer and wording, so that a library write behaves exactly like `-o`.
import { writeFileAtomic } from './lifecycle/index.js';
import type { AnecFixResult } from './tools/index.js';

/**
 * What to convert and how; only `path` is required, every other field defaults as the `anecc`
 * command's flag of the same name does.
 */
export interface ConvertFileOptions {
  /** The HWX file to convert. The default model name is its base name without the extension. */
  readonly path: string;
  /** Model name (`-n`); default: the file name without its extension. */
  readonly name?: string | undefined;
  /** `patched` (default): upstream plus `patches/`; `upstream`: anecc 1.0.9 exactly. */
  readonly profile?: Profile | undefined;
  /**
   * `both` runs the native and the Python engine and compares them; `native` or `python` runs one.
   * Default: `both` when upstream anecc can be imported, else `native` with a `native_only` notice.
   */
  readonly engine?: EngineChoice | undefined;
  /** Bypass upstream's unresolved-CPU-layer check (`-f`); default false. */
  readonly force?: boolean | undefined;
  /** Also render upstream's `-p` C struct into `printed`; default false. */
  readonly print?: boolean | undefined;
  /**
   * Write the `.anec` file here (`-o`), atomically: a temporary file beside it renamed into place,
   * so a failure never leaves a partial file. Default: write nothing.
   */
  readonly out?: string | undefined;
  /** Write `<name>.anec` in the current folder (`-w`) when `out` is not given; default false. */
  readonly write?: boolean | undefined;
  /** Zero the KernelDMA/NE registers of tasks that use no kernel (`--clean`); default false. */
  readonly clean?: boolean | undefined;
  /** EXPERIMENTAL, not verified on hardware: rebind task slots, outputs first (`--remap-slots`). */
  readonly remapSlots?: boolean | undefined;
}

/** Why a conversion did not produce a file; `kind` says which of the three ways it failed. */
export type ConvertFailure =
  /** Upstream (or the native engine, reproducing it) raises this Python exception on the input. */
  | { readonly kind: 'engine'; readonly error: EngineError }
  /** The native and Python engines produced different results; nothing is returned or written. */
  | { readonly kind: 'disagreement'; readonly disagreement: Disagreement }
  /** `remapSlots` cannot rebind this file's slots; the message says why. */
  | { readonly kind: 'remap'; readonly message: string };

/** What every {@link ConvertFileResult} has, whether or not the conversion worked. */
export interface ConvertFileResultBase {
  /** The input path, as given. */
  readonly path: string;
  /** The model name used, or undefined when the conversion failed before choosing one. */
  readonly name: string | undefined;
  /** The profile used. */
  readonly profile: Profile;
  /** The engines that ran, in order: `['native', 'python']`, `['native']` or `['python']`. */
  readonly engines: readonly EngineName[];
  /** The decoded `.anec` header, once the conversion got that far. */
  readonly header: AnecHeader | undefined;
  /** Upstream's `-p` text when `print` was set, else ''. */
  readonly printed: string;
  /** Upstream's log records (`anecc::info: ...` on the command line), in order. */
  readonly logs: readonly LogRecord[];
  /** What is worth knowing beyond the logs, as data (no `anecc: notice:` prefix). */
  readonly notices: readonly ConvertNotice[];
}

/** A conversion that produced its `.anec` file. */
export interface ConvertSuccess extends ConvertFileResultBase {
  /** Discriminant: the `.anec` bytes are there. */
  readonly ok: true;
  /** The whole `.anec` file, header then payload. */
  readonly anec: Uint8Array;
  /** What `clean` / `remapSlots` changed, when asked. */
  readonly fixes: AnecFixResult | undefined;
  /** Where the file was written (`out`, or `<name>.anec` with `write`); undefined when not asked. */
  readonly outputPath: string | undefined;
  /** Always undefined on success. */
  readonly failure: undefined;
}

/** A conversion that produced nothing (and wrote nothing). */
export interface ConvertFailed extends ConvertFileResultBase {
  /** Discriminant: no `.anec` bytes. */
  readonly ok: false;
  /** Always undefined on failure. */
  readonly anec: undefined;
  /** Always undefined on failure: nothing is fixed. */
  readonly fixes: undefined;
  /** Always undefined on failure: nothing is written. */
  readonly outputPath: undefined;
  /** Why. */
  readonly failure: ConvertFailure;
}

/** The result of {@link convert}: narrow on `ok` to reach `anec` or `failure`. */
export type ConvertFileResult = ConvertSuccess | ConvertFailed;

// Only reachable if an engine reported success without the bytes it was asked to build.
const noFile: ConvertFailure = { kind: 'engine', error: { type: 'RuntimeError', message: 'no .anec file was produced' } };

function failureOf(report: ConvertReport): ConvertFailure | undefined {
  if (report.disagreement) return { kind: 'disagreement', disagreement: report.disagreement };
  if (report.fixError) return { kind: 'remap', message: report.fixError.message };
  if (!report.outcome.ok) return report.outcome.error ? { kind: 'engine', error: report.outcome.error } : noFile;
  return undefined;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}

/**
 * Converts one HWX file to `.anec`, as `anecc PATH` does, and returns the bytes with everything
 * the command would have printed, as data.
 *
 * @example
 * ```ts
 * const result = await convert({ path: 'model.hwx' });
 * if (result.ok) console.log(result.anec.length);
 * ```
 *
 * @throws {@link OptionsError} for an invalid `profile` or `engine`;
 *   {@link ConvertSetupError} when the input cannot be read (`input_unreadable`), an explicitly
 *   chosen Python engine cannot run (`python_failed`), or the output cannot be written
 *   (`output_unwritable`). A file that does not convert is a result with `ok: false`, not a throw.
 */
export async function convert(options: ConvertFileOptions): Promise<ConvertFileResult> {
  const normalized = normalizeConvertOptions({
    path: options.path,
    name: options.name,
    profile: options.profile,
    engine: options.engine,
    force: options.force,
    print: options.print,
    clean: options.clean,
    remapSlots: options.remapSlots,
    // A library caller always wants the bytes: `write` makes the engines build them, as -w does
    // on the command line. Writing itself is decided below from the caller's own out/write.
    write: true,
  });
  const report = await runConversion(normalized);
  const { outcome } = report;
  const base: ConvertFileResultBase = {
    path: options.path,
    name: outcome.name,
    profile: normalized.profile,
    engines: report.engines,
    header: outcome.header,
    printed: outcome.printed,
    logs: outcome.logs,
    notices: report.notices,
  };
  const anecParts = outcome.anec;
  const failure = failureOf(report);
  if (failure !== undefined || anecParts === undefined) return { ...base, ok: false, anec: undefined, fixes: undefined, outputPath: undefined, failure: failure ?? noFile };
  const parts = [anecParts.header, anecParts.payload];
  let outputPath: string | undefined;
  if (options.out || options.write) {
    outputPath = options.out || `${outcome.name}.anec`;
    try {
      writeFileAtomic(outputPath, parts);
    } catch (error) {
      throw new ConvertSetupError('output_unwritable', outputUnwritable(outputPath, error as NodeJS.ErrnoException), { cause: error });
    }
  }
  return { ...base, ok: true, anec: concat(parts), fixes: report.fixes, outputPath, failure: undefined };
}
