// What one conversion command is asked to do, decided once at the edge: the CLI's parsed argv and
// the environment go in, a frozen ConversionOptions comes out, and nothing below reads either
// again. No zod here: this module is on every conversion's start-up path (see docs/performance.md).
import { anecTargetNames, DEFAULT_TARGET, profiles, type AnecTargetName, type ConvertOptions, type Profile } from '../anec/index.js';
// Direct, not through the bridge's index: that one loads pythonia's wrapper, zod and the patch library.
import { normalizePythonEngineOptions, type Env } from '../bridge/options.js';
import type { NormalizedPythonEngineOptions, PythonEngineOptions } from '../bridge/types.js';
import { AneccError } from '../hwx/index.js';
import { expectedChoice, expectedType } from './messages.js';
import { parsePythonTimeoutMs, type PythonTimeoutSetting } from './python-timeout.js';

export type EngineChoice = 'both' | 'native' | 'python';
export const engineChoices: readonly EngineChoice[] = ['both', 'native', 'python'];

/** A conversion as the `anecc` command runs it: upstream's options plus the engines and the fixes. */
export interface ConversionOptions extends ConvertOptions {
  /**
   * `--engine`, else ANECC_ENGINE; undefined: both engines when upstream anecc can be imported,
   * else native with a notice.
   */
  readonly engine: EngineChoice | undefined;
  readonly clean: boolean;
  readonly remapSlots: boolean;
  /** Where the written file puts its payload (src/anec/targets.ts); the engines always compare 1.0.9's layout. */
  readonly target: AnecTargetName;
  readonly debug: boolean;
  /** The Python engine's interpreter, upstream source, patches and cache folder, every default decided. */
  readonly python: NormalizedPythonEngineOptions;
  /**
   * ANECC_PYTHON_TIMEOUT_MS, validated; its `timeoutMs` undefined: the bridge's budget plus 1 s per
   * MB of input. A bad value is reported only where Python would run (see convert.ts).
   */
  readonly pythonTimeout: PythonTimeoutSetting;
  /** PATH, which finds a bare PYTHON_BIN: part of what a remembered Python failure is keyed on. */
  readonly searchPath: string | undefined;
}

/** The options as given: argv values (any may be missing) and, for the library, Python engine overrides. */
export interface RawConversionOptions {
  readonly path?: unknown;
  readonly name?: unknown;
  readonly out?: unknown;
  readonly write?: unknown;
  readonly print?: unknown;
  readonly force?: unknown;
  readonly profile?: unknown;
  readonly engine?: unknown;
  readonly clean?: unknown;
  readonly remapSlots?: unknown;
  readonly target?: unknown;
  readonly debug?: unknown;
  readonly python?: PythonEngineOptions | undefined;
}

export class OptionsError extends AneccError<'bad_option'> {
  override readonly name = 'OptionsError';
  constructor(message: string) {
    super('bad_option', message);
  }
}

function text(raw: RawConversionOptions, key: 'path' | 'name' | 'out' | 'profile' | 'engine' | 'target', problems: string[]): string | undefined {
  const value = raw[key];
  if (value === undefined || typeof value === 'string') return value;
  problems.push(expectedType(key, 'a string', value));
  return undefined;
}

function flag(raw: RawConversionOptions, key: 'write' | 'print' | 'force' | 'clean' | 'remapSlots' | 'debug', problems: string[]): boolean {
  const value = raw[key];
  if (value === undefined || typeof value === 'boolean') return value ?? false;
  problems.push(expectedType(key, 'a boolean', value));
  return false;
}

function choice<T extends string>(value: string | undefined, choices: readonly T[], what: string, problems: string[]): T | undefined {
  if (value === undefined || (choices as readonly string[]).includes(value)) return value as T | undefined;
  problems.push(expectedChoice(what, choices, value));
  return undefined;
}

// Upstream-style scripts cannot pass --engine; ANECC_ENGINE gives them the same choice.
function engineFromEnv(env: Env, problems: string[]): EngineChoice | undefined {
  const value = env['ANECC_ENGINE'];
  return value === undefined || value === '' ? undefined : choice(value, engineChoices, 'ANECC_ENGINE', problems);
}

/**
 * Fills defaults and validates; throws OptionsError naming every bad option. `env` is read here
 * and nowhere else in a conversion (ANECC_ENGINE, ANECC_PYTHON_TIMEOUT_MS and the Python engine's
 * PYTHON_BIN, ANECC_UPSTREAM_SRC, ANECC_CACHE_DIR, XDG_CACHE_HOME, and PATH).
 */
export function normalizeConvertOptions(raw: RawConversionOptions, env: Env = process.env): ConversionOptions {
  const problems: string[] = [];
  const path = text(raw, 'path', problems);
  if (path === undefined && raw.path === undefined) problems.push(expectedType('path', 'a string', undefined));
  const options = {
    path: path ?? '',
    name: text(raw, 'name', problems),
    out: text(raw, 'out', problems) ?? '',
    write: flag(raw, 'write', problems),
    print: flag(raw, 'print', problems),
    force: flag(raw, 'force', problems),
    profile: choice<Profile>(text(raw, 'profile', problems), profiles, '--profile', problems) ?? 'patched',
    engine: raw.engine === undefined ? engineFromEnv(env, problems) : choice(text(raw, 'engine', problems), engineChoices, '--engine', problems),
    clean: flag(raw, 'clean', problems),
    remapSlots: flag(raw, 'remapSlots', problems),
    target: choice<AnecTargetName>(text(raw, 'target', problems), anecTargetNames, '--target', problems) ?? DEFAULT_TARGET.name,
    debug: flag(raw, 'debug', problems),
    pythonTimeout: parsePythonTimeoutMs(env['ANECC_PYTHON_TIMEOUT_MS']),
    searchPath: env['PATH'],
  };
  if (problems.length > 0) throw new OptionsError(problems.join('; '));
  let python: NormalizedPythonEngineOptions;
  try {
    python = normalizePythonEngineOptions(raw.python ?? {}, env);
  } catch (error) {
    throw new OptionsError(error instanceof Error ? error.message : String(error));
  }
  return Object.freeze({ ...options, python });
}
