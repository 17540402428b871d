import { expect } from '@open-wc/testing';
import { TrtcErrorCode, trtcCodeOf } from '../../src/backends/error-codes.js';
import type { TrtcBackend, TrtcClient, TrtcClientConfig, TrtcLocalStream } from '../../src/backends/types.js';
import { rejection, thrown, withTimeout } from './async.js';
import { features, requireMediaCapture, requireVideoFrameCallback } from './features.js';
import { liveCapturedTracks, watchMediaResources } from './leaks.js';
import { importInNewFrame } from './frame-realm.js';
import { framesRendered, shadowContainer } from './media.js';

const CONFIG: TrtcClientConfig = {
  mode: 'live',
  sdkAppId: 1400000000,
  userId: 'contract_user',
  userSig: 'not-a-real-signature',
  enableAutoPlayDialog: false,
};

/** Replaces a method for the length of `work`, restoring it whatever happens. */
async function replacing<T extends object, K extends keyof T>(target: T, key: K, value: T[K], work: () => Promise<void>) {
  const original = target[key];
  target[key] = value;
  try {
    await work();
  } finally {
    target[key] = original;
  }
}

/**
 * A fresh copy of the backend at `moduleUrl` in a frame whose window has no WebRTC, as in a
 * browser built without it (Debian's WebKitGTK). A fresh realm, because the real SDK notes what
 * the browser supports when it loads.
 */
async function loadWithoutWebRTC(moduleUrl: string): Promise<{ namespace: TrtcBackend; dispose(): void }> {
  const { module, frame } = await importInNewFrame<{ default: TrtcBackend }>(moduleUrl, (realm) => {
    for (const name of ['RTCPeerConnection', 'webkitRTCPeerConnection']) Reflect.deleteProperty(realm, name);
  });
  return { namespace: module.default, dispose: () => frame.remove() };
}

/**
 * What both backends must do alike, offline: every check here runs against the real
 * `trtc-js-sdk` and against the loopback, and expects the same outcome and TRTC codes.
 * (Joining a room needs Tencent Cloud for the real SDK, so everything here happens outside one.)
 */
