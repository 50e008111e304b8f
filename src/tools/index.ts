// Tools: each takes normalized options or files and returns data for the CLI to render.
export { ToolError } from './tool-errors.js';
export { formatRun, registerRuns, type RegisterEntry, type RegisterRun } from './register-runs.js';
export { anecParts, loadAnecFile, loadBytes, loadFile, maxInputSizeInBytes, readInputFile, type LoadedAnec, type LoadedFile, type LoadedHwx } from './loaded-file.js';
export { inspectBytes, inspectFile, inspectLoaded } from './inspect.js';
export { inspectReportSchema, type InspectReport, type InspectTask, type InspectTensor, type InspectWarning } from './inspect-report.js';
export { diffFiles, diffLoaded, groupDifferences } from './diff.js';
export { diffReportSchema, type DiffGroup, type DiffReport, type Difference } from './diff-report.js';
export * from './clean/index.js';
export { doctorReportSchema, runDoctor, type DoctorReport } from './doctor.js';
