// The one way tests and scripts spell a ConvertRequest: upstream's `anecc PATH -p -o OUT`.
import type { ConvertRequest } from '../src/anec/index.js';

/** `anecc PATH -p -o OUT` (print and compile, no -n, no -f), with any field overridden. */
export function convertRequest(path: string, overrides: Partial<Omit<ConvertRequest, 'path'>> = {}): ConvertRequest {
  return { path, name: undefined, force: false, print: true, compile: true, ...overrides };
}
