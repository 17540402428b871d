import { expect } from '@open-wc/testing';
import { loadBackend } from '../../src/backends/loader.js';
import { TrtcErrorCode, trtcCodeOf } from '../../src/backends/error-codes.js';
import type { TrtcBackend, TrtcClient, TrtcLocalStream } from '../../src/backends/types.js';
import { framesRendered, shadowContainer } from '../helpers/media.js';
import { liveCapturedTracks, watchMediaResources } from '../helpers/leaks.js';
import { features, requireMediaCapture, requireVideoFrameCallback } from '../helpers/features.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

describe('real trtc-js-sdk, offline', () => {
  let TRTC: TrtcBackend;
  let client: TrtcClient | undefined;
  let stream: TrtcLocalStream | undefined;
  let cleanup: (() => void) | undefined;

  before(async () => {
    watchMediaResources();
    TRTC = await loadBackend('trtc');
  });

  afterEach(() => {
    stream?.close();
    client?.destroy();
    cleanup?.();
    stream = undefined;
    client = undefined;
    cleanup = undefined;
  });

  it('loads the v4 namespace lazily', async () => {
    expect(TRTC.VERSION).to.equal('4.15.22');
    expect(TRTC.createClient).to.be.a('function');
    expect(await loadBackend('trtc')).to.equal(TRTC);
  });

  it('reports what this browser supports, feature by feature', async () => {
    const check = await TRTC.checkSystemRequirements();
    expect(check.detail.isWebRTCSupported, 'isWebRTCSupported').to.equal(features.webRTC());
    expect(check.detail.isMediaDevicesSupported, 'isMediaDevicesSupported').to.equal(features.mediaCapture());
    if (features.webRTC() && features.mediaCapture()) {
      // VP8 is mandatory to implement in WebRTC (RFC 7742), so any browser with peer connections
      // has a codec both ways (Firefox here lacks H.264: its OpenH264 plugin is never downloaded).
      expect(check.detail.isVp8EncodeSupported || check.detail.isH264EncodeSupported, 'an encoder').to.equal(true);
      expect(check.detail.isVp8DecodeSupported || check.detail.isH264DecodeSupported, 'a decoder').to.equal(true);
      expect(check.result).to.equal(true);
    } else {
      expect(check.result).to.equal(false);
    }
  });

  it('creates a live-mode client without the SDK autoplay dialog', () => {
    client = TRTC.createClient({
      mode: 'live',
      sdkAppId: 1400000000,
      userId: 'harness_user',
      userSig: 'not-a-real-signature',
      enableAutoPlayDialog: false,
    });
    expect(client.join).to.be.a('function');
    expect(client.switchRole).to.be.a('function');
  });

  it('captures the fake camera and renders frames into a div inside a shadow root', async function () {
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    stream = TRTC.createStream({ userId: 'harness_user', audio: true, video: true });
    await stream.initialize();
    const { host, container } = shadowContainer();
    cleanup = () => host.remove();
    await stream.play(container, { muted: true });
    const video = container.querySelector('video');
    expect(video, 'the SDK creates its <video> in the given div').to.be.instanceOf(HTMLVideoElement);
    await framesRendered(video!);
    expect(video!.videoWidth).to.be.greaterThan(0);
  });

  it('ends both tracks on close()', async function () {
    requireMediaCapture(this);
    stream = TRTC.createStream({ userId: 'harness_user', audio: true, video: true });
    await stream.initialize();
    const audio = stream.getAudioTrack()!;
    const video = stream.getVideoTrack()!;
    expect(audio.readyState).to.equal('live');
    expect(video.readyState).to.equal('live');
    stream.close();
    expect(audio.readyState).to.equal('ended');
    expect(video.readyState).to.equal('ended');
    expect(liveCapturedTracks()).to.have.length(0);
  });

  it('rejects switchRole() and publish() before join() with INVALID_OPERATION', async function () {
    requireMediaCapture(this);
    client = TRTC.createClient({ mode: 'live', sdkAppId: 1400000000, userId: 'harness_user', userSig: 'x' });
    const switched = await rejection(client.switchRole('anchor'));
    expect(trtcCodeOf(switched)).to.equal(TrtcErrorCode.INVALID_OPERATION);
    stream = TRTC.createStream({ userId: 'harness_user', audio: false, video: true });
    await stream.initialize();
    const published = await rejection(client.publish(stream));
    expect(trtcCodeOf(published)).to.equal(TrtcErrorCode.INVALID_OPERATION);
  });

  it('rejects join() with a TRTC error: unreachable cloud, or no WebRTC at all', async () => {
    client = TRTC.createClient({ mode: 'live', sdkAppId: 1400000000, userId: 'harness_user', userSig: 'x' });
    const error = await rejection(client.join({ roomId: 8888, role: 'audience' }));
    expect(error).to.be.instanceOf(Error);
    // Recorded offline with v4.15.22: with WebRTC, the scheduler request cannot reach Tencent's
    // host; without RTCPeerConnection (Debian's WebKitGTK) the SDK refuses before any request.
    const expected = features.webRTC() ? TrtcErrorCode.SCHEDULE_FAILED : TrtcErrorCode.NOT_SUPPORTED;
    expect(trtcCodeOf(error)).to.equal(expected);
  });

  it('cannot reach any host beyond loopback', async () => {
    const error = await rejection(fetch('https://trtc.tencentcloudapi.com/', { mode: 'no-cors' }));
    expect(error).to.be.instanceOf(TypeError);
  });
});
