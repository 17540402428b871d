/**
 * What a room sees of a publisher's media controls on the loopback backend: muting, switching
 * devices while published, the speaker a remote stream plays on, measured audio volume and
 * network quality, and that each stops with leave().
 */
import { expect } from '@open-wc/testing';
import { TrtcErrorCode, trtcCodeOf } from '../../../src/backends/error-codes.js';
import { loopbackTesting } from '../../../src/backends/loopback/index.js';
import { qualityOf, worstOf } from '../../../src/backends/loopback/network-quality.js';
import { volumeOfLevel } from '../../../src/backends/loopback/volume-meter.js';
import type { TrtcAudioVolume, TrtcClient, TrtcNetworkQualityEvent } from '../../../src/backends/types.js';
import { rejection, thrown, withTimeout } from '../../helpers/async.js';
import { requireMediaCapture, requireVideoFrameCallback, requireWebRTC, skipUnless } from '../../helpers/features.js';
import { liveCapturedTracks, openAudioContexts, openPeerConnections, watchMediaResources } from '../../helpers/leaks.js';
import { framesRendered, until } from '../../helpers/media.js';
import { trackPending } from '../../helpers/pending.js';
import { LoopbackFixture, uniqueRoomId } from './fixture.js';

/** Every 'audio-volume' report a client emits. */
function volumeLog(client: TrtcClient) {
  const reports: TrtcAudioVolume[][] = [];
  client.on('audio-volume', ({ result }) => reports.push(result));
  const of = (userId: string, from = 0) =>
    reports.slice(from).map((result) => result.find((entry) => entry.userId === userId)?.audioVolume);
  return { reports, of };
}

