/**
 * Devices on the loopback backend, on local streams (no room, so in every engine): the device
 * lists, switchDevice() with frames from the new device, and recovery when the device in use goes.
 */
import { expect } from '@open-wc/testing';
import { isMissingDevice, TrtcErrorCode, trtcCodeOf } from '../../../src/backends/error-codes.js';
import { loopbackTesting } from '../../../src/backends/loopback/index.js';
import type { TrtcDeviceRecoveredEvent, TrtcError, TrtcLocalStream } from '../../../src/backends/types.js';
import { rejection } from '../../helpers/async.js';
import { requireMediaCapture, requireVideoFrameCallback } from '../../helpers/features.js';
import { liveCapturedTracks, watchMediaResources } from '../../helpers/leaks.js';
import { framesRendered, until } from '../../helpers/media.js';
import { withTimeout } from '../../helpers/async.js';
import { LoopbackFixture } from './fixture.js';

/** Every 'device-auto-recovered' and 'error' a stream emits. */
function streamEvents(stream: TrtcLocalStream) {
  const recovered: TrtcDeviceRecoveredEvent[] = [];
  const errors: TrtcError[] = [];
  stream.on('device-auto-recovered', (event) => recovered.push(event));
  stream.on('error', (error) => errors.push(error));
  return { recovered, errors };
}

/** The `<video>` a stream plays in `container`, once it shows `track` and has presented new frames. */
async function previewShows(container: HTMLElement, track: MediaStreamTrack): Promise<HTMLVideoElement> {
  let video: HTMLVideoElement | null = null;
  await until(() => {
    video = container.querySelector('video');
    return (video?.srcObject as MediaStream | null)?.getVideoTracks()[0] === track;
  }, `the preview to show ${track.label}`);
  await withTimeout(framesRendered(video!), `frames of ${track.label}`);
  return video!;
}

