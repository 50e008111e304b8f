// JSON output of a tool report: the report is parsed with its schema before it is written, so a
// drift between the tool and its documented shape fails a test rather than a user.
import type { z } from 'zod';

/** `indent` 2 for people, 0 for one compact line (pipes, files). */
export function renderJsonReport<S extends z.ZodType>(schema: S, report: z.input<S>, indent = 2): string {
  return `${JSON.stringify(schema.parse(report), null, indent)}\n`;
}
