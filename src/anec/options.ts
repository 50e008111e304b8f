// What upstream's `anecc` command is given, plus the profile: the options a conversion's result
// depends on. The command's own concerns (engines, fixes, the Python engine, the environment)
// live in src/convert/options.ts, which fills and checks all of them once.
import type { Profile } from './types.js';

export interface ConvertOptions {
  readonly path: string;
  readonly name: string | undefined;
  /** `-o`; '' means none, as upstream's default. */
  readonly out: string;
  readonly write: boolean;
  readonly print: boolean;
  readonly force: boolean;
  readonly profile: Profile;
}
