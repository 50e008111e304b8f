// Conversion options, normalized once at the edge: code after normalizeConvertOptions sees only
// the frozen ConvertOptions, with every default filled in.
import { z } from 'zod';
import { AneccError } from '../hwx/index.js';
import { expectedChoice } from './messages.js';
import { profiles, type Profile } from './types.js';

export type EngineChoice = 'both' | 'native' | 'python';
export const engineChoices: readonly EngineChoice[] = ['both', 'native', 'python'];

export interface ConvertOptions {
  readonly path: string;
  readonly name: string | undefined;
  /** `-o`; '' means none, as upstream's default. */
  readonly out: string;
  readonly write: boolean;
  readonly print: boolean;
  readonly force: boolean;
  readonly profile: Profile;
  /** undefined: both engines when upstream anecc can be imported, else native with a notice. */
  readonly engine: EngineChoice | undefined;
  readonly clean: boolean;
  readonly remapSlots: boolean;
  readonly debug: boolean;
}


const convertOptionsSchema = z.object({
  path: z.string(),
  name: z.string().optional(),
  out: z.string().default(''),
  write: z.boolean().default(false),
  print: z.boolean().default(false),
  force: z.boolean().default(false),
  profile: z
    .string()
    .default('patched')
    .refine((v): v is Profile => (profiles as readonly string[]).includes(v), {
      error: (issue) => expectedChoice('--profile', profiles, issue.input),
    }),
  engine: z
    .string()
    .optional()
    .refine((v) => v === undefined || (engineChoices as readonly string[]).includes(v), {
      error: (issue) => expectedChoice('--engine', engineChoices, issue.input),
    }),
  clean: z.boolean().default(false),
  remapSlots: z.boolean().default(false),
  debug: z.boolean().default(false),
});

export class OptionsError extends AneccError<'bad_option'> {
  override readonly name = 'OptionsError';
  constructor(message: string) {
    super('bad_option', message);
  }
}

/** Fills defaults and validates; throws OptionsError with a message naming the option. */
export function normalizeConvertOptions(raw: Record<string, unknown>): ConvertOptions {
  const parsed = convertOptionsSchema.safeParse(raw);
  if (!parsed.success) throw new OptionsError(parsed.error.issues.map((i) => i.message).join('; '));
  const o = parsed.data;
  return Object.freeze({
    path: o.path,
    name: o.name,
    out: o.out,
    write: o.write,
    print: o.print,
    force: o.force,
    profile: o.profile as Profile,
    engine: o.engine as EngineChoice | undefined,
    clean: o.clean,
    remapSlots: o.remapSlots,
    debug: o.debug,
  });
}
