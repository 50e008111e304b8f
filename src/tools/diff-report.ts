// The JSON shape of `anecc diff --json`, as a zod schema; the TypeScript type comes from it.

import { z } from 'zod';

/** A compared value: JSON integers for numbers, text for names, lists for shapes, null for "absent". */
const diffValueSchema = z.union([z.int(), z.string(), z.array(z.int().nullable()), z.null()]);

const differenceSchema = z.object({
  /** Stable path: `header.td_size`, `task[0].header.W4`, `task[0].reg.0xc800`, `tensor.probs/src`, `segment.__DEBUG`. */
  where: z.string(),
  /** What a person calls it: `W4 (debug log events)`, `NE KernelCfg`. */
  field: z.string(),
  a: diffValueSchema,
  b: diffValueSchema,
  /** Decoded meaning where the number alone says little (W8 slot bindings). */
  detail: z.string().optional(),
});

/** Consecutive differences of one kind with the same change, shown as one line. */
const diffGroupSchema = z.object({
  where: z.string(),
  field: z.string(),
  a: diffValueSchema,
  b: diffValueSchema,
  detail: z.string().optional(),
  /** Number of differences in the group (1 for a lone one). */
  count: z.int(),
});

export const diffReportSchema = z.object({
  a: z.object({ file: z.string(), kind: z.enum(['hwx', 'anec']) }),
  b: z.object({ file: z.string(), kind: z.enum(['hwx', 'anec']) }),
  same: z.boolean(),
  differences: z.array(differenceSchema),
  groups: z.array(diffGroupSchema),
});

export type DiffValue = z.infer<typeof diffValueSchema>;
export type Difference = z.infer<typeof differenceSchema>;
export type DiffGroup = z.infer<typeof diffGroupSchema>;
export type DiffReport = z.infer<typeof diffReportSchema>;
