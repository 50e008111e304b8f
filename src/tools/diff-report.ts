// The JSON shape of `anecc diff --format json`, as a zod schema; the TypeScript type comes from it.
// N files, one value per file in each row; each row says how its values read best (`format`).

import * as z from 'zod';
import { warningSchema } from './inspect-report.js';
import { DIFF_SCHEMA_VERSION } from './schema-versions.js';


/** A compared value: JSON integers for numbers, text for names, lists for shapes, null for "absent". */
const diffValueSchema = z.union([z.int(), z.string(), z.array(z.int().nullable()), z.null()]);

/**
 * How a value reads best, decided where the field is known: hex (addresses, sizes, register
 * words), decimal (counts, slots, bit fields), text, list (shapes, strides), digest (a region's
 * bytes, compared whole).
 */
const valueFormatSchema = z.enum(['hex', 'decimal', 'text', 'list', 'digest']);

const diffRowSchema = z.object({
  /** Stable path: `header.td_size`, `task[0].header.W4`, `task[0].reg.0xc800`, `stab[1].name`, `bytes.tasks`. */
  where: z.string(),
  /** What the row belongs to: `Mach-O header`, `stabs`, `task 0`, `task 0 NE`, `bytes`. */
  group: z.string(),
  /** Task index for task rows, else null. */
  task: z.int().nullable(),
  /** Register address for register rows (used to fold runs), else null. */
  address: z.int().nullable(),
  /** What a person calls it: `W8 wbase`, `KernelCfg`, `0x13840`, `image2 shape`. */
  field: z.string(),
  format: valueFormatSchema,
  /** One value per file, in the order the files were given. */
  values: z.array(diffValueSchema),
  /** Whether the values are not all equal. */
  differs: z.boolean(),
  /** Per file, whether its value differs from the first file's (the first is the base). */
  changed: z.array(z.boolean()),
});

const diffFileSchema = z.object({
  file: z.string(),
  kind: z.enum(['hwx', 'anec']),
  byteLength: z.int(),
  /** `zin_ane_compiler v5.4.1`, null when the file does not say (.anec files). */
  compiler: z.string().nullable(),
  /** H13 ...; null for .anec files, which do not record it. */
  generation: z.string().nullable(),
  warnings: z.array(warningSchema),
});

export const diffReportSchema = z.object({
  schemaVersion: z.literal(DIFF_SCHEMA_VERSION),
  files: z.array(diffFileSchema),
  /** True when no compared field and no compared byte differs. */
  same: z.boolean(),
  /** Number of rows whose values differ. */
  differenceCount: z.int(),
  /** Rows shown: the differing ones, or every compared field with `--all`. */
  rows: z.array(diffRowSchema),
  /** What was not compared, and why (files of different generations or kinds). */
  notCompared: z.array(z.string()),
});

export type DiffValue = z.infer<typeof diffValueSchema>;
export type ValueFormat = z.infer<typeof valueFormatSchema>;
export type DiffRow = z.infer<typeof diffRowSchema>;
export type DiffFile = z.infer<typeof diffFileSchema>;
/** What `diffFiles` found (the `anecc diff --json` shape, checked by `diffReportSchema`). */
export type DiffReport = z.infer<typeof diffReportSchema>;
