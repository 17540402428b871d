import { expect } from '@open-wc/testing';
import { LiveRoomController } from '../../src/room/live-room-controller.js';
import type { LiveRoomConfig, LiveRoomEvent, LiveRoomEventMap, LiveRoomState } from '../../src/room/types.js';
import { liveCapturedTracks, watchMediaResources } from '../helpers/leaks.js';
import { withTimeout } from '../helpers/async.js';
import { until } from '../helpers/media.js';
import { ScriptedBackend, ScriptedRemoteStream, type ScriptedLocalStream } from './scripted-backend.js';

const VALID: LiveRoomConfig = { sdkAppId: '1400000000', roomId: '8888', userId: 'viewer_42', userSig: 'secret', role: 'audience' };

function record(controller: LiveRoomController) {
  const events: LiveRoomEvent[] = [];
  const states: LiveRoomState[] = [];
  controller.listen((event) => events.push(event));
  controller.subscribe((state) => states.push(state));
  return {
    states,
    of<K extends keyof LiveRoomEventMap>(type: K): LiveRoomEventMap[K][] {
      return events.filter((event) => event.type === type).map((event) => event.detail as LiveRoomEventMap[K]);
    },
  };
}

async function videoInputs(): Promise<MediaDeviceInfo[]> {
  return (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'videoinput');
}

