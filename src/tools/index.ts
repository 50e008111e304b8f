// Tools: each takes normalized options or files and returns data for the CLI to render.
export { convert, ConvertSetupError, readInput, requestOf, type ConvertReport } from './convert.js';
export { compareOutcomes, type Disagreement } from './compare.js';
export { ToolError, type ToolErrorCode } from './tool-errors.js';
export { fileKind, type FileKind } from './file-kind.js';
export { hex } from '../anec/index.js';
export { formatRun, registerRuns, type RegisterEntry, type RegisterRun } from './register-runs.js';
export { loadBytes, loadFile, maxInputSizeInBytes, type LoadedAnec, type LoadedFile, type LoadedHwx } from './loaded-file.js';
export { inspectBytes, inspectFile, inspectLoaded } from './inspect.js';
export { inspectReportSchema, type InspectReport, type InspectTask, type InspectTensor, type InspectWarning } from './inspect-report.js';
export { diffFiles, diffLoaded, groupDifferences } from './diff.js';
export { diffReportSchema, type DiffGroup, type DiffReport, type Difference } from './diff-report.js';
export { cleanPayload, type CleanOptions, type CleanResult } from './clean.js';
export { cleanableAddresses, cleanableWrites, coefficientConfigAddresses, usesKernel } from './clean-rules.js';
export type { BindingChange, PayloadChange, PayloadEdit, RegisterChange, SlotMove } from './clean-types.js';
export { fixAnec, type AnecFixOptions, type AnecFixResult } from './clean-anec.js';
export { remapSlots, slotMappingFromHwx, slotMappingFromTasks, SlotRemapError, type RemapInfo, type RemapResult, type SlotMapping, type SlotRemapReason } from './remap-slots.js';
export { doctorReportSchema, runDoctor, type DoctorReport } from './doctor.js';
