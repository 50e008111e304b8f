// Inputs for the differential job: a plan (pure data, so fast-check can shrink it and a seed can
// replay it) that becomes HWX bytes plus the request both engines are given. Bases are files the
// project's writer builds (every layout, shape, tensor count, task count and kernel size) or real
// corpus files; deep mutations then push them towards upstream's decision points.

import fc from 'fast-check';
import type { ConvertRequest } from '../../src/anec/index.js';
import { KERNEL_ALIGNMENT_IN_BYTES } from '../../src/hwx/index.js';
import {
  describeIntermediate,
  describeMul,
  describeMulDebugProbs,
  describeTwoTask,
  planHwx,
  writeHwx,
  type HwxDescription,
  type HwxLayout,
  type TensorShape,
} from '../../src/writer/index.js';
import { corpusDir, readCorpusFile } from '../corpus.js';
import { hwxDescriptionArb, layoutArb } from './hwx-description.js';
import { applyDeepMutations, deepMutationArb, type DeepMutation } from './mutations.js';

/** Ready-made writer descriptions: the shapes real compilers emit, so many cases convert. */
export type PresetName = 'mul' | 'two-task' | 'intermediate' | 'debug-probs';

export type InputBase =
  /** Any valid description (hwx-description.ts). */
  | { readonly kind: 'generated'; readonly description: HwxDescription; readonly trimPadding: boolean }
  /** A preset in a layout, with its three tensors reshaped. */
  | {
      readonly kind: 'preset';
      readonly preset: PresetName;
      readonly layout: HwxLayout;
      readonly shape: TensorShape;
      /** Kernel bytes / 16: small kernels keep files small, so upstream's pure-Python scans stay fast. */
      readonly kernelBlocks: number;
      readonly trimPadding: boolean;
    }
  /** A real file, by its name relative to the corpus folder. */
  | { readonly kind: 'corpus'; readonly file: string };

/** How the command line names the file and what it asks for (upstream derives the model name from the path). */
export interface InputRequest {
  /** File name without extension. */
  readonly stem: string;
  /** Extension with its dot, or ''. `.mlmodel` makes upstream log a warning first. */
  readonly extension: string;
  /** `-n`; undefined when not given. */
  readonly name: string | undefined;
  readonly force: boolean;
  readonly print: boolean;
  readonly compile: boolean;
}

export interface InputPlan {
  readonly base: InputBase;
  readonly mutations: readonly DeepMutation[];
  readonly request: InputRequest;
}

/**
 * Corpus files the differential job mutates. gemm and gemm_nz (544 KiB each) are left out: they
 * add nothing the others lack and would cut throughput tenfold.
 */
export const differentialCorpusFiles: readonly string[] = [
  'mul.hwx',
  'mul_macos14.hwx',
  'mul_macos26_m1.hwx',
  'tinygrad/concat.hwx',
  'tinygrad/concat_nz.hwx',
  'tinygrad/conv.hwx',
  'tinygrad/relu.hwx',
  'tinygrad/sigmoid.hwx',
  'tinygrad/sum.hwx',
];

const weighted = <T>(value: T, weight: number): fc.WeightedArbitrary<T> => ({ arbitrary: fc.constant(value), weight });

/** Shapes whose buffers stay within a few tiles; W odd and H > 1 cover the stride rounding. */
const presetShapeArb: fc.Arbitrary<TensorShape> = fc.record({
  n: fc.oneof(weighted(1, 6), fc.integer({ min: 2, max: 3 })),
  c: fc.oneof(weighted(64, 3), fc.integer({ min: 1, max: 256 })),
  h: fc.oneof(weighted(1, 3), fc.integer({ min: 2, max: 16 })),
  w: fc.oneof(weighted(1, 3), fc.integer({ min: 2, max: 96 })),
});

/**
 * Kernel size in 16-byte blocks, mostly small: upstream scans the whole file in pure Python, so
 * file size sets the live throughput; some full 16 KiB kernels (the presets' own size) remain.
 */
const kernelBlocksArb: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.integer({ min: 1, max: 0x40 }), weight: 4 },
  { arbitrary: fc.integer({ min: 1, max: 0x400 }), weight: 1 },
  weighted(0x400, 1),
);

