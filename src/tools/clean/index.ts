// Cleaning and slot remapping of task streams: the fixes `anecc clean` and `--clean` apply.
export { cleanPayload, type CleanOptions, type CleanResult } from './clean-payload.js';
export { cleanableWrites, usesKernel } from './rules.js';
export type { BindingChange, PayloadChange, PayloadEdit, RegisterChange, SlotMove } from './types.js';
export { fixAnec, type AnecFixOptions, type AnecFixResult } from './clean-anec.js';
export { maxBindableSlot, rebindWord } from './remap-bindings.js';
export { remapSlots, slotMappingFromHwx, taskSlots, slotMappingFromTasks, SlotRemapError, type RemapInfo, type RemapResult, type SlotMapping } from './remap-slots.js';