describe('loopback backend: devices', () => {
  const fixture = new LoopbackFixture();

  before(async function () {
    requireMediaCapture(this);
    watchMediaResources();
    await fixture.setUp();
  });

  afterEach(async () => {
    await fixture.tearDown();
    expect(liveCapturedTracks(), 'no camera or microphone left on').to.have.length(0);
  });

  it('lists cameras, microphones and speakers as enumerateDevices() does, labelled once capture is allowed', async () => {
    await fixture.camera('u');
    const devices = await navigator.mediaDevices.enumerateDevices();
    const ofKind = (kind: MediaDeviceKind) => devices.filter((device) => device.kind === kind).map((device) => device.deviceId);
    const { TRTC } = fixture;
    expect((await TRTC.getCameras()).map((device) => device.deviceId)).to.deep.equal(ofKind('videoinput'));
    expect((await TRTC.getMicrophones()).map((device) => device.deviceId)).to.deep.equal(ofKind('audioinput'));
    expect((await TRTC.getSpeakers()).map((device) => device.deviceId)).to.deep.equal(ofKind('audiooutput'));
    const cameras = await TRTC.getCameras();
    expect(cameras.length, 'a fake camera').to.be.greaterThan(0);
    for (const camera of cameras) expect(camera.label, 'labelled after permission').not.to.equal('');
  });

  it('unplugDevice() takes a device out of the lists and fires devicechange; replugDevices() brings it back', async () => {
    await fixture.camera('u');
    const { TRTC } = fixture;
    const [camera] = await TRTC.getCameras();
    let changes = 0;
    const onChange = () => (changes += 1);
    navigator.mediaDevices.addEventListener('devicechange', onChange);
    try {
      loopbackTesting.unplugDevice(camera.deviceId);
      expect((await TRTC.getCameras()).map((device) => device.deviceId)).not.to.include(camera.deviceId);
      expect(changes).to.equal(1);
      loopbackTesting.replugDevices();
      expect((await TRTC.getCameras()).map((device) => device.deviceId)).to.include(camera.deviceId);
      expect(changes).to.equal(2);
    } finally {
      navigator.mediaDevices.removeEventListener('devicechange', onChange);
    }
  });

  describe('switchDevice()', () => {
    before(function () {
      requireVideoFrameCallback(this);
    });

    it('switches the camera: the preview plays frames of the new device, the old track ends', async () => {
      const stream = await fixture.camera('u');
      const container = fixture.container();
      await stream.play(container);
      const before = stream.getVideoTrack()!;
      await previewShows(container, before);
      const cameras = await fixture.TRTC.getCameras();
      const target = cameras.find((camera) => camera.deviceId !== before.getSettings().deviceId);
      if (!target) {
        // A browser with one camera (Firefox): the device in use already is no switch, as in v4.
        await stream.switchDevice('video', cameras[0].deviceId);
        expect(stream.getVideoTrack()).to.equal(before);
        await previewShows(container, before);
        return;
      }

      await stream.switchDevice('video', target.deviceId);

      const after = stream.getVideoTrack()!;
      expect(after).not.to.equal(before);
      expect(after.label, "the new track is the chosen device's").to.equal(target.label);
      expect(after.getSettings().deviceId).to.equal(target.deviceId);
      expect(before.readyState, 'the previous camera is released').to.equal('ended');
      await previewShows(container, after);
      expect(container.querySelectorAll('video'), 'one preview').to.have.length(1);
    });

    it('switches the microphone, keeping the mute state', async () => {
      const stream = await fixture.camera('u');
      expect(stream.muteAudio()).to.equal(true);
      const before = stream.getAudioTrack()!;
      const microphones = await fixture.TRTC.getMicrophones();
      const other = microphones.find((microphone) => microphone.deviceId !== before.getSettings().deviceId);
      const target = other ?? microphones[0];

      await stream.switchDevice('audio', target.deviceId);

      const after = stream.getAudioTrack()!;
      expect(after.label).to.equal(target.label);
      expect(after.enabled, 'still muted').to.equal(false);
      // With one microphone (Firefox) the device in use already is no switch.
      expect(after === before ? 'kept' : before.readyState).to.equal(other ? 'ended' : 'kept');
      expect(stream.getVideoTrack()!.readyState, 'the camera is untouched').to.equal('live');
    });

    it('an unknown device id is DEVICE_NOT_FOUND and the current device stays in use', async () => {
      const stream = await fixture.camera('u');
      const container = fixture.container();
      await stream.play(container);
      const before = stream.getVideoTrack()!;

      const error = await rejection(stream.switchDevice('video', 'no-such-camera'));

      expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.DEVICE_NOT_FOUND);
      expect(isMissingDevice(error)).to.equal(true);
      expect((error as Error).message).to.match(/no camera with deviceId "no-such-camera"/);
      expect(stream.getVideoTrack()).to.equal(before);
      expect(before.readyState).to.equal('live');
      await previewShows(container, before);
    });

    it('a device removed while switching to it is DEVICE_NOT_FOUND and the current device stays in use', async () => {
      const stream = await fixture.camera('u');
      const before = stream.getVideoTrack()!;
      const cameras = await fixture.TRTC.getCameras();
      const target = cameras.find((camera) => camera.label !== before.label) ?? cameras[0];

      const switching = stream.switchDevice('video', target.deviceId);
      loopbackTesting.unplugDevice(target.deviceId);
      const error = await rejection(switching);

      expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.DEVICE_NOT_FOUND);
      if (target.label !== before.label) {
        expect(stream.getVideoTrack()).to.equal(before);
        expect(before.readyState).to.equal('live');
      }
    });

    it('refuses a bad kind or id, an uninitialised stream and a stream of given tracks', async () => {
      const stream = fixture.TRTC.createStream({ userId: 'u', audio: true, video: true });
      expect(trtcCodeOf(await rejection(stream.switchDevice('screen' as never, 'x')))).to.equal(TrtcErrorCode.INVALID_PARAMETER);
      expect(trtcCodeOf(await rejection(stream.switchDevice('video', '')))).to.equal(TrtcErrorCode.INVALID_PARAMETER);
      expect(trtcCodeOf(await rejection(stream.switchDevice('video', 42 as never)))).to.equal(TrtcErrorCode.INVALID_PARAMETER);
      expect(trtcCodeOf(await rejection(stream.switchDevice('video', 'x'))), 'not initialised').to.equal(
        TrtcErrorCode.INVALID_OPERATION,
      );
      const audioOnly = await fixture.camera('u', { audio: true, video: false });
      const [camera] = await fixture.TRTC.getCameras();
      expect(trtcCodeOf(await rejection(audioOnly.switchDevice('video', camera.deviceId)))).to.equal(
        TrtcErrorCode.INVALID_OPERATION,
      );
      const media = await navigator.mediaDevices.getUserMedia({ video: true });
      const given = fixture.TRTC.createStream({ userId: 'u', videoSource: media.getVideoTracks()[0] });
      await given.initialize();
      expect(trtcCodeOf(await rejection(given.switchDevice('video', camera.deviceId)))).to.equal(TrtcErrorCode.INVALID_OPERATION);
      given.close();
    });

    it('a switch overtaken by close() releases what it captured', async () => {
      const stream = await fixture.camera('u');
      const [camera] = await fixture.TRTC.getCameras();
      const switching = stream.switchDevice('video', camera.deviceId);
      stream.close();
      expect(trtcCodeOf(await rejection(switching))).to.equal(TrtcErrorCode.API_CALL_ABORTED);
      expect(stream.hasVideo()).to.equal(false);
    });

    it('initialize() after a switch captures the device switched to', async () => {
      const stream = await fixture.camera('u');
      const cameras = await fixture.TRTC.getCameras();
      const target = cameras[cameras.length - 1];
      await stream.switchDevice('video', target.deviceId);
      stream.close();
      await stream.initialize();
      expect(stream.getVideoTrack()!.label).to.equal(target.label);
    });
  });

  describe('when the device in use goes away', () => {
    before(function () {
      requireVideoFrameCallback(this);
    });

    beforeEach(() => {
      loopbackTesting.configure({ trackCheckIntervalMs: 50 });
    });

    it('a track stopped from outside: captures the same device again and reports it once', async () => {
      const stream = await fixture.camera('u');
      const { recovered, errors } = streamEvents(stream);
      const container = fixture.container();
      await stream.play(container);
      expect(stream.muteVideo()).to.equal(true);
      const before = stream.getVideoTrack()!;

      before.stop();

      await until(() => recovered.length > 0, "'device-auto-recovered'");
      const after = stream.getVideoTrack()!;
      expect(after).not.to.equal(before);
      expect(after.readyState).to.equal('live');
      expect(after.label, 'the device is still there').to.equal(before.label);
      expect(after.enabled, 'still muted').to.equal(false);
      expect(recovered).to.deep.equal([
        { isCamera: true, isMicrophone: false, cameraId: after.getSettings().deviceId, microphoneId: stream.getAudioTrack()!.getSettings().deviceId },
      ]);
      stream.unmuteVideo();
      await previewShows(container, after);
      expect(errors).to.have.length(0);
      expect(recovered, 'reported once').to.have.length(1);
    });

    it('an unplugged camera: falls back to another one, or reports DEVICE_AUTO_RECOVER_FAILED when none is left', async () => {
      const stream = await fixture.camera('u');
      const { recovered, errors } = streamEvents(stream);
      const container = fixture.container();
      await stream.play(container);
      const before = stream.getVideoTrack()!;
      const others = (await fixture.TRTC.getCameras()).filter((camera) => camera.deviceId !== before.getSettings().deviceId);

      loopbackTesting.unplugDevice(before.getSettings().deviceId!);

      expect(before.readyState).to.equal('ended');
      await until(() => recovered.length + errors.length > 0, 'the recovery to finish');
      if (others.length > 0) {
        const after = stream.getVideoTrack()!;
        expect(after.label, 'the first camera still there').to.equal(others[0].label);
        expect(recovered).to.have.length(1);
        expect(recovered[0]).to.include({ isCamera: true, isMicrophone: false, cameraId: others[0].deviceId });
        await previewShows(container, after);
        expect(errors).to.have.length(0);
      } else {
        expect(errors.map(trtcCodeOf)).to.deep.equal([TrtcErrorCode.DEVICE_AUTO_RECOVER_FAILED]);
        expect(stream.getVideoTrack(), 'the camera stays ended').to.equal(before);
        expect(stream.getAudioTrack()!.readyState, 'the microphone goes on').to.equal('live');
        expect(recovered).to.have.length(0);
      }
    });

    it('an unplugged microphone falls back the same way', async () => {
      const stream = await fixture.camera('u');
      const { recovered, errors } = streamEvents(stream);
      const before = stream.getAudioTrack()!;
      const others = (await fixture.TRTC.getMicrophones()).filter((mic) => mic.deviceId !== before.getSettings().deviceId);

      loopbackTesting.unplugDevice(before.getSettings().deviceId!);

      expect(before.readyState).to.equal('ended');
      await until(() => recovered.length + errors.length > 0, 'the recovery to finish');
      if (others.length > 0) {
        expect(stream.getAudioTrack()!.getSettings().deviceId).to.equal(others[0].deviceId);
        expect(recovered[0]).to.include({ isCamera: false, isMicrophone: true, microphoneId: others[0].deviceId });
      } else {
        expect(errors.map(trtcCodeOf)).to.deep.equal([TrtcErrorCode.DEVICE_AUTO_RECOVER_FAILED]);
      }
    });

    it('nothing happens to a closed stream, or to tracks the page gave it', async () => {
      const stream = await fixture.camera('u');
      const { recovered, errors } = streamEvents(stream);
      const track = stream.getVideoTrack()!;
      stream.close();
      track.dispatchEvent(new Event('ended'));

      const media = await navigator.mediaDevices.getUserMedia({ video: true });
      const given = fixture.TRTC.createStream({ userId: 'u', videoSource: media.getVideoTracks()[0] });
      const givenEvents = streamEvents(given);
      await given.initialize();
      media.getVideoTracks()[0].stop();

      // Several track checks pass.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(recovered.length + errors.length + givenEvents.recovered.length + givenEvents.errors.length).to.equal(0);
      given.close();
      expect(liveCapturedTracks()).to.have.length(0);
    });
  });
});
