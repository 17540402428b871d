/**
 * The real TRTC Web SDK v5 (`trtc-sdk-v5`) behind our v4-shaped namespace, offline: everything it
 * does without Tencent's servers. (The flows that need a room run on the loopback backend.)
 *
 * What v5 cannot do here, offline: a successful `enterRoom` (its schedulers are unreachable, so it
 * fails with OPERATION_FAILED around a v4-numbered SCHEDULE_FAILED), and so nothing that needs one:
 * `switchRole`, publishing (`updateLocalVideo/Audio({ publish: true })`), `startRemoteVideo` /
 * `updateRemoteVideo` / `muteRemoteAudio` for a real remote user, and the events a room sends.
 * trtc-v5-events.test.ts covers our mapping of those events by emitting them on a real instance.
 */
import { expect } from '@open-wc/testing';
import '../../src/index.js';
import { loadBackend } from '../../src/backends/loader.js';
import { TrtcErrorCode, trtcCodeOf } from '../../src/backends/error-codes.js';
import type { TrtcBackend, TrtcClient, TrtcLocalStream } from '../../src/backends/types.js';
import { rejection, thrown } from '../helpers/async.js';
import { framesRendered, shadowContainer, until } from '../helpers/media.js';
import { liveCapturedTracks, openPeerConnections, watchMediaResources } from '../helpers/leaks.js';
import { features, requireMediaCapture, requireVideoFrameCallback } from '../helpers/features.js';
import { importInNewFrame } from '../helpers/frame-realm.js';

const CONFIG = { mode: 'live', sdkAppId: 1400000000, userId: 'v5_user', userSig: 'not-a-real-signature' } as const;

