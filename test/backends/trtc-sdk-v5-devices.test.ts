/**
 * Devices, muting, volume and network quality on the real trtc-sdk-v5 behind our v4 shape,
 * offline: device lists, switching a local capture (`updateLocalVideo/Audio({ option })`), the
 * speaker (`TRTC.setCurrentSpeaker`), and v5's AUDIO_VOLUME / NETWORK_QUALITY events in v4 terms
 * (emitted on the real instance, as trtc-v5-events.test.ts does: a room needs Tencent Cloud).
 */
import { expect } from '@open-wc/testing';
import { loadBackend } from '../../src/backends/loader.js';
import { TrtcErrorCode, trtcCodeOf } from '../../src/backends/error-codes.js';
import type { V5Client } from '../../src/backends/trtc-v5/client.js';
import type { TrtcAudioVolume, TrtcBackend, TrtcClient, TrtcLocalStream, TrtcNetworkQualityEvent, TrtcRemoteStream } from '../../src/backends/types.js';
import { rejection, thrown, withTimeout } from '../helpers/async.js';
import { requireMediaCapture, requireVideoFrameCallback } from '../helpers/features.js';
import { liveCapturedTracks, watchMediaResources } from '../helpers/leaks.js';
import { framesRendered, shadowContainer, until } from '../helpers/media.js';

const CONFIG = { mode: 'live', sdkAppId: 1400000000, userId: 'v5_devices', userSig: 'not-a-real-signature' } as const;

/** Emits `event` the way the v5 instance emits it to the page (its declarations leave emit() out). */
const v5Emit = (client: TrtcClient, event: string, payload: unknown) =>
  ((client as V5Client).trtc as unknown as { emit(event: string, payload: unknown): void }).emit(event, payload);

const ofKind = async (kind: MediaDeviceKind) =>
  (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === kind);

