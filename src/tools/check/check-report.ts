// The JSON shape of `anecc check --json`, as a zod schema; the TypeScript types come from it.
// One entry per known cause of "it runs on Linux but outputs 0.0 (or times out)", always all of
// them, in a fixed order, each with a verdict, the evidence and the fix.
import * as z from 'zod';
import { anecTargetNames, type AnecTargetName } from '../../anec/index.js';
import { anecLayoutSchema } from '../inspect-report.js';

const int = z.int();

/** The causes check knows, in the order it reports them. */
export const checkCauseCodes = [
  'conversion',
  'payload_offset',
  'slot_order',
  'spurious_kdma',
  'td_size',
  'intermediates',
  'tiles',
  'generation',
  'inspect_warnings',
] as const;
export type CheckCauseCode = (typeof checkCauseCodes)[number];

export const verdicts = ['ok', 'problem', 'unknown'] as const;
export type Verdict = (typeof verdicts)[number];

/** The fixes `check --fix` can apply (`convert` only as the first step for an HWX file); `none` when no automatic fix exists. */
const fixKinds = ['convert', 'retarget', 'clean', 'remap', 'none'] as const;
export type FixKind = (typeof fixKinds)[number];

const evidenceSchema = z.object({
  /** Where the value was read: `task[0].W8`, `header.td_size`, `layout` ... */
  field: z.string(),
  /** The value as shown to people (hex where the format uses hex). */
  value: z.string(),
});

/** A fix: one to run (in a cause) or one applied by --fix (in the fix list), in the same shape. */
const fixSchema = z.object({
  kind: z.enum(fixKinds),
  /** What to run or do, or what was done, in words. */
  text: z.string(),
  /** False for every fix so far: none has been run on hardware by this project. */
  runOnHardware: z.boolean(),
});

const causeSchema = z.object({
  code: z.enum(checkCauseCodes),
  title: z.string(),
  verdict: z.enum(verdicts),
  /** One line saying what was found. */
  summary: z.string(),
  evidence: z.array(evidenceSchema),
  /** null when the verdict is ok. */
  fix: fixSchema.nullable(),
});

const targetSchema = z.object({
  name: z.enum(anecTargetNames as [AnecTargetName, ...AnecTargetName[]]),
  payloadOffset: int,
  readBy: z.string(),
});

export const checkReportSchema = z.object({
  file: z.string(),
  kind: z.enum(['hwx', 'anec']),
  target: targetSchema,
  /** The .anec layout found (null for HWX files). */
  layout: anecLayoutSchema.nullable(),
  causes: z.array(causeSchema).length(checkCauseCodes.length),
  /** Codes of the causes whose verdict is `problem`. */
  problems: z.array(z.enum(checkCauseCodes)),
  /** Present with --fix: what was applied, what has no automatic fix, and the check of the result. */
  fix: z
    .object({
      output: z.string(),
      applied: z.array(fixSchema),
      notFixed: z.array(z.enum(checkCauseCodes)),
      after: z.array(causeSchema),
      problemsAfter: z.array(z.enum(checkCauseCodes)),
    })
    .nullable(),
});

export type CheckReport = z.infer<typeof checkReportSchema>;
export type CheckCause = z.infer<typeof causeSchema>;
export type CheckEvidence = z.infer<typeof evidenceSchema>;
export type CheckFix = z.infer<typeof fixSchema>;
export type AppliedFix = CheckFix;
