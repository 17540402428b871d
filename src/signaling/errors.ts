/** Why a transport call failed. */
export type SignalingErrorCode =
  /** `connect()` was called while connected or connecting. */
  | 'already-connected'
  /** `send()` was called while not connected. */
  | 'not-connected'
  /** `close()` was called before `connect()` was done. */
  | 'aborted'
  /** The identity or a `send()` argument is not valid. */
  | 'invalid-argument'
  /** The service refused the login or the message (`sdkCode` says why, when it said). */
  | 'service-error';

/** The error a shipped transport rejects with. Its message never contains the userSig. */
export class SignalingError extends Error {
  override readonly name = 'SignalingError';
  readonly code: SignalingErrorCode;
  /** The service's own error code, when it gave one. */
  readonly sdkCode: number | undefined;

  constructor(code: SignalingErrorCode, message: string, sdkCode?: number) {
    super(message);
    this.code = code;
    this.sdkCode = sdkCode;
  }
}
