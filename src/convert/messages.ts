// The one place that words the conversion's own failures (its options), as src/anec/messages.ts
// words the converter's.

/** A choice that is not one of the option's (`--profile`, `--engine`, `ANECC_ENGINE`). */
export function expectedChoice(option: string, choices: readonly string[], got: unknown): string {
  const expected = choices.map((c) => `"${c}"`).join(', ').replace(/, ([^,]*)$/, ' or $1');
  return `${option}: expected ${expected}, got "${String(got)}"`;
}

/** A library caller's option of the wrong type. */
export function expectedType(option: string, type: 'a string' | 'a boolean', got: unknown): string {
  return `${option}: expected ${type}, got ${got === null ? 'null' : typeof got}`;
}
