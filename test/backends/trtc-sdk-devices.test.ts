/**
 * Devices and muting on the real trtc-js-sdk v4, offline (a local stream needs no room): what the
 * loopback backend and the v5 wrapper copy, checked against the SDK itself.
 */
import { expect } from '@open-wc/testing';
import { loadBackend } from '../../src/backends/loader.js';
import { isMissingDevice, TrtcErrorCode, trtcCodeOf } from '../../src/backends/error-codes.js';
import type { TrtcBackend, TrtcLocalStream } from '../../src/backends/types.js';
import { rejection, withTimeout } from '../helpers/async.js';
import { requireFeatures, requireMediaCapture, requireVideoFrameCallback } from '../helpers/features.js';
import { liveCapturedTracks, watchMediaResources } from '../helpers/leaks.js';
import { framesRendered, shadowContainer, until } from '../helpers/media.js';

const ofKind = async (kind: MediaDeviceKind) =>
  (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === kind);
const ids = (devices: MediaDeviceInfo[]) => devices.map((device) => device.deviceId);

describe('real trtc-js-sdk: devices and muting, offline', () => {
  let TRTC: TrtcBackend;
  let stream: TrtcLocalStream | undefined;
  let cleanup: (() => void) | undefined;

  before(async function () {
    requireMediaCapture(this);
    watchMediaResources();
    TRTC = await loadBackend('trtc');
  });

  afterEach(async () => {
    stream?.close();
    cleanup?.();
    stream = undefined;
    cleanup = undefined;
    await until(() => liveCapturedTracks().length === 0, 'every captured track to end', 3000);
  });

  async function preview() {
    stream = TRTC.createStream({ userId: 'v4_devices', audio: true, video: true });
    await stream.initialize();
    const { host, container } = shadowContainer();
    cleanup = () => host.remove();
    await stream.play(container, { muted: true });
    return { stream, container };
  }

  async function showsFrames(container: HTMLElement, track: MediaStreamTrack) {
    let video: HTMLVideoElement | null = null;
    await until(() => {
      video = container.querySelector('video');
      return (video?.srcObject as MediaStream | null)?.getVideoTracks()[0] === track;
    }, `the preview to show ${track.label}`);
    await withTimeout(framesRendered(video!), `frames of ${track.label}`);
  }

  it('lists cameras, microphones and speakers as enumerateDevices() does', async () => {
    stream = TRTC.createStream({ userId: 'v4_devices', audio: true, video: true });
    await stream.initialize();
    expect(ids(await TRTC.getCameras())).to.deep.equal(ids(await ofKind('videoinput')));
    expect(ids(await TRTC.getMicrophones())).to.deep.equal(ids(await ofKind('audioinput')));
    expect(ids(await TRTC.getSpeakers())).to.deep.equal(ids(await ofKind('audiooutput')));
    for (const camera of await TRTC.getCameras()) expect(camera.label, 'labelled after permission').not.to.equal('');
  });

  it('mutes and unmutes by disabling the tracks, which stay captured', async () => {
    const { stream } = await preview();
    const [audio, video] = [stream.getAudioTrack()!, stream.getVideoTrack()!];
    expect([stream.muteAudio(), stream.muteVideo()]).to.deep.equal([true, true]);
    expect([audio.enabled, video.enabled]).to.deep.equal([false, false]);
    expect([audio.readyState, video.readyState]).to.deep.equal(['live', 'live']);
    expect([stream.unmuteAudio(), stream.unmuteVideo()]).to.deep.equal([true, true]);
    expect([stream.getAudioTrack()!.enabled, stream.getVideoTrack()!.enabled]).to.deep.equal([true, true]);
  });

  it("reports a speaker that is not there with the browser's NotFoundError, which isMissingDevice() reads", async () => {
    const { stream } = await preview();
    // v4 has setAudioOutput() on every stream; a remote one needs a room.
    const playing = stream as unknown as { setAudioOutput(deviceId: string): Promise<void> };
    const error = await rejection(playing.setAudioOutput('no-such-speaker'));
    if (!('setSinkId' in HTMLMediaElement.prototype)) {
      // v4 calls setSinkId() regardless: why our backends check first and say NOT_SUPPORTED.
      expect(error).to.be.instanceOf(TypeError);
      return;
    }
    expect((error as Error).name).to.equal('NotFoundError');
    expect(isMissingDevice(error)).to.equal(true);
    const speakers = await ofKind('audiooutput');
    await playing.setAudioOutput(speakers.at(-1)?.deviceId ?? '');
  });

  describe('switchDevice()', () => {
    before(function () {
      requireVideoFrameCallback(this);
    });

    it('is NOT_SUPPORTED where the browser has no RTCRtpSender.replaceTrack, and works where it has', async () => {
      const { stream } = await preview();
      const [camera] = await ofKind('videoinput');
      const switching = stream.switchDevice('video', camera.deviceId);
      if ('RTCRtpSender' in window) {
        await switching;
        return;
      }
      const error = await rejection(switching);
      expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.NOT_SUPPORTED);
      expect((error as Error).message).to.match(/switchDevice is not supported/);
    });

  });

  describe('switchDevice() where the browser has RTCRtpSender.replaceTrack', () => {
    before(function () {
      // v4 needs it (see above); here it is part of WebRTC.
      requireFeatures(this, 'webRTC', 'videoFrameCallback');
    });

    it('switches the camera of a preview to another device (or, with one camera, keeps it: no switch)', async () => {
      const { stream, container } = await preview();
      const before = stream.getVideoTrack()!;
      await showsFrames(container, before);
      const cameras = await ofKind('videoinput');
      const target = cameras.find((camera) => camera.deviceId !== before.getSettings().deviceId) ?? cameras[0];

      await stream.switchDevice('video', target.deviceId);

      const after = stream.getVideoTrack()!;
      expect(after.label).to.equal(target.label);
      expect(after === before, 'a new track exactly when the device changed').to.equal(target.deviceId === before.getSettings().deviceId);
      if (after !== before) expect(before.readyState).to.equal('ended');
      await showsFrames(container, after);
    });

    it('switches the microphone', async () => {
      const { stream } = await preview();
      const before = stream.getAudioTrack()!;
      const microphones = await ofKind('audioinput');
      const target = microphones.find((device) => device.deviceId !== before.getSettings().deviceId) ?? microphones[0];
      await stream.switchDevice('audio', target.deviceId);
      expect(stream.getAudioTrack()!.label).to.equal(target.label);
      expect(stream.getAudioTrack()!.readyState).to.equal('live');
      expect(stream.getVideoTrack()!.readyState, 'the camera is untouched').to.equal('live');
    });

    it('an unknown device id rejects and the same camera is capturing afterwards', async () => {
      const { stream, container } = await preview();
      const cameraId = stream.getVideoTrack()!.getSettings().deviceId;
      const error = await rejection(stream.switchDevice('video', 'no-such-camera'));
      // v4 names the browser's refusal of an exact device id.
      expect((error as Error).name).to.equal('OverconstrainedError');
      expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.INITIALIZE_FAILED);
      expect(isMissingDevice(error)).to.equal(true);
      // v4 ends the camera before it asks for the new one, then captures the previous one again.
      await until(() => stream.getVideoTrack()?.readyState === 'live', 'the previous camera back');
      const after = stream.getVideoTrack()!;
      expect(after.getSettings().deviceId).to.equal(cameraId);
      await showsFrames(container, after);
    });
  });
});
