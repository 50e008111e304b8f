// Whatever changes a conversion shows in `diff`: a pair of files whose native conversions differ
// (the native engine is byte-identical to upstream) is never reported as "the same".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runNativeEngine } from '../../src/anec/index.js';
import { diffLoaded, loadBytes, ToolError } from '../../src/tools/index.js';
import { applyDeepMutations, deepMutationArb, mutate, mutationArb } from '../../support/arbitraries/mutations.js';
import { corpusSkipReason, readCorpusFile } from '../../support/corpus.js';

const skip = corpusSkipReason();
if (skip) console.log(skip);

/** The bytes upstream would write (header and payload), or its failure kind. */
function converted(bytes: Uint8Array): string {
  const outcome = runNativeEngine(bytes, { path: 'model.hwx', name: 'model', force: false, print: true, compile: true }, 'upstream');
  if (!outcome.ok || outcome.anec === undefined) return `failed ${outcome.error?.type ?? ''}`;
  return `${Buffer.from(outcome.anec.header).toString('hex')}|${Buffer.from(outcome.anec.payload).toString('hex')}|${outcome.printed}`;
}

function same(a: Uint8Array, b: Uint8Array): boolean | undefined {
  try {
    return diffLoaded([loadBytes('a', a), loadBytes('b', b)]).same;
  } catch (error) {
    if (error instanceof ToolError) return undefined;
    throw error;
  }
}

describe.skipIf(skip !== undefined)('diff shows every change that changes a conversion', () => {
  it('should report a stab whose C field changed from 64 to 6 (a different conversion)', () => {
    const original = readCorpusFile('mul.hwx');
    // The C size of the first stab with 64 channels: `ar1;0;64;` -> `ar1;0;65;` (same length).
    const c = Buffer.from(original).toString('latin1').indexOf('ar1;0;64;');
    expect(c).toBeGreaterThan(0);
    const copy = new Uint8Array(original);
    copy[c + 'ar1;0;6'.length] = '5'.charCodeAt(0);
    expect(converted(copy)).not.toBe(converted(original));
    expect(same(original, copy)).toBe(false);
  });

  for (const name of ['mul.hwx', 'mul_macos26_m1.hwx']) {
    it(`should never call ${name} and a mutant the same when their conversions differ`, () => {
      const original = readCorpusFile(name);
      const before = converted(original);
      const edits = fc.oneof(
        fc.array(mutationArb, { minLength: 1, maxLength: 3 }).map((m) => ({ plain: m })),
        fc.array(deepMutationArb, { minLength: 1, maxLength: 2 }).map((m) => ({ deep: m })),
      );
      fc.assert(
        fc.property(edits, (edit) => {
          const copy = 'plain' in edit ? mutate(original, edit.plain) : applyDeepMutations(original, edit.deep);
          if (converted(copy) === before) return;
          expect(same(original, copy)).not.toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe.skipIf(skip !== undefined)('diff compares every byte of an .anec file', () => {
  const original = (): Uint8Array => readCorpusFile('mul.ane');

  it('should report a byte changed anywhere in the payload, named by its region', () => {
    const bytes = original();
    // The header, the task stream (decoded or not), the padding before the kernel, the kernel.
    for (const at of [0x40, 0x1000 + 0x10, 0x1000 + 0x270, bytes.length - 1]) {
      const copy = new Uint8Array(bytes);
      copy[at] = (copy[at]! + 1) & 0xff;
      const report = diffLoaded([loadBytes('a', bytes), loadBytes('b', copy)]);
      expect(report.same, `byte ${at}`).toBe(false);
      expect(report.rows.some((r) => r.where.startsWith('bytes.') && r.format === 'digest'), `byte ${at}`).toBe(true);
    }
  });

  it('should report bytes appended after the kernel', () => {
    const bytes = original();
    const longer = new Uint8Array([...bytes, 1, 2, 3, 4]);
    const report = diffLoaded([loadBytes('a', bytes), loadBytes('b', longer)]);
    expect(report.same).toBe(false);
    expect(report.rows.find((r) => r.where === 'bytes.other bytes.size')?.values).toEqual([0, 4]);
  });
});
