// `anecc check`: the known causes of wrong output on Linux, verdict by verdict, and their fixes.
export { checkBytes, checkLoaded, fixCheck, type FixedCheck } from './check.js';
export { checkCauseCodes, checkReportSchema, type CheckCause, type CheckCauseCode, type CheckReport, type Verdict } from './check-report.js';
