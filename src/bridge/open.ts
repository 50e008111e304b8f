// The part of the bridge a conversion loads before its Python child starts, and the library's
// entry loads: opening the engine, asking whether it can run, and the error types. zod, execa and
// the patch library stay out of it (loaded when first needed); the folder's whole API is index.ts.
export { openPythonEngine } from './engine.js';
export { pythonEngineAvailability } from './availability.js';
export { PatchError, PythonEngineError } from './errors.js';
