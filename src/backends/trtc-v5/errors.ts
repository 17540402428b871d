import { TrtcErrorCode } from '../error-codes.js';
import type { TrtcError } from '../types.js';

/** v5's `RtcError` as far as we read it (its codes: `TRTC.ERROR_CODE`, `extraCode` refines them). */
interface V5RtcError {
  code: number;
  extraCode?: number;
  functionName?: string;
  message: string;
  originError?: unknown;
}

/** v5's top-level codes, as `TRTC.ERROR_CODE` numbers them. */
export const V5ErrorCode = {
  INVALID_PARAMETER: 5000,
  INVALID_OPERATION: 5100,
  ENV_NOT_SUPPORTED: 5200,
  DEVICE_ERROR: 5300,
  SERVER_ERROR: 5400,
  OPERATION_FAILED: 5500,
  OPERATION_ABORT: 5998,
  UNKNOWN_ERROR: 5999,
} as const;

/** The v4 code of each v5 code: what the room and a page's v4 code already read. */
const V4_CODE: ReadonlyMap<number, number> = new Map([
  [V5ErrorCode.INVALID_PARAMETER, TrtcErrorCode.INVALID_PARAMETER],
  [V5ErrorCode.INVALID_OPERATION, TrtcErrorCode.INVALID_OPERATION],
  [V5ErrorCode.ENV_NOT_SUPPORTED, TrtcErrorCode.NOT_SUPPORTED],
  // v4 reports any failed capture as INITIALIZE_FAILED named after the browser's error.
  [V5ErrorCode.DEVICE_ERROR, TrtcErrorCode.INITIALIZE_FAILED],
  // Tencent Cloud refused the request: on entering, what v4 calls a failed join (an expired signature among them).
  [V5ErrorCode.SERVER_ERROR, TrtcErrorCode.JOIN_ROOM_FAILED],
  [V5ErrorCode.OPERATION_FAILED, TrtcErrorCode.UNKNOWN],
  [V5ErrorCode.OPERATION_ABORT, TrtcErrorCode.API_CALL_ABORTED],
  [V5ErrorCode.UNKNOWN_ERROR, TrtcErrorCode.UNKNOWN],
]);

/** v5 `extraCode`s that say more than their code: the v4 code that says the same. */
const V4_CODE_OF_EXTRA: ReadonlyMap<number, number> = new Map([
  // DEVICE_NOT_FOUND_ERROR: no camera or microphone at all.
  [5301, TrtcErrorCode.DEVICE_NOT_FOUND],
  // FIREWALL_RESTRICTION: no media path to Tencent Cloud.
  [5501, TrtcErrorCode.ICE_TRANSPORT_ERROR],
  // REJOIN_FAILED: reconnecting gave up.
  [5502, TrtcErrorCode.SIGNAL_CHANNEL_RECONNECTION_FAILED],
]);

/** The browser error a v5 device `extraCode` stands for, when v5 kept no `originError`. */
const DEVICE_ERROR_NAME: ReadonlyMap<number, string> = new Map([
  [5301, 'NotFoundError'],
  [5302, 'NotAllowedError'],
  [5303, 'NotReadableError'],
  [5304, 'OverconstrainedError'],
  [5305, 'InvalidStateError'],
  [5306, 'SecurityError'],
  [5307, 'AbortError'],
]);

const V4_CODES: ReadonlySet<number> = new Set(Object.values(TrtcErrorCode));
const codeNames = new Map<number, string>(Object.entries(TrtcErrorCode).map(([name, code]) => [code, name]));

/**
 * An error of the v5 backend in v4's shape: `getCode()` gives the v4 code; `cause` keeps what v5
 * threw (its `code` and `extraCode`). Named after the browser's error for a failed capture, as v4
 * names it, so a denied camera and a missing one stay apart.
 */
export class V5BackendError extends Error implements TrtcError {
  readonly #code: number;

  constructor(code: number, message: string, options: { name?: string; cause?: unknown } = {}) {
    super(`${message} <${codeNames.get(code) ?? 'UNKNOWN'} 0x${code.toString(16)}>`, { cause: options.cause });
    this.name = options.name ?? 'RtcError';
    this.#code = code;
  }

  getCode(): number {
    return this.#code;
  }
}

// Not `instanceof`: an error from v5 in another frame is an Error of that frame's realm.
function isRtcError(error: unknown): error is V5RtcError {
  const { code, message } = (error ?? {}) as Partial<V5RtcError>;
  return typeof code === 'number' && typeof message === 'string';
}

/** The v4 code for what v5 threw: its `extraCode` if that says more, else its `code`. */
export function v4CodeOf(code: number, extraCode?: number): number {
  return (extraCode !== undefined && V4_CODE_OF_EXTRA.get(extraCode)) || V4_CODE.get(code) || TrtcErrorCode.UNKNOWN;
}

/** What v5 threw (or a browser error it let through), as a v4-shaped error. */
export function toV4Error(error: unknown): TrtcError {
  if (error instanceof V5BackendError) return error;
  if (!isRtcError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new V5BackendError(TrtcErrorCode.UNKNOWN, message, { cause: error, name: error instanceof Error ? error.name : undefined });
  }
  const { code, extraCode, originError } = error;
  // v5's inner layers still number their errors as v4 does (a failed schedule: 0x404c), and v5
  // keeps that error as `originError`: the v4 code says more than v5's top-level one.
  const innerCode = isRtcError(originError) && V4_CODES.has(originError.code) ? originError.code : undefined;
  const name = code === V5ErrorCode.DEVICE_ERROR
    ? (originError instanceof Error && originError.name) || (extraCode !== undefined && DEVICE_ERROR_NAME.get(extraCode)) || undefined
    : undefined;
  return new V5BackendError(innerCode ?? v4CodeOf(code, extraCode), error.message, { name, cause: error });
}

/** Runs a v5 call, rejecting with a v4-shaped error. */
export async function v5Call<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toV4Error(error);
  }
}

export const invalidParameter = (message: string) => new V5BackendError(TrtcErrorCode.INVALID_PARAMETER, message);
export const invalidOperation = (message: string) => new V5BackendError(TrtcErrorCode.INVALID_OPERATION, message);
export const callAborted = (message: string) => new V5BackendError(TrtcErrorCode.API_CALL_ABORTED, message);
export const deviceNotFound = (message: string) => new V5BackendError(TrtcErrorCode.DEVICE_NOT_FOUND, message);
export const notSupported = (message: string) => new V5BackendError(TrtcErrorCode.NOT_SUPPORTED, message);
export const playNotAllowed = (message: string, cause?: unknown) =>
  new V5BackendError(TrtcErrorCode.PLAY_NOT_ALLOWED, message, { cause });