describe('real trtc-sdk-v5 as a v4 namespace, offline', function () {
  // v5 tries several of Tencent's schedulers before it gives up on a join.
  this.timeout(60000);
  let TRTC: TrtcBackend;
  let client: TrtcClient | undefined;
  let stream: TrtcLocalStream | undefined;
  let cleanup: (() => void) | undefined;

  before(async () => {
    watchMediaResources();
    TRTC = await loadBackend('trtc-v5');
  });

  afterEach(async () => {
    stream?.close();
    await client?.leave();
    client?.destroy();
    cleanup?.();
    stream = undefined;
    client = undefined;
    cleanup = undefined;
    await until(() => liveCapturedTracks().length === 0, 'every captured track to end', 2000);
  });

  it('loads v5 lazily, once, at the version package.json pins', async () => {
    const packageJson = (await (await fetch('/package.json')).json()) as { dependencies: Record<string, string> };
    expect(TRTC.VERSION).to.equal(packageJson.dependencies['trtc-sdk-v5']);
    expect(TRTC.createClient).to.be.a('function');
    expect(TRTC.createStream).to.be.a('function');
    expect(await loadBackend('trtc-v5')).to.equal(TRTC);
    expect(await loadBackend('trtc'), 'v4 is another namespace').not.to.equal(TRTC);
  });

  it('keeps v5 from uploading its logs unless the page asks, at any log level', async () => {
    // The SDK the namespace wraps (the same module instance).
    const { default: SDK } = await import('trtc-sdk-v5/trtc.esm.js');
    const calls: unknown[][] = [];
    const setLogLevel = SDK.setLogLevel;
    SDK.setLogLevel = (...args: Parameters<typeof setLogLevel>) => {
      calls.push(args);
      setLogLevel.apply(SDK, args);
    };
    try {
      TRTC.Logger.setLogLevel(3);
      TRTC.Logger.enableUploadLog();
      TRTC.Logger.disableUploadLog();
      TRTC.Logger.setLogLevel(2);
    } finally {
      SDK.setLogLevel = setLogLevel;
    }
    expect(calls).to.deep.equal([
      [3, false],
      [3, true],
      [3, false],
      [2, false],
    ]);
  });

  it('reports what this browser supports, feature by feature', async () => {
    const check = await TRTC.checkSystemRequirements();
    expect(check.detail.isWebRTCSupported, 'isWebRTCSupported').to.equal(features.webRTC());
    expect(check.detail.isMediaDevicesSupported, 'isMediaDevicesSupported').to.equal(features.mediaCapture());
    expect(check.result).to.equal(features.webRTC() && features.mediaCapture());
  });

  it('creates a live-mode client and destroys it', async () => {
    client = TRTC.createClient({ ...CONFIG, enableAutoPlayDialog: false });
    expect(client.getRemoteMutedState()).to.deep.equal([]);
    const switched = await rejection(client.switchRole('anchor'));
    expect(trtcCodeOf(switched), 'switchRole() before join()').to.equal(TrtcErrorCode.INVALID_OPERATION);
    client.destroy();
    client.destroy();
    const afterDestroy = await rejection(client.join({ roomId: 8888 }));
    expect(trtcCodeOf(afterDestroy), 'join() after destroy()').to.equal(TrtcErrorCode.INVALID_OPERATION);
  });

  it('refuses a bad client or stream configuration with INVALID_PARAMETER, synchronously', () => {
    for (const [what, change] of [
      ['no mode', { mode: undefined }],
      ['a string sdkAppId', { sdkAppId: '1400000000' }],
      ['an empty userId', { userId: '' }],
      ['no userSig', { userSig: undefined }],
    ] as const) {
      const error = thrown(() => TRTC.createClient({ ...CONFIG, ...change } as never));
      expect(trtcCodeOf(error), what).to.equal(TrtcErrorCode.INVALID_PARAMETER);
    }
    expect(trtcCodeOf(thrown(() => TRTC.createStream(undefined as never)))).to.equal(TrtcErrorCode.INVALID_PARAMETER);
  });

  it('captures the fake camera with startLocalVideo and previews it in a div inside a shadow root', async function () {
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    stream = TRTC.createStream({ userId: CONFIG.userId, audio: true, video: true });
    await stream.initialize();
    expect(stream.hasAudio() && stream.hasVideo(), 'both captured').to.equal(true);
    const { host, container } = shadowContainer();
    cleanup = () => host.remove();
    await stream.play(container, { muted: true });
    const video = container.querySelector('video');
    expect(video, 'v5 creates its <video> in the element itself').to.be.instanceOf(HTMLVideoElement);
    await framesRendered(video!);
    expect(video!.videoWidth).to.be.greaterThan(0);
  });

  it("previews the fake camera in <trtc-local-stream>'s own video box, mirrored, and takes it out on close()", async function () {
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    const element = document.createElement('trtc-local-stream');
    document.body.append(element);
    cleanup = () => element.remove();
    await element.updateComplete;
    const box = element.shadowRoot!.querySelector<HTMLDivElement>('[part="video"]')!;
    stream = TRTC.createStream({ userId: CONFIG.userId, audio: true, video: true });
    await stream.initialize();
    const [audio, video] = [stream.getAudioTrack()!, stream.getVideoTrack()!];
    await stream.play(box, { muted: true, mirror: true });
    const player = box.querySelector('video')!;
    expect(player, "v5's <video>, inside the element's shadow root").to.be.instanceOf(HTMLVideoElement);
    await framesRendered(player);
    expect(player.muted, 'a local preview is muted').to.equal(true);
    expect(player.style.transform, 'mirrored').to.equal('scaleX(-1)');
    await stream.play(box, { objectFit: 'contain', mirror: false });
    expect(box.querySelectorAll('video'), 'playing again updates the same player').to.have.length(1);
    expect(player.style.objectFit).to.equal('contain');
    expect(player.style.transform, 'not mirrored when told').not.to.include('scaleX(-1)');
    expect(trtcCodeOf(await rejection(stream.play(box, { objectFit: 'scale-down' }))), 'a fit v5 cannot do').to.equal(
      TrtcErrorCode.INVALID_PARAMETER,
    );
    stream.close();
    expect([audio.readyState, video.readyState], 'tracks ended at once').to.deep.equal(['ended', 'ended']);
    await until(() => box.querySelector('video') === null, "v5's player to leave the element", 2000);
  });

  it('mutes and unmutes a capture without ending it', async function () {
    requireMediaCapture(this);
    stream = TRTC.createStream({ userId: CONFIG.userId, audio: true, video: true });
    await stream.initialize();
    expect([stream.muteAudio(), stream.muteVideo()]).to.deep.equal([true, true]);
    expect([stream.getAudioTrack()!.enabled, stream.getVideoTrack()!.enabled]).to.deep.equal([false, false]);
    expect([stream.unmuteAudio(), stream.unmuteVideo()]).to.deep.equal([true, true]);
    expect([stream.getAudioTrack()!.enabled, stream.getVideoTrack()!.enabled]).to.deep.equal([true, true]);
    expect(stream.getVideoTrack()!.readyState).to.equal('live');
    const audioOnly = TRTC.createStream({ userId: CONFIG.userId, audio: true, video: false });
    await audioOnly.initialize();
    try {
      expect(audioOnly.hasVideo()).to.equal(false);
      expect(audioOnly.muteVideo(), 'no video to mute').to.equal(false);
    } finally {
      audioOnly.close();
    }
  });

  it('ends both tracks on close()', async function () {
    requireMediaCapture(this);
    stream = TRTC.createStream({ userId: CONFIG.userId, audio: true, video: true });
    await stream.initialize();
    const audio = stream.getAudioTrack()!;
    const video = stream.getVideoTrack()!;
    expect([audio.readyState, video.readyState]).to.deep.equal(['live', 'live']);
    expect(liveCapturedTracks(), 'what v5 captured').to.have.length(2);
    stream.close();
    expect([audio.readyState, video.readyState]).to.deep.equal(['ended', 'ended']);
    expect(stream.hasAudio() || stream.hasVideo(), 'nothing left after close()').to.equal(false);
    await until(() => liveCapturedTracks().length === 0, 'what v5 captured to end', 2000);
  });

  for (const when of ['before v5 starts', 'while v5 starts the camera'] as const) {
    it(`ends what it captures when closed ${when}`, async function () {
      requireMediaCapture(this);
      // While starting: the browser has opened the device, but v5 does not hear of it until the
      // stream is closed (a fast browser would otherwise finish starting before close() is called).
      const { mediaDevices } = navigator;
      const own = Object.getOwnPropertyDescriptor(mediaDevices, 'getUserMedia');
      let deliver = () => {};
      if (when === 'while v5 starts the camera') {
        const capture = mediaDevices.getUserMedia.bind(mediaDevices);
        const delivered = new Promise<void>((resolve) => (deliver = resolve));
        mediaDevices.getUserMedia = async (constraints) => {
          const media = await capture(constraints);
          await delivered;
          return media;
        };
      }
      try {
        stream = TRTC.createStream({ userId: CONFIG.userId, audio: true, video: true });
        const initialized = stream.initialize();
        if (when === 'while v5 starts the camera') await until(() => liveCapturedTracks().length > 0, 'the camera to start', 5000);
        stream.close();
        deliver();
        expect(trtcCodeOf(await rejection(initialized))).to.equal(TrtcErrorCode.API_CALL_ABORTED);
        await until(() => liveCapturedTracks().length === 0, 'every track it captured to end', 5000);
        expect(stream.hasAudio() || stream.hasVideo()).to.equal(false);
      } finally {
        if (own) Object.defineProperty(mediaDevices, 'getUserMedia', own);
        else delete (mediaDevices as { getUserMedia?: unknown }).getUserMedia;
      }
    });
  }

  it('lists cameras and microphones', async function () {
    requireMediaCapture(this);
    const cameras = await TRTC.getCameras();
    const microphones = await TRTC.getMicrophones();
    expect(cameras.length).to.be.greaterThan(0);
    expect(microphones.length).to.be.greaterThan(0);
    expect(cameras.every((device) => device.kind === 'videoinput')).to.equal(true);
    expect(microphones.every((device) => device.kind === 'audioinput')).to.equal(true);
    await until(() => liveCapturedTracks().length === 0, 'the permission probe to end its capture', 2000);
  });

  it('reports a denied camera as INITIALIZE_FAILED named NotAllowedError', async function () {
    requireMediaCapture(this);
    // On the object, not its prototype: webrtc-adapter (loaded by v5) puts its own getUserMedia there.
    const { mediaDevices } = navigator;
    const own = Object.getOwnPropertyDescriptor(mediaDevices, 'getUserMedia');
    mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    try {
      stream = TRTC.createStream({ userId: CONFIG.userId, audio: false, video: true });
      const error = await rejection(stream.initialize());
      expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.INITIALIZE_FAILED);
      expect((error as Error).name).to.equal('NotAllowedError');
      expect(stream.hasVideo()).to.equal(false);
    } finally {
      if (own) Object.defineProperty(mediaDevices, 'getUserMedia', own);
      else delete (mediaDevices as Partial<MediaDevices>).getUserMedia;
    }
  });

  it('rejects join() with a TRTC error: unreachable cloud, or no WebRTC at all', async () => {
    client = TRTC.createClient(CONFIG);
    const error = await rejection(client.join({ roomId: 8888, role: 'audience' }));
    expect(error).to.be.instanceOf(Error);
    expect(trtcCodeOf(error)).to.equal(features.webRTC() ? TrtcErrorCode.SCHEDULE_FAILED : TrtcErrorCode.NOT_SUPPORTED);
    expect(openPeerConnections(), 'no connection left').to.have.length(0);
  });

  it('refuses join() with NOT_SUPPORTED in a browser without WebRTC', async () => {
    const { module, frame } = await importInNewFrame<{ default: TrtcBackend }>('/src/backends/trtc-v5/trtc-v5.ts', (realm) => {
      for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection']) Reflect.deleteProperty(realm, name);
    });
    try {
      const check = await module.default.checkSystemRequirements();
      expect(check.result, 'checkSystemRequirements().result').to.equal(false);
      expect(check.detail.isWebRTCSupported).to.equal(false);
      const error = await rejection(module.default.createClient(CONFIG).join({ roomId: 8888, role: 'audience' }));
      expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.NOT_SUPPORTED);
    } finally {
      frame.remove();
    }
  });

  it('cannot reach any host beyond loopback', async () => {
    const error = await rejection(fetch('https://schedule.cloud-rtc.com/', { mode: 'no-cors' }));
    expect(error).to.be.instanceOf(TypeError);
  });
});
