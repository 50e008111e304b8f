// Process lifecycle: what must be removed when the command ends, what dead processes left, and
// output files that appear whole or not at all.
export { installExitCleanup, removeOnExit } from './remove-on-exit.js';
export { removeStale, workFolderOwner, workFolderPrefix } from './stale.js';
export { removeStaleTemporaries, temporaryNameFor, temporaryOwner } from './temporary-names.js';
export { writeFileAtomic } from './write-file.js';