/**
 * Whether the zero padding after the kernel (to the next 16 KiB) is cut off. Files end there when
 * a tool does not pad them; for the job it mostly halves the bytes upstream has to scan.
 */
const trimPaddingArb: fc.Arbitrary<boolean> = fc.oneof(weighted(true, 3), weighted(false, 1));

export const presetBaseArb: fc.Arbitrary<InputBase> = fc.record({
  kind: fc.constant('preset' as const),
  preset: fc.constantFrom<PresetName>('mul', 'two-task', 'intermediate', 'debug-probs'),
  layout: layoutArb,
  shape: presetShapeArb,
  kernelBlocks: kernelBlocksArb,
  trimPadding: trimPaddingArb,
});

/** Debug info of v9 builds, kept small for the same reason as the kernel. */
const debugInfoSizeArb: fc.Arbitrary<number> = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 0x400 }), weight: 4 }, fc.integer({ min: 1, max: 0x9000 }));

export const generatedBaseArb: fc.Arbitrary<InputBase> = fc
  .record({
    description: hwxDescriptionArb,
    kernelBlocks: fc.option(kernelBlocksArb, { freq: 4 }),
    debugInfoSize: debugInfoSizeArb,
    trimPadding: trimPaddingArb,
  })
  .map(({ description, kernelBlocks, debugInfoSize, trimPadding }) => ({
    kind: 'generated' as const,
    trimPadding,
    description: {
      ...description,
      // An empty kernel (null) keeps the description's zeros; hwx-description.ts sizes it otherwise.
      kernel: kernelBlocks === null ? { size: 0, fill: 'zeros' as const } : { ...description.kernel, size: kernelBlocks * KERNEL_ALIGNMENT_IN_BYTES },
      debugInfo: description.debugInfo === undefined ? undefined : { ...description.debugInfo, size: debugInfoSize },
    },
  }));

export const corpusBaseArb: fc.Arbitrary<InputBase> = fc.record({
  kind: fc.constant('corpus' as const),
  file: fc.constantFrom(...differentialCorpusFiles),
});

export const inputRequestArb: fc.Arbitrary<InputRequest> = fc.record({
  stem: fc.oneof(weighted('model', 8), fc.constantFrom('mul', 'net.v2', '.hidden', 'a b', 'ctx_x')),
  extension: fc.oneof(weighted('.hwx', 10), fc.constantFrom('', '.mlmodel', '.HWX')),
  name: fc.oneof(weighted(undefined, 8), fc.constantFrom('', 'net', 'x y', 'probs/src')),
  force: fc.oneof(weighted(false, 3), weighted(true, 1)),
  print: fc.oneof(weighted(true, 6), weighted(false, 1)),
  compile: fc.oneof(weighted(true, 6), weighted(false, 1)),
});

const mutationsArb = (maxLength: number): fc.Arbitrary<readonly DeepMutation[]> =>
  fc.oneof(
    { arbitrary: fc.constant([]), weight: 1 },
    { arbitrary: fc.array(deepMutationArb, { minLength: 1, maxLength }), weight: 4 },
  );

/** Plans built from the writer only: they never need the corpus. */
export const generatedPlanArb: fc.Arbitrary<InputPlan> = fc.record({
  base: fc.oneof({ arbitrary: presetBaseArb, weight: 3 }, { arbitrary: generatedBaseArb, weight: 2 }),
  mutations: mutationsArb(3),
  request: inputRequestArb,
});

/** Plans that mutate a real corpus file (materializeInput returns undefined without the corpus). */
export const corpusPlanArb: fc.Arbitrary<InputPlan> = fc.record({
  base: corpusBaseArb,
  mutations: mutationsArb(3),
  request: inputRequestArb,
});

/** Both kinds: a quarter of the plans start from the corpus. */
export const inputPlanArb: fc.Arbitrary<InputPlan> = fc.oneof(
  { arbitrary: generatedPlanArb, weight: 3 },
  { arbitrary: corpusPlanArb, weight: 1 },
);

export function usesCorpus(plan: InputPlan): boolean {
  return plan.base.kind === 'corpus';
}

