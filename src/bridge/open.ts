// The part of the bridge a conversion loads before its Python child starts: opening the engine and
// its error types. zod and the patch library stay out of it (the engine loads them while the child
// boots); everything else of the folder is in index.ts.
export { openPythonEngine } from './engine.js';
export { PatchError, PythonEngineError } from './errors.js';
