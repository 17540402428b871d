/** The loopback backend refuses the identifiers TRTC refuses (the limits the room checks too). */
import { expect } from '@open-wc/testing';
import { TrtcErrorCode, trtcCodeOf } from '../../../src/backends/error-codes.js';
import TRTC from '../../../src/backends/loopback/index.js';
import { rejection, thrown } from '../../helpers/async.js';
import { SDK_APP_ID } from './fixture.js';

const CONFIG = { mode: 'live', sdkAppId: SDK_APP_ID, userId: 'limits_user', userSig: 'sig' } as const;

describe('loopback backend: TRTC limits', () => {
  for (const sdkAppId of [1099511627776, 4294967296, 1.5, -1]) {
    it(`refuses sdkAppId ${sdkAppId} with INVALID_PARAMETER`, () => {
      const error = thrown(() => TRTC.createClient({ ...CONFIG, sdkAppId }));
      expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.INVALID_PARAMETER);
      expect((error as Error).message).to.include('sdkAppId');
    });
  }

  it('accepts the largest SDKAppID, 4294967295', () => {
    const client = TRTC.createClient({ ...CONFIG, sdkAppId: 4294967295 });
    client.destroy();
  });

  it('refuses a string room id with a tab or a newline (only the space is allowed)', async () => {
    for (const roomId of ['room\t1', 'room\n1']) {
      const client = TRTC.createClient({ ...CONFIG, useStringRoomId: true });
      const error = await rejection(client.join({ roomId, role: 'audience' }));
      expect(trtcCodeOf(error), JSON.stringify(roomId)).to.equal(TrtcErrorCode.INVALID_PARAMETER);
      client.destroy();
    }
  });
});
