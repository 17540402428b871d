/** The loopback namespace itself: how it is loaded, and how it reports a browser that cannot run it. */
import { expect } from '@open-wc/testing';
import { loadBackend } from '../../../src/backends/loader.js';
import { TrtcErrorCode, trtcCodeOf } from '../../../src/backends/error-codes.js';
import TRTC, { loopbackTesting } from '../../../src/backends/loopback/index.js';
import { loopbackTesting as testingModuleExport } from '../../../src/backends/loopback/testing.js';
import { rejection } from '../../helpers/async.js';
import { requireMediaCapture } from '../../helpers/features.js';
import { SDK_APP_ID, uniqueRoomId } from './fixture.js';

/** Runs `work` as if the browser lacked the global `name`, then puts it back. */
async function without(name: 'RTCPeerConnection' | 'BroadcastChannel', work: () => Promise<void>): Promise<void> {
  const saved = Object.getOwnPropertyDescriptor(window, name);
  delete (window as unknown as Record<string, unknown>)[name];
  try {
    await work();
  } finally {
    if (saved) Object.defineProperty(window, name, saved);
  }
}

describe('loopback backend: the namespace', () => {
  it("is what loadBackend('loopback') returns: the module's own default export", async () => {
    expect(await loadBackend('loopback')).to.equal(TRTC);
    expect(await loadBackend('loopback')).to.equal(TRTC);
    expect(loopbackTesting).to.equal(testingModuleExport);
    expect(TRTC.VERSION).to.equal('4.15.22-loopback');
    expect(Object.isFrozen(TRTC), 'one shared namespace nobody can patch').to.equal(true);
  });

  it('has a Logger whose calls change nothing', () => {
    expect(TRTC.Logger.setLogLevel(0)).to.equal(undefined);
    expect(TRTC.Logger.enableUploadLog()).to.equal(undefined);
    expect(TRTC.Logger.disableUploadLog()).to.equal(undefined);
  });

  it('reports a browser without RTCPeerConnection as unsupported, and join() fails with NOT_SUPPORTED', async () => {
    await without('RTCPeerConnection', async () => {
      const check = await TRTC.checkSystemRequirements();
      expect(check.result).to.equal(false);
      expect(check.detail.isWebRTCSupported).to.equal(false);
      const client = TRTC.createClient({ mode: 'live', sdkAppId: SDK_APP_ID, userId: 'u', userSig: 's' });
      const error = await rejection(client.join({ roomId: uniqueRoomId() }));
      expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.NOT_SUPPORTED);
      client.destroy();
    });
  });

  it('cannot capture where the browser offers no getUserMedia', async function () {
    requireMediaCapture(this);
    const stream = TRTC.createStream({ userId: 'u', audio: true, video: true });
    const devices = navigator.mediaDevices as unknown as Record<string, unknown>;
    const own = Object.getOwnPropertyDescriptor(devices, 'getUserMedia');
    devices.getUserMedia = undefined;
    try {
      expect(trtcCodeOf(await rejection(stream.initialize()))).to.equal(TrtcErrorCode.NOT_SUPPORTED);
    } finally {
      if (own) Object.defineProperty(devices, 'getUserMedia', own);
      else delete devices.getUserMedia;
    }
    expect(navigator.mediaDevices.getUserMedia, 'the real one is back').to.be.a('function');
  });

  it('needs BroadcastChannel to meet the room', async () => {
    await without('BroadcastChannel', async () => {
      const check = await TRTC.checkSystemRequirements();
      expect(check.result).to.equal(false);
      expect(check.detail.isBroadcastChannelSupported).to.equal(false);
      expect(check.detail.isBrowserSupported).to.equal(false);
      const client = TRTC.createClient({ mode: 'live', sdkAppId: SDK_APP_ID, userId: 'u', userSig: 's' });
      expect(trtcCodeOf(await rejection(client.join({ roomId: uniqueRoomId() })))).to.equal(TrtcErrorCode.NOT_SUPPORTED);
      client.destroy();
    });
  });
});