describe('LiveRoomController on stage', () => {
  let backend: ScriptedBackend;
  let controller: LiveRoomController;
  let captures: number;
  const getUserMedia = MediaDevices.prototype.getUserMedia;

  before(() => {
    watchMediaResources();
    const watched = MediaDevices.prototype.getUserMedia;
    MediaDevices.prototype.getUserMedia = function (this: MediaDevices, constraints?: MediaStreamConstraints) {
      captures += 1;
      return watched.call(this, constraints);
    };
  });

  after(() => {
    MediaDevices.prototype.getUserMedia = getUserMedia;
  });

  beforeEach(() => {
    captures = 0;
    backend = new ScriptedBackend();
    controller = new LiveRoomController({ sdk: backend });
  });

  afterEach(async () => {
    await controller.dispose();
    expect(liveCapturedTracks(), 'no camera or mic left on').to.have.length(0);
    for (const client of backend.clients) expect(client.events.count, 'no SDK listener left attached').to.equal(0);
    for (const stream of backend.streams) expect(stream.events.count, 'no stream listener left attached').to.equal(0);
  });

  const local = (): ScriptedLocalStream => backend.streams.at(-1)!;

  describe('preview', () => {
    it('previews before joining, then goes live with that very stream: one capture', async () => {
      const log = record(controller);
      await controller.startPreview();
      expect(controller.state).to.include({ coAnchorState: 'previewing', connectionState: 'idle' });
      expect(controller.state.localStream).to.deep.equal({ hasAudio: true, hasVideo: true, published: false, audioMuted: false, videoMuted: false });
      controller.configure(VALID);
      await controller.join();
      expect(controller.state, 'the preview outlives joining').to.include({ coAnchorState: 'previewing', connectionState: 'joined' });
      await controller.startCoAnchor();
      expect(controller.state).to.include({ coAnchorState: 'live', role: 'anchor' });
      expect(controller.state.localStream?.published).to.equal(true);
      expect(backend.streams, 'one stream').to.have.length(1);
      expect(captures, 'one getUserMedia').to.equal(1);
      expect(backend.client.calls).to.deep.equal(['join', 'switchRole:anchor', 'publish']);
      expect(log.of('trtc-co-anchor-change').map((change) => change.state)).to.deep.equal(['previewing', 'starting', 'live']);
    });

    it('leaving the room while previewing: the camera off and idle in the change that starts leaving', async () => {
      controller.configure(VALID);
      await controller.join();
      await controller.startPreview();
      const log = record(controller);
      await controller.leave();
      const [leaving] = log.states;
      expect(leaving).to.include({ connectionState: 'leaving', coAnchorState: 'idle', localStream: null });
      expect(log.of('trtc-co-anchor-change').map((change) => change.state)).to.deep.equal(['idle']);
      expect(liveCapturedTracks()).to.have.length(0);
    });

    it('leaving while asking to go on stage from a preview: the camera off, the request withdrawn, in one change', async () => {
      controller.approveCoAnchor = () => new Promise<boolean>(() => {});
      controller.configure(VALID);
      await controller.join();
      await controller.startPreview();
      void controller.startCoAnchor();
      await until(() => controller.state.coAnchorState === 'requesting', 'asking from the preview');
      const log = record(controller);
      await withTimeout(controller.leave(), 'a leave that does not wait for the answer', 1000);
      const [leaving] = log.states;
      expect(leaving).to.include({ connectionState: 'leaving', coAnchorState: 'idle', localStream: null });
      expect(log.of('trtc-co-anchor-change').map((change) => change.reason)).to.deep.equal(['cancelled']);
      expect(liveCapturedTracks()).to.have.length(0);
    });

    it('stopPreview() turns the camera off and goes back to idle', async () => {
      await controller.startPreview();
      expect(liveCapturedTracks()).to.have.length(2);
      await controller.stopPreview();
      expect(controller.state).to.include({ coAnchorState: 'idle', localStream: null });
      expect(liveCapturedTracks()).to.have.length(0);
    });

    it('leave() does not wait for a pending permission prompt, and closes what opens late', async () => {
      backend.hold('initialize');
      const previewing = controller.startPreview();
      await until(() => controller.state.coAnchorState === 'previewing', 'previewing');
      await withTimeout(controller.leave(), 'leave during the prompt', 1000);
      expect(controller.state).to.include({ coAnchorState: 'idle', localStream: null });
      backend.release('initialize');
      await previewing;
      await until(() => local().closed && liveCapturedTracks().length === 0, 'the late camera closed');
      expect(controller.state.localStream).to.equal(null);
    });

    it('a denied camera: permission-denied, back to idle, nothing left on', async () => {
      const log = record(controller);
      backend.fail('initialize', new DOMException('denied by the test', 'NotAllowedError'));
      await controller.startPreview();
      expect(controller.state).to.include({ coAnchorState: 'idle', localStream: null });
      expect(log.of('trtc-error').map((error) => error.code)).to.deep.equal(['permission-denied']);
      expect(controller.state.devices.listed === false || controller.state.devices.cameras.length > 0).to.equal(true);
    });
  });

  describe('mute', () => {
    beforeEach(async () => {
      controller.configure(VALID);
      await controller.join();
    });

    it('mutes and unmutes the mic and camera while live without unpublishing', async () => {
      await controller.startCoAnchor();
      await controller.setMicrophoneEnabled(false);
      expect(controller.state.localStream).to.include({ audioMuted: true, videoMuted: false, published: true });
      expect(local().getAudioTrack()!.enabled).to.equal(false);
      await controller.setCameraEnabled(false);
      expect(controller.state.localStream).to.include({ audioMuted: true, videoMuted: true });
      expect(local().getVideoTrack()!.enabled).to.equal(false);
      await controller.setMicrophoneEnabled(true);
      await controller.setCameraEnabled(true);
      expect(controller.state.localStream).to.include({ audioMuted: false, videoMuted: false, published: true });
      expect(backend.client.calls).not.to.include('unpublish');
    });

    it('a muted preview goes live muted', async () => {
      await controller.startPreview();
      await controller.setCameraEnabled(false);
      await controller.startCoAnchor();
      expect(controller.state.localStream).to.include({ videoMuted: true, published: true });
    });

    it('with nothing captured, changes nothing and reports nothing', async () => {
      const log = record(controller);
      await controller.setMicrophoneEnabled(false);
      await controller.setCameraEnabled(false);
      expect(controller.state.localStream).to.equal(null);
      expect(log.states).to.have.length(0);
      expect(log.of('trtc-error')).to.have.length(0);
    });
  });

  describe('devices', () => {
    it('lists devices with their names once capture is allowed, and shows the ones in use', async () => {
      await controller.startPreview();
      await until(() => controller.state.devices.listed, 'the device lists');
      const { devices } = controller.state;
      expect(devices.cameras.length).to.be.greaterThan(0);
      expect(devices.microphones.length).to.be.greaterThan(0);
      expect(devices.cameras.every((camera) => camera.label)).to.equal(true);
      expect(devices.cameraId).to.equal(local().getVideoTrack()!.getSettings().deviceId);
      expect(Object.isFrozen(devices)).to.equal(true);
    });

    it('before capture, the chosen camera is what capture opens; the choice survives going off and on stage', async () => {
      await controller.startPreview();
      await controller.stopPreview();
      const [camera] = await videoInputs();
      await controller.selectDevice('camera', camera.deviceId);
      expect(controller.state.devices.cameraId).to.equal(camera.deviceId);
      controller.configure(VALID);
      await controller.join();
      await controller.startCoAnchor();
      expect(local().config.cameraId).to.equal(camera.deviceId);
      await controller.stopCoAnchor();
      await controller.startCoAnchor();
      expect(local().config.cameraId).to.equal(camera.deviceId);
      expect(controller.state.devices.cameraId).to.equal(camera.deviceId);
    });

    it('while live, switches the camera in place: no unpublish', async () => {
      controller.configure(VALID);
      await controller.join();
      await controller.startCoAnchor();
      const cameras = await videoInputs();
      const next = cameras.at(-1)!;
      await controller.selectDevice('camera', next.deviceId);
      expect(local().switches).to.deep.equal([`video:${next.deviceId}`]);
      expect(local().getVideoTrack()!.getSettings().deviceId).to.equal(next.deviceId);
      expect(controller.state.devices.cameraId).to.equal(next.deviceId);
      expect(controller.state.localStream?.published).to.equal(true);
      expect(backend.client.calls).not.to.include('unpublish');
    });

    it('an unknown device id: device-not-found, and the camera in use stays', async () => {
      const log = record(controller);
      await controller.startPreview();
      const before = controller.state.devices.cameraId;
      const track = local().getVideoTrack();
      await controller.selectDevice('camera', 'no-such-camera');
      expect(log.of('trtc-error').map((error) => error.code)).to.deep.equal(['device-not-found']);
      expect(controller.state.devices.cameraId).to.equal(before);
      expect(local().getVideoTrack()).to.equal(track);
      expect(track!.readyState).to.equal('live');
      expect(controller.state.coAnchorState).to.equal('previewing');
    });

    it('a kind that is not one: invalid-config, nothing changes', async () => {
      const log = record(controller);
      await controller.selectDevice('bogus' as 'camera', 'x');
      expect(log.of('trtc-error').map((error) => error.code)).to.deep.equal(['invalid-config']);
    });

    it('the camera in use went away: says which and what the room fell back to, still live', async () => {
      controller.configure(VALID);
      await controller.join();
      await controller.startCoAnchor();
      const log = record(controller);
      const lost = controller.state.devices.cameraId;
      const [fallback] = await videoInputs();
      await local().switchDevice('video', fallback.deviceId);
      local().recovered('camera');
      await until(() => log.of('trtc-device-change').length > 0, 'trtc-device-change');
      const [change] = log.of('trtc-device-change');
      expect(change).to.include({ reason: 'lost', kind: 'camera', lostDeviceId: lost, deviceId: fallback.deviceId });
      expect(controller.state.devices.cameraId).to.equal(fallback.deviceId);
      expect(controller.state.localStream?.published).to.equal(true);
    });

    it('the camera went away and none could replace it: device-not-found, and the change says none', async () => {
      await controller.startPreview();
      const log = record(controller);
      const track = local().getVideoTrack()!;
      track.stop();
      local().events.emit('error', Object.assign(new Error('recovery failed'), { getCode: () => 0x4044 }));
      expect(log.of('trtc-device-change')).to.have.length(1);
      expect(log.of('trtc-device-change')[0]).to.include({ reason: 'lost', kind: 'camera', deviceId: null });
      expect(log.of('trtc-error').map((error) => error.code)).to.deep.equal(['device-not-found']);
    });

    it('a speaker applies to every remote stream, where the browser can route audio', async () => {
      controller.configure(VALID);
      await controller.join();
      const remote = new ScriptedRemoteStream('host');
      backend.client.addRemote(remote);
      const log = record(controller);
      const speakers = (await navigator.mediaDevices.enumerateDevices()).filter((device) => device.kind === 'audiooutput' && device.deviceId);
      if (!controller.state.devices.speakerSelectable) {
        // Said plainly, not pretended: no list, and a choice is refused.
        await controller.selectDevice('speaker', 'default');
        expect(controller.state.devices.speakers).to.have.length(0);
        expect(log.of('trtc-error').map((error) => error.code)).to.deep.equal(['device-not-found']);
        expect(remote.audioOutputs).to.have.length(0);
        return;
      }
      await controller.startPreview();
      await until(() => controller.state.devices.listed, 'the device lists');
      expect(controller.state.devices.speakers.map((speaker) => speaker.deviceId)).to.deep.equal(speakers.map((speaker) => speaker.deviceId));
      if (speakers.length === 0) return;
      await controller.selectDevice('speaker', speakers[0].deviceId);
      expect(remote.audioOutputs).to.deep.equal([speakers[0].deviceId]);
      expect(controller.state.devices.speakerId).to.equal(speakers[0].deviceId);
      const later = new ScriptedRemoteStream('guest');
      backend.client.addRemote(later);
      await until(() => later.audioOutputs.length === 1, 'the later stream routed');
      expect(later.audioOutputs).to.deep.equal([speakers[0].deviceId]);
    });
  });

  describe('speaking and network quality', () => {
    let remote: ScriptedRemoteStream;

    beforeEach(async () => {
      controller.configure(VALID);
      await controller.join();
      remote = new ScriptedRemoteStream('host');
      backend.client.addRemote(remote);
    });

    const volume = (audioVolume: number, userId = 'host') =>
      backend.client.events.emit('audio-volume', { result: [{ userId, audioVolume, stream: remote }] });
    const speaking = () => controller.state.remoteStreams[0].speaking;

    it('turns volume evaluation on, and flips speaking only when it changes', async () => {
      expect(backend.client.volumeInterval).to.be.greaterThan(0);
      const log = record(controller);
      for (const level of [40, 60, 2, 50, 30]) volume(level);
      expect(speaking()).to.equal(true);
      expect(log.states, 'one change for five samples').to.have.length(1);
      for (let i = 0; i < 6; i += 1) volume(0);
      expect(speaking()).to.equal(false);
      expect(log.states).to.have.length(2);
    });

    it('is not speaking once muted, whatever the last sample said', async () => {
      volume(80);
      expect(speaking()).to.equal(true);
      backend.client.events.emit('mute-audio', { userId: 'host' });
      expect(controller.state.remoteStreams[0]).to.include({ audioMuted: true, speaking: false });
    });

    it('ignores our own voice and users with no stream in the room', async () => {
      const log = record(controller);
      volume(90, VALID.userId!);
      volume(90, 'nobody');
      expect(log.states).to.have.length(0);
    });

    it('a backend that cannot measure volume still joins; nobody is speaking', async () => {
      await controller.leave();
      backend = new ScriptedBackend();
      controller = new LiveRoomController({ sdk: backend });
      controller.configure(VALID);
      const refuse = () => {
        throw new Error('not supported by this backend');
      };
      const createClient = backend.createClient.bind(backend);
      backend.createClient = (config) => Object.assign(createClient(config), { enableAudioVolumeEvaluation: refuse });
      await controller.join();
      expect(controller.state.connectionState).to.equal('joined');
      expect(controller.state.error).to.equal(null);
    });

    it('follows network quality and announces each change once', async () => {
      const log = record(controller);
      expect(controller.state.networkQuality).to.deep.equal({ uplink: 0, downlink: 0 });
      backend.client.events.emit('network-quality', { uplinkNetworkQuality: 1, downlinkNetworkQuality: 3 });
      backend.client.events.emit('network-quality', { uplinkNetworkQuality: 1, downlinkNetworkQuality: 3 });
      expect(controller.state.networkQuality).to.deep.equal({ uplink: 1, downlink: 3 });
      expect(log.of('trtc-network-quality')).to.deep.equal([{ uplink: 1, downlink: 3 }]);
      await controller.leave();
      expect(controller.state.networkQuality).to.deep.equal({ uplink: 0, downlink: 0 });
    });
  });
});
