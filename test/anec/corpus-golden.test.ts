import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeAnecHeader, renderAnecStruct, runNativeEngine, type EngineOutcome } from '../../src/anec/index.js';
import { corpusFiles, corpusSkipReason } from '../../support/corpus.js';
import { convertRequest } from '../../support/requests.js';

const skip = corpusSkipReason();
if (skip) console.warn(`skipped: ${skip}`);

const fileBytes = (outcome: EngineOutcome): Buffer => Buffer.concat([outcome.anec!.header, outcome.anec!.payload]);

describe.skipIf(skip !== undefined)('native upstream profile on the real corpus', () => {
  // Every golden .ane beside its .hwx is upstream 1.0.9's output for that file (MANIFEST.md).
  const withGolden = corpusFiles().filter((f) => f.golden !== undefined);

  it('should find the corpus files that have goldens', () => {
    expect(withGolden.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of withGolden) {
    it(`should write upstream's exact bytes for ${file.name}`, () => {
      const outcome = runNativeEngine(readFileSync(file.path), convertRequest(file.path), 'upstream');
      expect(outcome.error).toBeUndefined();
      const golden = readFileSync(file.golden!);
      expect(fileBytes(outcome).equals(golden)).toBe(true);
      // The -p text is a rendering of exactly the header that was written.
      expect(outcome.printed).toBe(renderAnecStruct(outcome.name!, decodeAnecHeader(golden)));
      expect(outcome.logs.map((r) => r.level)).toEqual(outcome.logs.map(() => 'info'));
    });
  }

  it('should fail on mul_macos26_m1.hwx where upstream does, with StopIteration', () => {
    const file = corpusFiles().find((f) => f.name === 'mul_macos26_m1.hwx');
    expect(file).toBeDefined();
    const outcome = runNativeEngine(readFileSync(file!.path), convertRequest(file!.path), 'upstream');
    expect(outcome.ok).toBe(false);
    expect(outcome.error?.type).toBe('StopIteration');
    expect(outcome.anec).toBeUndefined();
    expect(outcome.printed).toBe('');
  });
});