describe('real trtc-sdk-v5: devices, muting, volume and network quality, offline', function () {
  this.timeout(30000);
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
    client?.destroy();
    cleanup?.();
    stream = undefined;
    client = undefined;
    cleanup = undefined;
    await until(() => liveCapturedTracks().length === 0, 'every captured track to end', 3000);
  });

  /** A capture on a client's instance, playing in a div inside a shadow root. */
  async function preview() {
    client = TRTC.createClient(CONFIG);
    stream = TRTC.createStream({ userId: CONFIG.userId, audio: true, video: true });
    await stream.initialize();
    const { host, container } = shadowContainer();
    cleanup = () => host.remove();
    await stream.play(container);
    return { client, stream, container };
  }

  async function showsFrames(container: HTMLElement, track: MediaStreamTrack) {
    let video: HTMLVideoElement | null = null;
    await until(() => {
      video = container.querySelector('video');
      return (video?.srcObject as MediaStream | null)?.getVideoTracks()[0] === track;
    }, `the preview to show ${track.label}`);
    await withTimeout(framesRendered(video!), `frames of ${track.label}`);
  }

  it('lists cameras, microphones and speakers with getCameraList / getMicrophoneList / getSpeakerList', async function () {
    requireMediaCapture(this);
    const ids = (devices: MediaDeviceInfo[]) => devices.map((device) => device.deviceId).sort();
    const [cameras, microphones, speakers] = [await TRTC.getCameras(), await TRTC.getMicrophones(), await TRTC.getSpeakers()];
    expect(cameras.length).to.be.greaterThan(0);
    expect(ids(cameras)).to.deep.equal(ids(await ofKind('videoinput')));
    expect(ids(microphones)).to.deep.equal(ids(await ofKind('audioinput')));
    // v5 leaves out the "default" alias Chromium lists besides the devices themselves.
    const outputs = (await ofKind('audiooutput')).filter((device) => device.deviceId !== 'default');
    expect(ids(speakers).filter((id) => id !== 'default')).to.deep.equal(ids(outputs));
    await until(() => liveCapturedTracks().length === 0, 'the permission probe to end its capture', 3000);
  });

  it('switches the camera of a preview: frames of the new device, the old track ended, the mute kept', async function () {
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    const { stream, container } = await preview();
    const before = stream.getVideoTrack()!;
    await showsFrames(container, before);
    const cameras = await ofKind('videoinput');
    // With one camera (Firefox) the device in use already is no switch, as in v4.
    const target = cameras.find((camera) => camera.deviceId !== before.getSettings().deviceId) ?? cameras[0];
    expect(stream.muteAudio()).to.equal(true);

    await stream.switchDevice('video', target.deviceId);

    const after = stream.getVideoTrack()!;
    expect(after.label).to.equal(target.label);
    if (after !== before) expect(before.readyState, 'the previous camera is released').to.equal('ended');
    expect(after === before, 'a new track exactly when the device changed').to.equal(target.deviceId === before.getSettings().deviceId);
    await showsFrames(container, after);

    const microphones = await ofKind('audioinput');
    const micBefore = stream.getAudioTrack()!;
    const microphone = microphones.find((device) => device.deviceId !== micBefore.getSettings().deviceId) ?? microphones[0];
    await stream.switchDevice('audio', microphone.deviceId);
    expect(stream.getAudioTrack()!.label).to.equal(microphone.label);
    expect(stream.getAudioTrack()!.enabled, 'still muted').to.equal(false);
  });

  it('an unknown device is DEVICE_NOT_FOUND and the current one stays; bad calls are refused', async function () {
    requireMediaCapture(this);
    const { stream } = await preview();
    const before = stream.getVideoTrack()!;
    const error = await rejection(stream.switchDevice('video', 'no-such-camera'));
    expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.DEVICE_NOT_FOUND);
    expect(stream.getVideoTrack()).to.equal(before);
    expect(before.readyState).to.equal('live');
    expect(trtcCodeOf(await rejection(stream.switchDevice('screen' as never, 'x')))).to.equal(TrtcErrorCode.INVALID_PARAMETER);
    expect(trtcCodeOf(await rejection(stream.switchDevice('video', '')))).to.equal(TrtcErrorCode.INVALID_PARAMETER);
    const idle = TRTC.createStream({ audio: true, video: true });
    expect(trtcCodeOf(await rejection(idle.switchDevice('video', 'x'))), 'not initialised').to.equal(TrtcErrorCode.INVALID_OPERATION);
  });

  it('mutes video through v5 without ending the capture, and unmutes it', async function () {
    requireMediaCapture(this);
    const { stream } = await preview();
    const track = stream.getVideoTrack()!;
    expect(stream.muteVideo()).to.equal(true);
    expect(track.enabled).to.equal(false);
    expect(track.readyState).to.equal('live');
    expect(stream.unmuteVideo()).to.equal(true);
    expect(stream.getVideoTrack()!.enabled).to.equal(true);
  });

  describe('a remote stream announced by v5', () => {
    let remote: TrtcRemoteStream;

    beforeEach(() => {
      client = TRTC.createClient(CONFIG);
      client.on('stream-added', (event) => (remote = event.stream));
      v5Emit(client, 'remote-audio-available', { userId: 'host' });
    });

    it("setAudioOutput() routes v5's playback with setCurrentSpeaker where the browser can choose, and says NOT_SUPPORTED where it cannot", async () => {
      const speakers = await ofKind('audiooutput');
      if (!('setSinkId' in HTMLMediaElement.prototype)) {
        const error = await rejection(remote.setAudioOutput(speakers[0]?.deviceId ?? ''));
        expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.NOT_SUPPORTED);
        expect((error as Error).message).to.match(/cannot choose where sound is played/);
        return;
      }
      await remote.setAudioOutput(speakers.at(-1)?.deviceId ?? '');
      expect(trtcCodeOf(await rejection(remote.setAudioOutput('no-such-speaker')))).to.equal(TrtcErrorCode.DEVICE_NOT_FOUND);
      expect(trtcCodeOf(await rejection(remote.setAudioOutput(3 as never)))).to.equal(TrtcErrorCode.INVALID_PARAMETER);
    });

    it("turns v5's AUDIO_VOLUME into 'audio-volume': the local microphone ('') under the client's own userId", async function () {
      requireMediaCapture(this);
      stream = TRTC.createStream({ userId: CONFIG.userId, audio: true, video: false });
      await stream.initialize();
      const reports: TrtcAudioVolume[][] = [];
      client!.on('audio-volume', ({ result }) => reports.push(result));
      v5Emit(client!, 'audio-volume', {
        result: [
          { userId: '', volume: 40, floatVolume: 0.4 },
          { userId: 'host', volume: 12, floatVolume: 0.12 },
          { userId: 'stranger', volume: 90, floatVolume: 0.9 },
        ],
      });
      expect(reports).to.have.length(1);
      expect(reports[0].map(({ userId, audioVolume }) => ({ userId, audioVolume }))).to.deep.equal([
        { userId: CONFIG.userId, audioVolume: 40 },
        { userId: 'host', audioVolume: 12 },
      ]);
      expect(reports[0][0].stream).to.equal(stream);
      expect(reports[0][1].stream).to.equal(remote);
      expect(trtcCodeOf(thrown(() => client!.enableAudioVolumeEvaluation('often' as never)))).to.equal(TrtcErrorCode.INVALID_PARAMETER);
      // Off until joined (and v5 takes the call either way).
      expect(client!.enableAudioVolumeEvaluation(200)).to.equal(undefined);
      expect(client!.enableAudioVolumeEvaluation(0)).to.equal(undefined);
    });

    it("turns v5's NETWORK_QUALITY into 'network-quality' on the same scale", () => {
      const reports: TrtcNetworkQualityEvent[] = [];
      client!.on('network-quality', (event) => reports.push(event));
      v5Emit(client!, 'network-quality', {
        uplinkNetworkQuality: 2,
        downlinkNetworkQuality: 6,
        uplinkRTT: 80,
        uplinkLoss: 1,
        downlinkRTT: 0,
        downlinkLoss: 100,
      });
      expect(reports).to.deep.equal([{ uplinkNetworkQuality: 2, downlinkNetworkQuality: 6 }]);
    });
  });
});
