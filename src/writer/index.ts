// Public API of the HWX writer: descriptions in, HWX bytes out. Used by tests, fixtures and benchmarks.

export { writeHwx } from './write-hwx.js';
export { describeHwxFile } from './describe-file.js';
export { fixtures } from './fixtures.js';
export { planHwx } from './plan.js';
export { linkTasks } from './tasks.js';
export { HwxWriteError, hwxLayouts, writerGenerations } from './types.js';
export { describeMatmul } from './generation-presets.js';
export type { AliasStabDescription, HwxDescription, HwxLayout, TaskDescription, TensorDescription, TensorShape, WriterGeneration } from './types.js';
export {
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
