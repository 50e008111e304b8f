// `anecc doctor`: can the Python engine run here, and does it convert end to end? Returns data
// only (the CLI renders it); the schema below is the JSON shape, and the type comes from it.

import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as z from 'zod';
import type { Profile } from '../anec/index.js';
import type { PythonEngine, PythonEngineOptions } from '../bridge/index.js';
import { removeStale, temporaryOwner, workFolderOwner } from '../lifecycle/index.js';


const problem = z.string().nullable();

export const doctorReportSchema = z.object({
  /** True when the Python engine converts the sample file with both profiles. */
  ok: z.boolean(),
  python: z.object({
    bin: z.string(),
    runs: z.boolean(),
    version: z.string().nullable(),
    executable: z.string().nullable(),
    problem,
  }),
  upstream: z.object({
    importable: z.boolean(),
    /** How anecc was looked for: ANECC_UPSTREAM_SRC, installed, or why it was not found. */
    found: z.string().nullable(),
    origin: z.string().nullable(),
    sha256: z.string().nullable(),
    pinned: z.boolean(),
    pinnedLabel: z.string(),
    problem,
  }),
  packages: z.array(z.object({ name: z.string(), version: z.string().nullable(), problem })),
  patches: z.object({
    dir: z.string(),
    series: z.array(z.string()),
    applied: z.boolean(),
    /** Folder of the patched copy in use. */
    copy: z.string().nullable(),
    fromCache: z.boolean().nullable(),
    /** What had changed in the cached copy since it was made (it was rebuilt), or null. */
    rebuilt: z.string().nullable(),
    failingPatch: z.string().nullable(),
    failingHunk: z.int().nullable(),
    problem,
  }),
  endToEnd: z.array(
    z.object({
      profile: z.enum(['upstream', 'patched']),
      file: z.string().nullable(),
      ok: z.boolean(),
      anecSizeInBytes: z.int().nullable(),
      durationMs: z.int(),
      problem,
    }),
  ),
  warnings: z.array(z.string()),
  /** Leftovers of dead anecc processes that doctor removed: output temporaries, work folders. */
  removed: z.array(z.string()),
});

export type DoctorReport = z.infer<typeof doctorReportSchema>;

export interface DoctorOptions extends PythonEngineOptions {
  /** HWX file to convert end to end; default the corpus `mul.hwx` or the package's own sample. */
  readonly sampleHwx?: string | undefined;
  /** The HWX corpus folder (the CLI passes ANECC_CORPUS). */
  readonly corpus?: string | undefined;
  /** Folders to clear of stale output temporaries (default: the current folder). */
  readonly leftoversIn?: readonly string[] | undefined;
}

/**
 * What anecc processes ended by SIGKILL (or a crash) left: output temporaries in `folders`, work
 * folders in TMPDIR, half-built copies in the cache. Only entries whose maker is gone are removed.
 */
function removeLeftovers(folders: readonly string[], cacheDir: string): string[] {
  const removed = [
    ...folders.flatMap((folder) => removeStale(folder, temporaryOwner, 'file')),
    ...removeStale(tmpdir(), workFolderOwner, 'folder'),
    ...removeStale(cacheDir, cacheTemporaryOwner, 'folder'),
  ];
  return removed;
}

/** `.tmp-KEY-PID-HEX`: a patched copy being built (see bridge/patches.ts). */
function cacheTemporaryOwner(name: string): number | undefined {
  const match = /^\.tmp-[0-9a-f]+-(\d+)-[0-9a-f]+$/.exec(name);
  return match?.[1] === undefined ? undefined : Number(match[1]);
}

type Env = Readonly<Record<string, string | undefined>>;

const doctorProfiles: readonly Profile[] = ['upstream', 'patched'];

function sampleFile(options: DoctorOptions, packageRoot: string): string | undefined {
  const { corpus } = options;
  const candidates = [
    options.sampleHwx,
    corpus ? path.join(corpus, 'mul.hwx') : undefined,
    // A file upstream 1.0.9 converts, made by this project's writer (see hwx/README.md).
    path.join(packageRoot, 'hwx', 'mul-v5.hwx'),
  ].filter((c): c is string => c !== undefined && c !== '');
  return candidates.find((c) => existsSync(c));
}

