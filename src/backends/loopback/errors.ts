import { TrtcErrorCode } from '../error-codes.js';
import type { TrtcError } from '../types.js';

const codeNames = new Map<number, string>(Object.entries(TrtcErrorCode).map(([name, code]) => [code, name]));

/**
 * The loopback's counterpart of the SDK's `RtcError`: an `Error` with `getCode()`, named `RtcError`
 * unless it wraps a browser error (the SDK keeps a failed getUserMedia's `NotAllowedError` /
 * `NotFoundError` name, which is how callers tell a denied camera from a missing one), and with
 * the code's name appended to the message the way TRTC prints it.
 */
export class LoopbackError extends Error implements TrtcError {
  readonly #code: number;

  constructor(code: number, message: string, name = 'RtcError') {
    super(`${message} <${codeNames.get(code) ?? 'UNKNOWN'} 0x${code.toString(16)}>`);
    this.name = name;
    this.#code = code;
  }

  getCode(): number {
    return this.#code;
  }
}

export const invalidParameter = (message: string) => new LoopbackError(TrtcErrorCode.INVALID_PARAMETER, message);
export const invalidOperation = (message: string) => new LoopbackError(TrtcErrorCode.INVALID_OPERATION, message);
export const notSupported = (message: string) => new LoopbackError(TrtcErrorCode.NOT_SUPPORTED, message);
export const callAborted = (message: string) => new LoopbackError(TrtcErrorCode.API_CALL_ABORTED, message);
