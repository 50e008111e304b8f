// Schemas of what py/anecc_bridge.py answers. Every reply is JSON text; nothing from Python is
// trusted before it passes these.

import * as z from 'zod';
import { ANEC_FIELDS, isU64Field, type AnecField, type AnecFieldEntry } from '../anec/index.js';
import { PythonEngineError } from './errors.js';
import * as messages from './messages.js';

/** Bounds on what a reply may carry, so a confused child cannot make us allocate without limit. */
const maxTextInChars = 1 << 20;
const maxLogRecords = 10_000;
const maxHeaderValues = 1024;
// Python ints are unbounded; a decimal string longer than this is not a value anecc can build.
const maxDecimalDigits = 4096;

const text = z.string().max(maxTextInChars);
const decimal = z.string().max(maxDecimalDigits).regex(/^-?\d+$/);
const u32Decimal = decimal.transform((value, ctx) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0 || n > 0xffff_ffff) {
    ctx.addIssue({ code: 'custom', message: `expected a u32, got ${value}` });
    return z.NEVER;
  }
  return n;
});
const bigDecimal = decimal.transform((value) => BigInt(value));

const pythonErrorSchema = z.object({
  type: z.string().max(200),
  message: text,
  line: z.number().int().nonnegative().nullable(),
  /** Set when Python ran out of something (space, memory, descriptors): not a verdict on the input. */
  environment: z.boolean().optional(),
});

type HeaderShape = {
  readonly [F in AnecFieldEntry as F['key']]: F extends AnecField<string, infer T>
    ? T extends bigint
      ? typeof bigDecimal
      : T extends number
        ? typeof u32Decimal
        : T extends readonly bigint[]
          ? z.ZodArray<typeof bigDecimal>
          : z.ZodArray<typeof u32Decimal>
    : never;
};

/** The header as Python reports it (decimal text, since Python ints are unbounded), from the .anec field table. */
const headerSchema = z.object(
  Object.fromEntries(
    ANEC_FIELDS.map((f) => {
      const value = isU64Field(f) ? bigDecimal : u32Decimal;
      return [f.key, f.count === 1 ? value : z.array(value).max(maxHeaderValues)];
    }),
  ) as HeaderShape,
);

const logSchema = z.object({
  level: z.enum(['debug', 'info', 'warn']),
  message: text,
});

const outcomeReplySchema = z.object({
  ok: z.boolean(),
  error: pythonErrorSchema.nullable(),
  name: text.nullable(),
  header: headerSchema.nullable(),
  printed: text,
  anecPath: text.nullable(),
  logs: z.array(logSchema).max(maxLogRecords),
});

const failedReplySchema = z.object({
  ok: z.literal(false),
  error: pythonErrorSchema,
  /** True when the anecc package itself was not found (as opposed to failing to import). */
  missing: z.boolean().optional(),
});

export const convertReplySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), origin: z.string().nullable(), outcomes: z.array(outcomeReplySchema) }),
  failedReplySchema,
]);

export const configureReplySchema = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true) }), failedReplySchema]);

const versionSchema = z.object({ version: z.string().nullable(), error: pythonErrorSchema.nullable() });

export const probeReplySchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    python: z.object({ version: z.string(), executable: z.string() }),
    upstream: z.object({
      found: z.string(),
      origin: z.string().nullable(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/).nullable(),
      importError: pythonErrorSchema.nullable(),
    }),
    construct: versionSchema,
    click: versionSchema,
  }),
  failedReplySchema,
]);

export type OutcomeReply = z.infer<typeof outcomeReplySchema>;
type PythonErrorReply = z.infer<typeof pythonErrorSchema>;

/** Parses a reply, turning malformed JSON or a schema mismatch into a typed `bad_reply`. */
export function parseReply<T extends z.ZodType>(schema: T, reply: unknown, call: string): z.infer<T> {
  if (typeof reply !== 'string') {
    throw new PythonEngineError('bad_reply', messages.replyNotText(call, typeof reply));
  }
  let json: unknown;
  try {
    json = JSON.parse(reply);
  } catch (cause) {
    throw new PythonEngineError('bad_reply', messages.replyNotJson(call), { cause });
  }
  // Without zod's compiled fast path: building it costs more than it saves on the one or two
  // replies of each schema a command parses (about 1.5 ms of every conversion).
  const parsed = schema.safeParse(json, { jitless: true });
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown issue';
    throw new PythonEngineError('bad_reply', messages.unexpectedReply(call, where), {
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/** `null` from JSON becomes `undefined` in our model. */
export function errorInfo(error: PythonErrorReply | null): { type: string; message: string; line: number | undefined } | undefined {
  return error === null ? undefined : { type: error.type, message: error.message, line: error.line ?? undefined };
}