/** Checks the Python engine from interpreter to converted bytes; never throws for an engine problem. */
export async function runDoctor(env: Env = process.env, options: DoctorOptions = {}): Promise<DoctorReport> {
  // The bridge (its child handling, execa, the patch library) loads only when doctor runs, not with every tool.
  const {
    PatchError,
    PythonEngineError,
    forgetFailures,
    normalizePythonEngineOptions,
    notPinnedWarning,
    openPythonEngine,
    packageRoot,
    pinnedUpstreamLabel,
    pythonEngineAvailability,
    readSeries,
  } = await import('../bridge/index.js');
  const describe = (error: unknown): string => {
    if (error instanceof PythonEngineError || error instanceof PatchError) return `${error.code}: ${error.message}`;
    return error instanceof Error ? error.message : String(error);
  };
  const normalized = normalizePythonEngineOptions(options, env);
  const warnings: string[] = [];
  const report: {
    -readonly [K in keyof DoctorReport]: DoctorReport[K];
  } = {
    ok: false,
    python: { bin: normalized.pythonBin, runs: false, version: null, executable: null, problem: null },
    upstream: {
      importable: false,
      found: null,
      origin: null,
      sha256: null,
      pinned: false,
      pinnedLabel: pinnedUpstreamLabel,
      problem: null,
    },
    packages: [],
    patches: {
      dir: normalized.patchesDir,
      series: [],
      applied: false,
      copy: null,
      fromCache: null,
      rebuilt: null,
      failingPatch: null,
      failingHunk: null,
      problem: null,
    },
    endToEnd: [],
    warnings,
    removed: removeLeftovers(options.leftoversIn ?? [process.cwd()], normalized.cacheDir),
  };

  try {
    report.patches.series = [...(await readSeries(normalized.patchesDir))];
  } catch (error) {
    report.patches.problem = describe(error);
  }

  // Doctor always probes; what conversions remembered of earlier failures goes (they probe again).
  forgetFailures(normalized.cacheDir);
  const availability = await pythonEngineAvailability(options, env);
  if (!availability.available && availability.reason === 'python_not_found') {
    report.python.problem = availability.message;
    return doctorReportSchema.parse(report);
  }
  if (!availability.available) report.upstream.problem = availability.message;

  let engine: PythonEngine | undefined;
  try {
    engine = await openPythonEngine(options, env);
    const probe = await engine.probe();
    report.python = { ...report.python, runs: true, version: probe.python.version, executable: probe.python.executable };
    report.upstream = {
      ...report.upstream,
      importable: probe.upstream.importError === undefined && probe.upstream.origin !== undefined,
      found: probe.upstream.found,
      origin: probe.upstream.origin ?? null,
      sha256: probe.upstream.sha256 ?? null,
      pinned: probe.upstream.pinned,
    };
    report.packages = [
      { name: 'construct', ...probe.construct },
      { name: 'click', ...probe.click },
    ].map((p) => ({
      name: p.name,
      version: p.version ?? null,
      problem: p.error ? `${p.error.type}: ${p.error.message}` : null,
    }));
    if (probe.upstream.origin !== undefined && !probe.upstream.pinned) {
      // Worded as the patched copy words it, so the two are one warning (see below).
      warnings.push(
        probe.upstream.sha256 === undefined
          ? `upstream at ${probe.upstream.origin} is not ${pinnedUpstreamLabel}; results may differ from the golden files`
          : notPinnedWarning(probe.upstream.sha256),
      );
    }
    if (!report.upstream.importable) {
      return doctorReportSchema.parse(report);
    }

    const sample = sampleFile(options, packageRoot);
    if (sample === undefined) warnings.push('no sample HWX file found (set ANECC_CORPUS); end-to-end check skipped');
    for (const profile of doctorProfiles) {
      const started = performance.now();
      const check = {
        profile,
        file: sample ?? null,
        ok: false,
        anecSizeInBytes: null as number | null,
        durationMs: 0,
        problem: null as string | null,
      };
      try {
        if (sample === undefined) throw new Error('no sample HWX file');
        const [outcome] = await engine.convert([{ path: sample, name: undefined, force: false, print: true, compile: true }], profile);
        if (outcome?.ok && outcome.anec) {
          check.ok = true;
          check.anecSizeInBytes = outcome.anec.header.length + outcome.anec.payload.length;
        } else {
          check.problem = outcome?.error ? `${outcome.error.type}: ${outcome.error.message}` : 'no .anec produced';
        }
      } catch (error) {
        check.problem = describe(error);
        if (error instanceof PatchError) {
          report.patches.problem = describe(error);
          report.patches.failingPatch = error.patch ?? null;
          report.patches.failingHunk = error.hunk ?? null;
        }
      }
      check.durationMs = Math.round(performance.now() - started);
      report.endToEnd.push(check);
      if (profile === 'patched') {
        const status = engine.patchStatus();
        if (status) {
          report.patches = { ...report.patches, applied: true, copy: status.dir, fromCache: !status.built, rebuilt: status.rebuilt ?? null };
          if (status.rebuilt !== undefined) {
            warnings.push(`the cached patched copy ${status.dir} had changed since it was made (${status.rebuilt}); rebuilt it`);
          }
          for (const warning of status.warnings) if (!warnings.includes(warning)) warnings.push(warning);
        }
      }
    }
    report.ok = report.endToEnd.length === doctorProfiles.length && report.endToEnd.every((c) => c.ok);
  } catch (error) {
    const text = describe(error);
    if (report.python.runs) report.upstream.problem ??= text;
    else report.python.problem = text;
  } finally {
    await engine?.close();
  }
  return doctorReportSchema.parse(report);
}
