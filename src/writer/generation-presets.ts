// Matmul descriptions in the task layouts of other generations than H13, so that property tests
// cover more than one generation. The file around the tasks is the v7 layout (the corpus's
// generations/ files are compiler 7.5.8). Register values: the geometry a matmul A [1,1,2,3] x
// B [1,1,3,2] programs (InDim W 2 H 1, Cin 3, Cout 2, OutDim W 2 H 1); the rest stays zero.

import { H14_HEADER_WORD_COUNT, H14_TASK_SIZE_IN_BYTES } from './tasks.js';
import { describeMul } from './presets.js';
import type { HwxDescription, TaskDescription, TensorShape, WriterGeneration } from './types.js';

const WORD = 4;
const dims = (w: number, h: number): number => ((h << 16) | w) >>> 0;

export interface MatmulShapes {
  readonly a: TensorShape;
  readonly b: TensorShape;
}

const matmulShapes: MatmulShapes = { a: { n: 1, c: 1, h: 2, w: 3 }, b: { n: 1, c: 1, h: 3, w: 2 } };

/** Cin, Cout, InDim and OutDim of A x B: the width of A in, the width of B out, A's rows as W. */
function geometry({ a, b }: MatmulShapes): { inDim: number; cin: number; cout: number; outDim: number } {
  return { inDim: dims(a.h, 1), cin: a.w, cout: b.w, outDim: dims(a.h, 1) };
}

/** H11: 7 header words, then a Common packet at register 0 (InDim, ChCfg, Cin, Cout, OutDim). */
function h11Task(shapes: MatmulShapes): TaskDescription {
  const g = geometry(shapes);
  // Header words as generations/matmul_h11.hwx has them (their meaning is not public).
  const header = [0x02000000, 0, 0x202a, 0x1c6a, 0x30009800, 0, 0];
  return { header, packets: [{ address: 0, values: [g.inDim, 0x22, g.cin, g.cout, g.outDim] }] };
}

/** H14: the 0x100-byte task of td_v11.h, Common at task offset 0x4c. */
function h14Task(shapes: MatmulShapes): TaskDescription {
  const g = geometry(shapes);
  const header = [1, 0, 0, 0, 0x3c0000, 0, 0x2a, 0, 0xfff868, 0];
  const body = new Array<number>(H14_TASK_SIZE_IN_BYTES / WORD - H14_HEADER_WORD_COUNT).fill(0);
  const at = (offset: number): number => offset / WORD - H14_HEADER_WORD_COUNT;
  body[at(0x4c)] = g.inDim;
  body[at(0x50)] = g.cin;
  body[at(0x54)] = g.cout;
  body[at(0x58)] = g.outDim;
  return { header, packets: [], body };
}

const CPU_SUBTYPE: Readonly<Record<WriterGeneration, number>> = { H11: 1, H14: 5 };
/** Tensor slots as the corpus files bind them: 4, 5, 6 (program descriptor) and 8, 10, 12 (segment state). */
const SLOTS: Readonly<Record<WriterGeneration, readonly [number, number, number]>> = { H11: [4, 5, 6], H14: [8, 10, 12] };

/** A one-task matmul in the task layout of `generation`. */
export function describeMatmul(generation: WriterGeneration, shapes: MatmulShapes = matmulShapes): HwxDescription {
  const base = describeMul('v7');
  const [sa, sb, so] = SLOTS[generation];
  const out: TensorShape = { n: 1, c: 1, h: shapes.a.h, w: shapes.b.w };
  return {
    ...base,
    generation,
    cpuSubtype: CPU_SUBTYPE[generation],
    compilerFlags: [`-t ${generation.toLowerCase()}`],
    tensors: [
      { kind: 'input', name: 'A', shape: shapes.a, slot: sa },
      { kind: 'input', name: 'B', shape: shapes.b, slot: sb },
      { kind: 'output', name: 'matmul_0', shape: out, slot: so },
    ],
    tasks: [generation === 'H11' ? h11Task(shapes) : h14Task(shapes)],
    sourceModelNote: false,
  };
}