function qualityLog(client: TrtcClient) {
  const reports: TrtcNetworkQualityEvent[] = [];
  client.on('network-quality', (event) => reports.push(event));
  return reports;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('loopback backend: media controls in a room', () => {
  const fixture = new LoopbackFixture();

  before(async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    watchMediaResources();
    await fixture.setUp();
  });

  beforeEach(() => {
    loopbackTesting.configure({ heartbeatIntervalMs: 100 });
  });

  afterEach(async () => {
    await fixture.tearDown();
    await until(() => openPeerConnections().length === 0, 'every peer connection to close');
    await until(() => openAudioContexts().length === 0, 'every audio context to close');
    expect(liveCapturedTracks(), 'no camera or microphone left on').to.have.length(0);
  });

  it('muting and unmuting reach the other party within a second', async () => {
    const roomId = uniqueRoomId();
    const host = await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    const { stream } = await fan.events.waitFor('stream-subscribed');

    for (const [act, event] of [
      [() => host.stream.muteVideo(), 'mute-video'],
      [() => host.stream.muteAudio(), 'mute-audio'],
      [() => host.stream.unmuteVideo(), 'unmute-video'],
      [() => host.stream.unmuteAudio(), 'unmute-audio'],
    ] as const) {
      const mark = fan.events.mark();
      expect(act()).to.equal(true);
      await fan.events.waitFor(event, (payload) => payload.userId === 'host', mark, 1000);
    }
    expect(fan.client.getRemoteMutedState()[0]).to.include({ audioMuted: false, videoMuted: false });
    // Muting disables the track: it stays published, and the fan's tracks stay the same.
    expect(fan.events.of('stream-updated')).to.have.length(0);
    expect(stream.getVideoTrack()!.readyState).to.equal('live');
  });

  it('switching the camera while published keeps the frames flowing to the room, with no renegotiation', async () => {
    const roomId = uniqueRoomId();
    const host = await fixture.anchor(roomId, 'host');
    const fan = await fixture.viewer(roomId, 'fan');
    const { stream } = await fan.events.waitFor('stream-subscribed');
    const video = await fixture.playsFrames(stream);
    const received = stream.getVideoTrack()!;
    const before = host.stream.getVideoTrack()!;
    // The last camera: in Chromium fake_device_2 (fake_device_1, a depth camera, cannot be encoded).
    const cameras = await fixture.TRTC.getCameras();
    const target = cameras[cameras.length - 1];
    const mark = fan.events.mark();

    await host.stream.switchDevice('video', target.deviceId);

    expect(host.stream.getVideoTrack()!.label).to.equal(target.label);
    // With one camera (Firefox) the device in use already is no switch.
    const switched = target.deviceId !== before.getSettings().deviceId;
    expect(host.stream.getVideoTrack() !== before, 'a new track exactly when the device changed').to.equal(switched);
    if (switched) expect(before.readyState, 'the previous camera is off').to.equal('ended');
    // Frames after the old camera ended can only come from the new one.
    await withTimeout(framesRendered(video, 10), 'frames from the new camera');
    expect(stream.getVideoTrack(), 'the same received track: no renegotiation').to.equal(received);
    expect(received.readyState).to.equal('live');
    await pause(300);
    expect(fan.events.trace(mark), 'nothing for the room to notice but the picture').to.deep.equal([]);
  });

  it('an unplugged camera while published: the stream recovers onto another device and the room keeps receiving', async () => {
    loopbackTesting.configure({ trackCheckIntervalMs: 50 });
    const roomId = uniqueRoomId();
    const host = await fixture.anchor(roomId, 'host');
    const recovered: string[] = [];
    host.stream.on('device-auto-recovered', (event) => recovered.push(event.cameraId));
    const fan = await fixture.viewer(roomId, 'fan');
    const { stream } = await fan.events.waitFor('stream-subscribed');
    const video = await fixture.playsFrames(stream);
    const before = host.stream.getVideoTrack()!;

    // Stopped from outside (no 'ended' event): the same device is captured again.
    before.stop();

    await until(() => recovered.length === 1, "'device-auto-recovered'");
    expect(host.stream.getVideoTrack()!.readyState).to.equal('live');
    await withTimeout(framesRendered(video, 10), 'frames from the recovered camera');
    expect(fan.events.of('stream-removed'), 'still published').to.have.length(0);
  });

  describe('setAudioOutput()', () => {
    it('routes the sound of a remote stream with setSinkId, now and for later play() calls', async function () {
      skipUnless(this, 'setSinkId' in HTMLMediaElement.prototype, 'this browser has no HTMLMediaElement.setSinkId');
      const roomId = uniqueRoomId();
      await fixture.anchor(roomId, 'host');
      const fan = await fixture.viewer(roomId, 'fan');
      const { stream } = await fan.events.waitFor('stream-subscribed');
      const container = fixture.container();
      await fixture.playsFrames(stream, container);
      const speakers = await fixture.TRTC.getSpeakers();
      // Firefox lists no outputs to a page that has not asked for one: only the default is there.
      const output = speakers[speakers.length - 1]?.deviceId ?? '';

      await stream.setAudioOutput(output);

      expect(container.querySelector('audio')!.sinkId).to.equal(output);
      stream.stop();
      await stream.play(container);
      await until(() => container.querySelector('audio')?.sinkId === output, 'the output to be kept');

      const error = await rejection(stream.setAudioOutput('no-such-speaker'));
      expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.DEVICE_NOT_FOUND);
      expect(container.querySelector('audio')!.sinkId, 'the output in use stays').to.equal(output);
      expect(trtcCodeOf(await rejection(stream.setAudioOutput(7 as never)))).to.equal(TrtcErrorCode.INVALID_PARAMETER);
    });

    it('says NOT_SUPPORTED where the browser cannot choose an output', async () => {
      const roomId = uniqueRoomId();
      await fixture.anchor(roomId, 'host');
      const fan = await fixture.viewer(roomId, 'fan');
      const { stream } = await fan.events.waitFor('stream-subscribed');
      const saved = Object.getOwnPropertyDescriptor(HTMLMediaElement.prototype, 'setSinkId');
      delete (HTMLMediaElement.prototype as Partial<HTMLMediaElement>).setSinkId;
      try {
        const error = await rejection(stream.setAudioOutput(''));
        expect(trtcCodeOf(error)).to.equal(TrtcErrorCode.NOT_SUPPORTED);
        expect((error as Error).message).to.match(/cannot choose where sound is played/);
      } finally {
        if (saved) Object.defineProperty(HTMLMediaElement.prototype, 'setSinkId', saved);
      }
    });
  });

  describe("'audio-volume'", () => {
    it('maps the measured level to 0–100 on a decibel scale', () => {
      expect(volumeOfLevel(0)).to.equal(0);
      expect(volumeOfLevel(0.0005), 'below -60 dBFS').to.equal(0);
      expect(volumeOfLevel(10 ** (-30 / 20))).to.equal(50);
      expect(volumeOfLevel(1)).to.equal(100);
      expect(volumeOfLevel(2), 'clipped').to.equal(100);
    });

    it('is measured from the real tracks once enabled: the fake microphone reads loud, silence after a mute', async () => {
      const roomId = uniqueRoomId();
      const host = await fixture.anchor(roomId, 'host');
      const fan = await fixture.viewer(roomId, 'fan');
      const { stream } = await fan.events.waitFor('stream-subscribed');
      await fixture.playsFrames(stream);
      const fanVolumes = volumeLog(fan.client);
      const hostVolumes = volumeLog(host.client);
      await pause(400);
      expect(fanVolumes.reports, 'nothing until enabled').to.have.length(0);

      fan.client.enableAudioVolumeEvaluation(200);
      host.client.enableAudioVolumeEvaluation(200);

      await until(() => fanVolumes.of('host').some((volume) => volume !== undefined && volume > 30), "the host's sound at the fan");
      await until(() => hostVolumes.of('host').some((volume) => volume !== undefined && volume > 30), "the host's own sound");
      expect(fanVolumes.reports.at(-1)!.map((entry) => entry.userId), 'the fan publishes nothing').to.deep.equal(['host']);
      expect(fanVolumes.reports.at(-1)![0].stream).to.equal(stream);
      expect(hostVolumes.reports.at(-1)![0].stream).to.equal(host.stream);

      host.stream.muteAudio();
      const mark = fanVolumes.reports.length;
      await until(() => fanVolumes.of('host', mark).slice(-2).every((volume) => volume === 0) && fanVolumes.reports.length >= mark + 2, 'silence at the fan');
      await until(() => hostVolumes.of('host').at(-1) === 0, 'silence at the host');
    });

    it('stops with enableAudioVolumeEvaluation(0) and with leave(), closing its AudioContext; refuses a bad interval', async () => {
      const roomId = uniqueRoomId();
      const host = await fixture.anchor(roomId, 'host');
      const volumes = volumeLog(host.client);
      expect(trtcCodeOf(thrown(() => host.client.enableAudioVolumeEvaluation('fast' as never)))).to.equal(
        TrtcErrorCode.INVALID_PARAMETER,
      );
      host.client.enableAudioVolumeEvaluation(100);
      await until(() => volumes.reports.length >= 2, 'reports');
      expect(openAudioContexts()).to.have.length(1);

      host.client.enableAudioVolumeEvaluation(0);
      await until(() => openAudioContexts().length === 0, 'the context to close');
      let count = volumes.reports.length;
      await pause(300);
      expect(volumes.reports.length, 'no report once off').to.equal(count);

      host.client.enableAudioVolumeEvaluation(100);
      await until(() => volumes.reports.length >= count + 2, 'reports again');
      await host.client.leave();
      await until(() => openAudioContexts().length === 0, 'the context to close on leave');
      count = volumes.reports.length;
      await pause(300);
      expect(volumes.reports.length, 'no report after leave').to.equal(count);

      // The choice outlasts leave(): measuring resumes with the next join.
      await host.client.join({ roomId, role: 'anchor' });
      await until(() => volumes.reports.length > count, 'reports after joining again');
    });
  });

  describe("'network-quality'", () => {
    it("grades round-trip time and loss on TRTC's scale, the worse of the two", () => {
      expect(qualityOf({})).to.equal(0);
      expect(qualityOf({ rttMs: 1, loss: 0 })).to.equal(1);
      expect(qualityOf({ rttMs: 150 })).to.equal(2);
      expect(qualityOf({ rttMs: 20, loss: 0.05 })).to.equal(3);
      expect(qualityOf({ rttMs: 450, loss: 0 })).to.equal(4);
      expect(qualityOf({ loss: 0.5 })).to.equal(5);
      expect(worstOf([])).to.equal(0);
      expect(worstOf([1, 0, 3])).to.equal(3);
      expect(worstOf([6, 1])).to.equal(6);
    });

    it('reports every interval while in the room, from the media links; nothing after leave()', async () => {
      loopbackTesting.configure({ heartbeatIntervalMs: 100, networkQualityIntervalMs: 200 });
      const roomId = uniqueRoomId();
      const host = await fixture.anchor(roomId, 'host');
      const hostReports = qualityLog(host.client);
      await until(() => hostReports.length >= 1, 'a report with nobody watching');
      expect(hostReports[0], 'no media link to measure yet').to.deep.equal({ uplinkNetworkQuality: 0, downlinkNetworkQuality: 0 });

      const fan = await fixture.viewer(roomId, 'fan');
      const fanReports = qualityLog(fan.client);
      await fan.events.waitFor('stream-subscribed');
      // Over loopback: nothing lost, well under 100 ms.
      await until(() => fanReports.at(-1)?.downlinkNetworkQuality === 1, "the fan's downlink");
      expect(fanReports.at(-1)!.uplinkNetworkQuality, 'the fan publishes nothing').to.equal(0);
      await until(() => hostReports.at(-1)?.uplinkNetworkQuality === 1, "the host's uplink");
      expect(hostReports.at(-1)!.downlinkNetworkQuality).to.equal(0);

      const pending = trackPending();
      try {
        await fan.client.leave();
        await host.client.leave();
        const counts = [hostReports.length, fanReports.length];
        await pause(500);
        expect([hostReports.length, fanReports.length], 'no report after leave').to.deep.equal(counts);
        expect(pending.timers(), 'nothing left scheduled').to.equal(0);
      } finally {
        pending.stop();
      }
    });
  });
});
