export { loadBackend } from './backends/loader.js';
export type { BackendName } from './backends/loader.js';
export { TrtcErrorCode, trtcCodeOf } from './backends/error-codes.js';
export type * from './backends/types.js';
