// `anecc/testing`: the HWX writer, for tests that need valid (or deliberately odd) HWX files.
// Kept off the main entry so that the library's public API is the converter and its tools.
export { describeHwxFile, fixtures, HwxWriteError, hwxLayouts, writeHwx, type HwxDescription, type HwxLayout } from './writer/index.js';
export type { Fixture } from './writer/fixtures.js';
