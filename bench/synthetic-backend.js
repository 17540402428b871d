/**
 * A TRTC-v4-shaped namespace with no media and no network, for benchmarks of the room's own
 * work: the test drives its events (`client.emit(...)`); play() and stop() only record.
 */
class Events {
  #handlers = new Map();
  on(event, handler) {
    if (!this.#handlers.has(event)) this.#handlers.set(event, new Set());
    this.#handlers.get(event).add(handler);
  }
  off(event, handler) {
    this.#handlers.get(event)?.delete(handler);
  }
  emit(event, payload) {
    for (const handler of [...(this.#handlers.get(event) ?? [])]) handler(payload);
  }
}

export class SyntheticRemoteStream extends Events {
  constructor(userId) {
    super();
    this.userId = userId;
  }
  async play() {}
  stop() {}
  async resume() {}
  close() {}
  getId = () => `${this.userId}-main`;
  getUserId = () => this.userId;
  getType = () => 'main';
  hasAudio = () => true;
  hasVideo = () => true;
  getAudioTrack = () => null;
  getVideoTrack = () => null;
}

class SyntheticClient extends Events {
  async join() {}
  async leave() {}
  async publish() {}
  async unpublish() {}
  async subscribe(stream) {
    this.emit('stream-subscribed', { stream });
  }
  async unsubscribe() {}
  async switchRole() {}
  getRemoteMutedState = () => [];
  destroy() {}
}

export function syntheticBackend() {
  const clients = [];
  return {
    clients,
    VERSION: 'synthetic',
    Logger: { setLogLevel() {}, enableUploadLog() {}, disableUploadLog() {} },
    async checkSystemRequirements() {
      return { result: true, detail: { isBrowserSupported: true, isWebRTCSupported: true, isMediaDevicesSupported: true } };
    },
    createClient() {
      const client = new SyntheticClient();
      clients.push(client);
      return client;
    },
    createStream() {
      throw new Error('the synthetic backend has no camera');
    },
    getCameras: async () => [],
    getMicrophones: async () => [],
  };
}