function describePreset(preset: PresetName, layout: HwxLayout, shape: TensorShape): HwxDescription {
  switch (preset) {
    case 'mul':
      return describeMul(layout, shape);
    // two-task, intermediate and debug-probs keep the mul shape their tasks were built for.
    case 'two-task':
      return describeTwoTask(layout);
    case 'intermediate':
      return describeIntermediate(layout);
    case 'debug-probs':
      return describeMulDebugProbs();
  }
}

const corpusCache = new Map<string, Uint8Array>();

function corpusBytes(file: string): Uint8Array | undefined {
  if (corpusDir() === undefined) return undefined;
  let bytes = corpusCache.get(file);
  if (bytes === undefined) {
    try {
      bytes = readCorpusFile(file);
    } catch {
      return undefined;
    }
    corpusCache.set(file, bytes);
  }
  return bytes;
}

const WORD_SIZE_IN_BYTES = 4;

function allZero(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return false;
  return true;
}

/** The writer's file, cut after the kernel (when only zeros follow it) if asked. */
function written(description: HwxDescription, trimPadding: boolean): Uint8Array {
  const bytes = writeHwx(description);
  if (!trimPadding) return bytes;
  const contentEnd = planHwx(description).text.constOffset + description.kernel.size;
  const end = Math.min(bytes.length, Math.ceil(contentEnd / WORD_SIZE_IN_BYTES) * WORD_SIZE_IN_BYTES);
  return allZero(bytes.subarray(end)) ? bytes.subarray(0, end) : bytes;
}

/** Presets repeat (their shapes are weighted towards the real one): keep the last files written. */
const presetCache = new Map<string, Uint8Array>();
const PRESET_CACHE_ENTRIES = 256;

function presetBytes(base: Extract<InputBase, { kind: 'preset' }>): Uint8Array {
  const key = JSON.stringify(base);
  let bytes = presetCache.get(key);
  if (bytes === undefined) {
    const description = describePreset(base.preset, base.layout, base.shape);
    bytes = written({ ...description, kernel: { size: base.kernelBlocks * KERNEL_ALIGNMENT_IN_BYTES, fill: description.kernel.fill } }, base.trimPadding);
    if (presetCache.size >= PRESET_CACHE_ENTRIES) presetCache.delete(presetCache.keys().next().value!);
    presetCache.set(key, bytes);
  }
  return bytes;
}

/** The unmutated bytes of a base (shared: never change them), or undefined when it needs the absent corpus. */
export function baseBytes(base: InputBase): Uint8Array | undefined {
  switch (base.kind) {
    case 'generated':
      return written(base.description, base.trimPadding);
    case 'preset':
      return presetBytes(base);
    case 'corpus':
      return corpusBytes(base.file);
  }
}

/** The input file a plan stands for (a fresh array), or undefined when it needs the absent corpus. */
export function materializeInput(plan: InputPlan): Uint8Array | undefined {
  const base = baseBytes(plan.base);
  return base === undefined ? undefined : applyDeepMutations(base, plan.mutations);
}

/** The file name the plan's input is written under (a single path component). */
export function inputFileName(plan: InputPlan): string {
  return `${plan.request.stem}${plan.request.extension}`;
}

/** The request both engines get for the plan's input written at `filePath`. */
export function convertRequestOf(plan: InputPlan, filePath: string): ConvertRequest {
  const { name, force, print, compile } = plan.request;
  return { path: filePath, name, force, print, compile };
}

/** One line naming the plan, for reports: `preset mul v7 [1,64,1,1] + 2 mutations`. */
export function describePlan(plan: InputPlan): string {
  const base = plan.base;
  const what =
    base.kind === 'corpus'
      ? `corpus ${base.file}`
      : base.kind === 'preset'
        ? `preset ${base.preset} ${base.layout} [${base.shape.n},${base.shape.c},${base.shape.h},${base.shape.w}]`
        : `generated ${base.description.layout} (${base.description.tensors.length} tensors, ${base.description.tasks.length} tasks)`;
  const kinds = plan.mutations.map((m) => (m.kind === 'basic' ? m.mutation.kind : m.kind === 'stab' ? `stab-${m.edit.op}` : m.kind));
  return kinds.length === 0 ? what : `${what} + ${kinds.join(', ')}`;
}
