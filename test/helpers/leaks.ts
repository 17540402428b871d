/**
 * Records every camera/microphone track, peer connection and audio context the page creates, so a test can
 * assert that nothing is left running after teardown.
 */
const tracks = new Set<MediaStreamTrack>();
const peerConnections = new Set<RTCPeerConnection>();
const audioContexts = new Set<AudioContext>();
let installed = false;

export function watchMediaResources(): void {
  if (installed) return;
  installed = true;
  // Patched on the prototype: WebKit may hand out a new `navigator.mediaDevices` object later.
  const getUserMedia = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = async function (this: MediaDevices, constraints?: MediaStreamConstraints) {
    const stream = await getUserMedia.call(this, constraints);
    for (const track of stream.getTracks()) tracks.add(track);
    return stream;
  };
  const NativeAudioContext = window.AudioContext;
  if (NativeAudioContext) {
    window.AudioContext = class extends NativeAudioContext {
      constructor(options?: AudioContextOptions) {
        super(options);
        audioContexts.add(this);
      }
    };
  }
  const NativePeerConnection = window.RTCPeerConnection;
  if (!NativePeerConnection) return;
  window.RTCPeerConnection = class extends NativePeerConnection {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      peerConnections.add(this);
    }
  };
}

/** Captured tracks that are still live. */
export function liveCapturedTracks(): MediaStreamTrack[] {
  return [...tracks].filter((track) => track.readyState === 'live');
}

/** Peer connections that were never closed. */
export function openPeerConnections(): RTCPeerConnection[] {
  return [...peerConnections].filter((pc) => pc.signalingState !== 'closed');
}

/** Audio contexts (Web Audio) that were never closed. */
export function openAudioContexts(): AudioContext[] {
  return [...audioContexts].filter((context) => context.state !== 'closed');
}
