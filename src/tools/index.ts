// Tools: each takes normalized options or files and returns data for the CLI to render.
export { ToolError } from './tool-errors.js';
export { formatRun, registerRuns, type RegisterEntry, type RegisterRun } from './register-runs.js';
export { anecParts, loadAnecFile, loadBytes, loadFile, maxInputSizeInBytes, readInputFile, type LoadedAnec, type LoadedFile, type LoadedHwx } from './loaded-file.js';
export { inspectBytes, inspectFile, inspectLoaded } from './inspect.js';
export { INSPECT_SCHEMA_VERSION, DIFF_SCHEMA_VERSION } from './schema-versions.js';
export { inspectReportSchema, inspectSummarySchema, type InspectSummary, type InspectReport, type InspectTask, type InspectTensor, type InspectWarning } from './inspect-report.js';
export { diffFiles, diffLoaded, foldRows, type DiffOptions, type FoldedRow } from './diff.js';
export { diffReportSchema, type DiffFile, type DiffReport, type DiffRow, type DiffValue, type ValueFormat } from './diff-report.js';
export { foldWarnings, inspectSummary, taskSummaries, type TaskSummary } from './inspect-summary.js';
export * from './clean/index.js';
export { doctorReportSchema, runDoctor, type DoctorReport } from './doctor.js';
