// Process lifecycle: what must be removed when the command ends, and what dead processes left.
export { installExitCleanup, removeOnExit } from './remove-on-exit.js';
export { removeStale, workFolderOwner, workFolderPrefix } from './stale.js';
export { removeStaleTemporaries, temporaryNameFor, temporaryOwner } from './temporary-names.js';
