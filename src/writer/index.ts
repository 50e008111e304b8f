// Public API of the HWX writer: descriptions in, HWX bytes out. Used by tests, fixtures and benchmarks.

export { writeHwx } from './write-hwx.js';
export { describeHwxFile } from './describe-file.js';
export { fixtures } from './fixtures.js';
export type { Fixture } from './fixtures.js';
export { validateDescription } from './validate.js';
export { planHwx } from './plan.js';
export type { HwxPlan } from './plan.js';
export { tensorGeometry } from './geometry.js';
export type { TensorGeometry } from './geometry.js';
export { linkTasks, layoutTaskSize, placeTasks, taskSize } from './tasks.js';
export { tensorStab } from './stabs.js';
export { HwxWriteError, hwxLayouts, writerGenerations } from './types.js';
export { describeMatmul, matmulShapes } from './generation-presets.js';
export type { MatmulShapes } from './generation-presets.js';
export type {
  AliasStabDescription,
  DebugInfoDescription,
  FillKind,
  HwxDescription,
  HwxLayout,
  IntermediateDescription,
  KernelDescription,
  PacketDescription,
  TaskDescription,
  TensorDescription,
  TensorShape,
  WriterGeneration,
  WriterIssue,
} from './types.js';
export {
  bindingWord,
  defaultCompilerFlags,
  describeIntermediate,
  describeTwoIntermediates,
  describeLarge,
  describeMul,
  describeMulDebugProbs,
  describeTwoTask,
  minLargeFileSizeInBytes,
  mulShape,
  mulTask,
} from './presets.js';
export type { MulTaskOptions, SlotBindingRequest } from './presets.js';