export function describeBackendContract(
  name: string,
  load: () => Promise<TrtcBackend>,
  moduleUrl: string,
): void {
  describe(`${name}: the TRTC v4 contract both backends share`, () => {
    let TRTC: TrtcBackend;
    const clients: TrtcClient[] = [];
    const streams: TrtcLocalStream[] = [];
    const cleanups: (() => void)[] = [];

    const client = (overrides: Partial<TrtcClientConfig> = {}) => {
      const created = TRTC.createClient({ ...CONFIG, ...overrides });
      clients.push(created);
      return created;
    };
    const stream = (config: Parameters<TrtcBackend['createStream']>[0] = { userId: CONFIG.userId, audio: true, video: true }) => {
      const created = TRTC.createStream(config);
      streams.push(created);
      return created;
    };
    const container = () => {
      const div = document.createElement('div');
      div.id = `contract_player_${Math.random().toString(36).slice(2)}`;
      document.body.append(div);
      cleanups.push(() => div.remove());
      return div;
    };

    before(async () => {
      watchMediaResources();
      TRTC = await load();
    });

    afterEach(async () => {
      for (const created of streams.splice(0)) created.close();
      for (const created of clients.splice(0)) {
        await created.leave();
        created.destroy();
      }
      for (const cleanup of cleanups.splice(0)) cleanup();
      expect(liveCapturedTracks(), 'every captured track ended').to.have.length(0);
    });

    it('is a v4 namespace, loaded once', async () => {
      for (const member of ['createClient', 'createStream', 'checkSystemRequirements', 'getCameras', 'getMicrophones'] as const) {
        expect(TRTC[member], member).to.be.a('function');
      }
      expect(TRTC.VERSION).to.match(/^4\.\d+\.\d+/);
      expect(TRTC.Logger.setLogLevel).to.be.a('function');
      expect(TRTC.Logger.disableUploadLog).to.be.a('function');
      expect(await load()).to.equal(TRTC);
    });

    it('reports what this browser supports, feature by feature', async () => {
      const check = await TRTC.checkSystemRequirements();
      expect(check.detail.isWebRTCSupported, 'isWebRTCSupported').to.equal(features.webRTC());
      expect(check.detail.isMediaDevicesSupported, 'isMediaDevicesSupported').to.equal(features.mediaCapture());
      expect(check.result).to.equal(features.webRTC() && features.mediaCapture());
    });

    it('refuses join() with NOT_SUPPORTED in a browser without WebRTC', async () => {
      const { namespace, dispose } = await loadWithoutWebRTC(moduleUrl);
      try {
        const error = await rejection(namespace.createClient(CONFIG).join({ roomId: 8888, role: 'audience' }));
        expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.NOT_SUPPORTED);
      } finally {
        dispose();
      }
    });

    it('creates a live-mode client without the SDK autoplay dialog', () => {
      const created = client();
      expect(created.join).to.be.a('function');
      expect(created.switchRole).to.be.a('function');
      expect(created.getRemoteMutedState()).to.deep.equal([]);
    });

    it('refuses a bad client configuration with INVALID_PARAMETER, synchronously', () => {
      const bad: [string, Record<string, unknown>][] = [
        ['no mode', { mode: undefined }],
        ['an unknown mode', { mode: 'broadcast' }],
        ['no sdkAppId', { sdkAppId: undefined }],
        ['a string sdkAppId', { sdkAppId: '1400000000' }],
        ['no userId', { userId: undefined }],
        ['an empty userId', { userId: '' }],
        ['no userSig', { userSig: undefined }],
      ];
      for (const [what, change] of bad) {
        const error = thrown(() => client({ ...CONFIG, ...change } as TrtcClientConfig));
        expect(trtcCodeOf(error), what).to.equal(TrtcErrorCode.INVALID_PARAMETER);
      }
    });

    it('refuses a bad stream configuration with INVALID_PARAMETER, synchronously', async () => {
      expect(trtcCodeOf(thrown(() => TRTC.createStream(undefined as never)))).to.equal(TrtcErrorCode.INVALID_PARAMETER);
      const canvas = document.createElement('canvas');
      const [track] = canvas.captureStream().getVideoTracks();
      try {
        const mixed = thrown(() => TRTC.createStream({ audio: true, videoSource: track }));
        expect(trtcCodeOf(mixed), 'capture and given tracks mixed').to.equal(TrtcErrorCode.INVALID_PARAMETER);
      } finally {
        track.stop();
      }
    });

    it('captures the fake camera and renders frames into a div inside a shadow root', async function () {
      requireMediaCapture(this);
      requireVideoFrameCallback(this);
      const local = stream();
      await local.initialize();
      const { host, container: div } = shadowContainer();
      cleanups.push(() => host.remove());
      await local.play(div, { muted: true });
      const video = div.querySelector('video');
      expect(video, 'the SDK creates its <video> in the given div').to.be.instanceOf(HTMLVideoElement);
      await withTimeout(framesRendered(video!), 'local frames');
      expect(video!.videoWidth).to.be.greaterThan(0);
    });

    it('builds the player the SDK builds, finding a container by id in the document', async function () {
      requireMediaCapture(this);
      const local = stream();
      await local.initialize();
      const div = container();
      await local.play(div.id);
      const id = local.getId();
      const player = div.querySelector(`#player_${id}`);
      expect(player, 'a player_<id> div in the container').to.be.instanceOf(HTMLDivElement);
      const audio = player!.querySelector(`audio#audio_${id}`) as HTMLAudioElement;
      const video = player!.querySelector(`video#video_${id}`) as HTMLVideoElement;
      expect(audio.muted, 'a local preview is muted').to.equal(true);
      expect(video.muted).to.equal(true);
      expect(video.style.objectFit).to.equal('cover');
      expect(video.style.transform, 'a local preview is mirrored').to.equal('scaleX(-1)');
      expect((audio.srcObject as MediaStream).getAudioTracks()[0]).to.equal(local.getAudioTrack());
      expect((video.srcObject as MediaStream).getVideoTracks()[0]).to.equal(local.getVideoTrack());

      await local.play(div, { objectFit: 'contain', mirror: false });
      expect(div.querySelectorAll('video'), 'playing again updates the same player').to.have.length(1);
      expect(video.style.objectFit).to.equal('contain');
      expect(video.style.transform).to.equal('');

      local.stop();
      expect(div.children, 'stop() removes the player').to.have.length(0);
      await local.play(div);
      local.close();
      expect(div.children, 'close() removes the player').to.have.length(0);
    });

    it('refuses play() without a usable container with INVALID_PARAMETER', async function () {
      requireMediaCapture(this);
      const local = stream();
      await local.initialize();
      const missing = await rejection(local.play('no-such-element-id'));
      expect(trtcCodeOf(missing), 'an id not in the document').to.equal(TrtcErrorCode.INVALID_PARAMETER);
      const span = await rejection(local.play(document.createElement('span') as never));
      expect(trtcCodeOf(span), 'not a div').to.equal(TrtcErrorCode.INVALID_PARAMETER);
      const fit = await rejection(local.play(container(), { objectFit: 'scale-down' }));
      expect(trtcCodeOf(fit), 'a fit the SDK does not offer').to.equal(TrtcErrorCode.INVALID_PARAMETER);
    });

    it('ends the tracks on close() and on a second initialize()', async function () {
      requireMediaCapture(this);
      const local = stream();
      await local.initialize();
      const audio = local.getAudioTrack()!;
      const video = local.getVideoTrack()!;
      expect(audio.readyState).to.equal('live');
      expect(video.readyState).to.equal('live');
      await local.initialize();
      expect(local.getVideoTrack(), 'a second initialize() captures afresh').not.to.equal(video);
      expect(video.readyState, '... and ends the previous capture').to.equal('ended');
      const again = [local.getAudioTrack()!, local.getVideoTrack()!];
      local.close();
      expect(again.map((track) => track.readyState)).to.deep.equal(['ended', 'ended']);
      expect(local.hasAudio() || local.hasVideo(), 'no tracks after close()').to.equal(false);
      expect(liveCapturedTracks()).to.have.length(0);
      await local.initialize();
      expect(local.getVideoTrack()?.readyState, 'initialize() after close()').to.equal('live');
    });

    it('mutes by disabling tracks', async function () {
      requireMediaCapture(this);
      const local = stream();
      await local.initialize();
      expect(local.muteAudio()).to.equal(true);
      expect(local.muteVideo()).to.equal(true);
      expect(local.getAudioTrack()!.enabled).to.equal(false);
      expect(local.getVideoTrack()!.enabled).to.equal(false);
      expect(local.unmuteAudio()).to.equal(true);
      expect(local.unmuteVideo()).to.equal(true);
      expect(local.getVideoTrack()!.enabled).to.equal(true);
      const audioOnly = stream({ userId: CONFIG.userId, audio: true, video: false });
      await audioOnly.initialize();
      expect(audioOnly.hasVideo()).to.equal(false);
      expect(audioOnly.muteVideo(), 'no video track to mute').to.equal(false);
    });

    it("publishes the page's own tracks and ends them on close()", async function () {
      requireMediaCapture(this);
      const media = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
      const [audioSource] = media.getAudioTracks();
      const [videoSource] = media.getVideoTracks();
      const local = stream({ userId: CONFIG.userId, audioSource, videoSource });
      await local.initialize();
      expect(local.getAudioTrack()).to.equal(audioSource);
      expect(local.getVideoTrack()).to.equal(videoSource);
      local.close();
      expect(videoSource.readyState).to.equal('ended');
      expect(audioSource.readyState).to.equal('ended');
    });

    it('lists cameras and microphones', async function () {
      requireMediaCapture(this);
      const cameras = await TRTC.getCameras();
      const microphones = await TRTC.getMicrophones();
      expect(cameras.length).to.be.greaterThan(0);
      expect(microphones.length).to.be.greaterThan(0);
      expect(cameras.every((device) => device.kind === 'videoinput')).to.equal(true);
      expect(microphones.every((device) => device.kind === 'audioinput')).to.equal(true);
    });

    it('reports a denied camera as INITIALIZE_FAILED named NotAllowedError, with no stream error event', async function () {
      requireMediaCapture(this);
      const denied = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
      await replacing(navigator.mediaDevices, 'getUserMedia', denied, async () => {
        const local = stream();
        const events: unknown[] = [];
        local.on('error', (error) => events.push(error));
        const error = await rejection(local.initialize());
        expect(error).to.be.instanceOf(Error);
        expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.INITIALIZE_FAILED);
        expect((error as Error).name).to.equal('NotAllowedError');
        expect(events).to.have.length(0);
        expect(local.hasVideo()).to.equal(false);
      });
    });

    it('reports a device that cannot be found as INITIALIZE_FAILED named NotFoundError', async function () {
      requireMediaCapture(this);
      const notFound = () => Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
      await replacing(navigator.mediaDevices, 'getUserMedia', notFound, async () => {
        const error = await rejection(stream().initialize());
        expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.INITIALIZE_FAILED);
        expect((error as Error).name).to.equal('NotFoundError');
      });
    });

    it('reports a missing camera or microphone as DEVICE_NOT_FOUND', async function () {
      requireMediaCapture(this);
      const notFound = () => Promise.reject(new DOMException('Requested device not found', 'NotFoundError'));
      const devices = await navigator.mediaDevices.enumerateDevices();
      const pages: [string, MediaDeviceInfo[]][] = [
        ['no devices at all', []],
        ['cameras only', devices.filter((device) => device.kind === 'videoinput')],
      ];
      for (const [what, present] of pages) {
        await replacing(navigator.mediaDevices, 'enumerateDevices', () => Promise.resolve(present), () =>
          replacing(navigator.mediaDevices, 'getUserMedia', notFound, async () => {
            const error = await rejection(stream().initialize());
            expect(trtcCodeOf(error), what).to.equal(TrtcErrorCode.DEVICE_NOT_FOUND);
          }),
        );
      }
    });

    it('rejects play() blocked by autoplay policy with PLAY_NOT_ALLOWED, which resume() retries', async function () {
      requireMediaCapture(this);
      const local = stream();
      await local.initialize();
      const errors: unknown[] = [];
      local.on('error', (error) => errors.push(error));
      const attempts: string[] = [];
      let blocked = true;
      const nativePlay = HTMLMediaElement.prototype.play;
      function play(this: HTMLMediaElement) {
        attempts.push(this.tagName.toLowerCase());
        return blocked ? Promise.reject(new DOMException('play() needs a user gesture', 'NotAllowedError')) : nativePlay.call(this);
      }
      await replacing(HTMLMediaElement.prototype, 'play', play, async () => {
        const refused = await rejection(local.play(container()));
        expect(trtcCodeOf(refused)).to.equal(TrtcErrorCode.PLAY_NOT_ALLOWED);
        expect(attempts).to.deep.equal(['audio', 'video']);
        expect(errors.map(trtcCodeOf), "one stream 'error' event per refused element").to.deep.equal([
          TrtcErrorCode.PLAY_NOT_ALLOWED,
          TrtcErrorCode.PLAY_NOT_ALLOWED,
        ]);

        attempts.length = 0;
        const stillRefused = await rejection(local.resume());
        expect(trtcCodeOf(stillRefused)).to.equal(TrtcErrorCode.PLAY_NOT_ALLOWED);
        expect(attempts, 'resume() stops at the first refusal').to.deep.equal(['audio']);
        expect(errors, "resume() rejects without an 'error' event").to.have.length(2);

        blocked = false;
        attempts.length = 0;
        await local.resume();
        expect(attempts, 'resume() retries every element').to.deep.equal(['audio', 'video']);
      });
    });

    it('refuses client calls made outside a room the way the SDK does', async function () {
      requireMediaCapture(this);
      const created = client();
      const switched = await rejection(created.switchRole('anchor'));
      expect(trtcCodeOf(switched), 'switchRole() before join()').to.equal(TrtcErrorCode.INVALID_OPERATION);
      const badRole = await rejection(created.switchRole('host' as never));
      expect(trtcCodeOf(badRole), 'switchRole() to an unknown role').to.equal(TrtcErrorCode.INVALID_PARAMETER);
      const local = stream({ userId: CONFIG.userId, audio: false, video: true });
      await local.initialize();
      const published = await rejection(created.publish(local));
      expect(trtcCodeOf(published), 'publish() before join()').to.equal(TrtcErrorCode.INVALID_OPERATION);
      const nothing = await rejection(created.publish(undefined as never));
      expect(trtcCodeOf(nothing), 'publish() without a stream').to.equal(TrtcErrorCode.INVALID_PARAMETER);
      await created.unpublish(local);
      const notRemote = await rejection(created.subscribe({} as never));
      expect(trtcCodeOf(notRemote), 'subscribe() to a non-stream').to.equal(TrtcErrorCode.INVALID_PARAMETER);
      const notRemoteEither = await rejection(created.unsubscribe({} as never));
      expect(trtcCodeOf(notRemoteEither)).to.equal(TrtcErrorCode.INVALID_PARAMETER);
      await created.leave();

      const rtc = client({ mode: 'rtc' });
      const rtcSwitch = await rejection(rtc.switchRole('anchor'));
      expect(trtcCodeOf(rtcSwitch), 'switchRole() outside live mode').to.equal(TrtcErrorCode.INVALID_PARAMETER);

      created.destroy();
      created.destroy();
      const afterDestroy = await rejection(created.join({ roomId: 8888 }));
      expect(trtcCodeOf(afterDestroy), 'join() after destroy()').to.equal(TrtcErrorCode.INVALID_OPERATION);
    });

    it('refuses bad join() arguments with INVALID_PARAMETER', async () => {
      const numeric: [string, unknown, object?][] = [
        ['no options', undefined],
        ['no roomId', {}],
        ['room 0', { roomId: 0 }],
        ['a negative room', { roomId: -1 }],
        ['a room beyond 4294967294', { roomId: 4294967295 }],
        ['a fractional room', { roomId: 1.5 }],
        ['a string room without useStringRoomId', { roomId: '123' }],
        ['an unknown role', { roomId: 8888, role: 'host' }],
        ['a numeric room with useStringRoomId', { roomId: 123 }, { useStringRoomId: true }],
        ['an empty string room', { roomId: '' }, { useStringRoomId: true }],
        ['a string room of 65 characters', { roomId: 'r'.repeat(65) }, { useStringRoomId: true }],
        ['a string room with characters TRTC refuses', { roomId: 'room/1' }, { useStringRoomId: true }],
      ];
      for (const [what, options, overrides] of numeric) {
        const error = await rejection(client(overrides).join(options as never));
        expect(trtcCodeOf(error), what).to.equal(TrtcErrorCode.INVALID_PARAMETER);
      }
    });
  });
}
