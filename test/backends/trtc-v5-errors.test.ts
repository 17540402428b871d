/**
 * How the v5 backend names what v5 throws: the v4 code the room reads (`getCode()`), and the name
 * of the browser's error for a failed capture, with v5's own error kept as `cause`.
 */
import { expect } from '@open-wc/testing';
import { TrtcErrorCode, trtcCodeOf } from '../../src/backends/error-codes.js';
import { toV4Error, V5ErrorCode } from '../../src/backends/trtc-v5/errors.js';
import { captureErrorCode, errorDetail } from '../../src/room/errors.js';

/** An error shaped like v5's `RtcError`. */
function rtcError(code: number, extra: { extraCode?: number; originError?: unknown; functionName?: string } = {}) {
  return Object.assign(new Error(`v5 says ${code}`), { name: 'RtcError', code, ...extra });
}

describe('v5 errors in v4 terms', () => {
  const table: [string, Error, number][] = [
    ['INVALID_PARAMETER', rtcError(V5ErrorCode.INVALID_PARAMETER, { extraCode: 5012 }), TrtcErrorCode.INVALID_PARAMETER],
    ['INVALID_OPERATION', rtcError(V5ErrorCode.INVALID_OPERATION, { extraCode: 5101 }), TrtcErrorCode.INVALID_OPERATION],
    ['ENV_NOT_SUPPORTED', rtcError(V5ErrorCode.ENV_NOT_SUPPORTED, { extraCode: 5201 }), TrtcErrorCode.NOT_SUPPORTED],
    ['DEVICE_ERROR, no device at all', rtcError(V5ErrorCode.DEVICE_ERROR, { extraCode: 5301 }), TrtcErrorCode.DEVICE_NOT_FOUND],
    ['DEVICE_ERROR, permission denied', rtcError(V5ErrorCode.DEVICE_ERROR, { extraCode: 5302 }), TrtcErrorCode.INITIALIZE_FAILED],
    ['DEVICE_ERROR, device busy', rtcError(V5ErrorCode.DEVICE_ERROR, { extraCode: 5303 }), TrtcErrorCode.INITIALIZE_FAILED],
    ['SERVER_ERROR, e.g. an expired signature', rtcError(V5ErrorCode.SERVER_ERROR, { extraCode: -100018 }), TrtcErrorCode.JOIN_ROOM_FAILED],
    ['OPERATION_FAILED, firewall', rtcError(V5ErrorCode.OPERATION_FAILED, { extraCode: 5501 }), TrtcErrorCode.ICE_TRANSPORT_ERROR],
    ['OPERATION_FAILED, rejoin failed', rtcError(V5ErrorCode.OPERATION_FAILED, { extraCode: 5502 }), TrtcErrorCode.SIGNAL_CHANNEL_RECONNECTION_FAILED],
    [
      'OPERATION_FAILED around an inner v4-numbered schedule failure (v5.17.1 offline)',
      rtcError(V5ErrorCode.OPERATION_FAILED, { originError: rtcError(TrtcErrorCode.SCHEDULE_FAILED, { extraCode: 0 }) }),
      TrtcErrorCode.SCHEDULE_FAILED,
    ],
    ['OPERATION_FAILED with nothing more', rtcError(V5ErrorCode.OPERATION_FAILED), TrtcErrorCode.UNKNOWN],
    ['OPERATION_ABORT', rtcError(V5ErrorCode.OPERATION_ABORT), TrtcErrorCode.API_CALL_ABORTED],
    ['UNKNOWN_ERROR', rtcError(V5ErrorCode.UNKNOWN_ERROR), TrtcErrorCode.UNKNOWN],
    ['a code v5 may add later', rtcError(5600), TrtcErrorCode.UNKNOWN],
    ['a plain Error', new TypeError('not from v5'), TrtcErrorCode.UNKNOWN],
  ];
  for (const [what, thrown, code] of table) {
    it(`${what} → 0x${code.toString(16)}, v5's error kept as its cause`, () => {
      const error = toV4Error(thrown);
      expect(trtcCodeOf(error)).to.equal(code);
      expect((error as Error).cause).to.equal(thrown);
      expect((error as Error).message).to.include(thrown.message);
    });
  }

  it("names a failed capture after the browser's error, so the room tells a denied camera from a busy one", () => {
    const denied = toV4Error(rtcError(V5ErrorCode.DEVICE_ERROR, { extraCode: 5302, originError: new DOMException('no', 'NotAllowedError') }));
    expect(denied.name).to.equal('NotAllowedError');
    expect(captureErrorCode(denied)).to.equal('permission-denied');
    const deniedWithoutOrigin = toV4Error(rtcError(V5ErrorCode.DEVICE_ERROR, { extraCode: 5302 }));
    expect(captureErrorCode(deniedWithoutOrigin)).to.equal('permission-denied');
    expect(captureErrorCode(toV4Error(rtcError(V5ErrorCode.DEVICE_ERROR, { extraCode: 5301 })))).to.equal('device-not-found');
    expect(captureErrorCode(toV4Error(rtcError(V5ErrorCode.DEVICE_ERROR, { extraCode: 5304 })))).to.equal('device-not-found');
    expect(captureErrorCode(toV4Error(rtcError(V5ErrorCode.DEVICE_ERROR, { extraCode: 5303 })))).to.equal('device-busy');
    expect(toV4Error(rtcError(V5ErrorCode.INVALID_PARAMETER)).name, 'anything else').to.equal('RtcError');
  });

  it('gives the room an sdkCode on the v4 scale for its trtc-error detail', () => {
    const detail = errorDetail('join-failed', toV4Error(rtcError(V5ErrorCode.SERVER_ERROR)));
    expect(detail).to.include({ code: 'join-failed', sdkCode: TrtcErrorCode.JOIN_ROOM_FAILED, recoverable: true });
  });
});
