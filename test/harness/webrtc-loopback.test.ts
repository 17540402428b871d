/**
 * The engine can carry the fake camera between two peer connections in one page with no ICE
 * servers: what the loopback backend relies on. Skipped where there is no RTCPeerConnection.
 */
import { expect } from '@open-wc/testing';
import { requireMediaCapture, requireVideoFrameCallback, requireWebRTC } from '../helpers/features.js';
import { framesRendered } from '../helpers/media.js';

describe('WebRTC on loopback', () => {
  const cleanups: (() => void)[] = [];

  before(function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
  });

  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('connects two peer connections without ICE servers and plays the fake camera', async () => {
    const camera = await navigator.mediaDevices.getUserMedia({ video: true, audio: false });
    const sender = new RTCPeerConnection({ iceServers: [] });
    const receiver = new RTCPeerConnection({ iceServers: [] });
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    document.body.append(video);
    cleanups.push(() => {
      sender.close();
      receiver.close();
      for (const track of camera.getTracks()) track.stop();
      video.remove();
    });

    const candidates: string[] = [];
    sender.onicecandidate = ({ candidate }) => {
      if (!candidate) return;
      // Firefox signals the end of candidates with an empty one.
      if (candidate.candidate) candidates.push(candidate.candidate);
      void receiver.addIceCandidate(candidate);
    };
    receiver.onicecandidate = ({ candidate }) => {
      if (candidate) void sender.addIceCandidate(candidate);
    };
    const remote = new Promise<MediaStream>((resolve) => {
      receiver.ontrack = ({ streams, track }) => resolve(streams[0] ?? new MediaStream([track]));
    });
    for (const track of camera.getTracks()) sender.addTrack(track, camera);

    await sender.setLocalDescription(await sender.createOffer());
    await receiver.setRemoteDescription(sender.localDescription!);
    await receiver.setLocalDescription(await receiver.createAnswer());
    await sender.setRemoteDescription(receiver.localDescription!);

    video.srcObject = await remote;
    await video.play();
    await framesRendered(video);
    expect(video.videoWidth).to.be.greaterThan(0);
    expect(receiver.connectionState).to.equal('connected');
    // With no ICE servers only host candidates exist: no STUN or TURN traffic leaves the machine.
    expect(candidates.length).to.be.greaterThan(0);
    for (const candidate of candidates) expect(candidate).to.match(/ typ host/);
  });
});
