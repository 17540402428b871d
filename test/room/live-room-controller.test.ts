import { expect } from '@open-wc/testing';
import { LiveRoomController } from '../../src/room/live-room-controller.js';
import type {
  LiveRoomConfig,
  LiveRoomEvent,
  LiveRoomEventMap,
  LiveRoomState,
  RemoteStreamSnapshot,
  RemoteView,
} from '../../src/room/types.js';
import { liveCapturedTracks, watchMediaResources } from '../helpers/leaks.js';
import { withTimeout } from '../helpers/async.js';
import { until } from '../helpers/media.js';
import { ScriptedBackend, ScriptedRemoteStream, TrtcCodedError } from './scripted-backend.js';

const SECRET = 'secret-signature-never-shown';
const VALID: LiveRoomConfig = {
  sdkAppId: '1400000000',
  roomId: '8888',
  userId: 'viewer_42',
  userSig: SECRET,
  role: 'audience',
};

function record(controller: LiveRoomController) {
  const events: LiveRoomEvent[] = [];
  const states: LiveRoomState[] = [];
  controller.listen((event) => events.push(event));
  controller.subscribe((state) => states.push(state));
  return {
    events,
    states,
    of<K extends keyof LiveRoomEventMap>(type: K): LiveRoomEventMap[K][] {
      return events.filter((event) => event.type === type).map((event) => event.detail as LiveRoomEventMap[K]);
    },
  };
}

function denied(name: string): DOMException {
  return new DOMException(`${name} by the test`, name);
}

function view(overrides: Partial<RemoteView> = {}): RemoteView & { shown: (RemoteStreamSnapshot | null)[] } {
  const host = document.createElement('div');
  document.body.append(host);
  const shown: (RemoteStreamSnapshot | null)[] = [];
  return {
    host,
    container: document.createElement('div'),
    userId: '',
    streamType: 'main',
    objectFit: 'cover',
    muted: false,
    show: (snapshot) => shown.push(snapshot),
    shown,
    ...overrides,
  };
}

describe('LiveRoomController', () => {
  let backend: ScriptedBackend;
  let controller: LiveRoomController;

  before(() => watchMediaResources());

  beforeEach(() => {
    backend = new ScriptedBackend();
    controller = new LiveRoomController({ sdk: backend });
  });

  afterEach(async () => {
    await controller.dispose();
    expect(liveCapturedTracks(), 'no camera or mic left on').to.have.length(0);
    for (const client of backend.clients) {
      expect(client.events.count, 'no SDK listener left attached').to.equal(0);
      expect(client.destroyed, 'every client destroyed').to.equal(true);
    }
    document.body.replaceChildren();
  });

  describe('configuration', () => {
    const cases: [string, LiveRoomConfig, string][] = [
      ['a missing sdk-app-id', { ...VALID, sdkAppId: undefined }, 'sdk-app-id'],
      ['a non-numeric sdk-app-id', { ...VALID, sdkAppId: '14000abc' }, 'sdk-app-id'],
      ['a zero sdk-app-id', { ...VALID, sdkAppId: '0' }, 'sdk-app-id'],
      ['an sdk-app-id beyond 32 bits', { ...VALID, sdkAppId: '1099511627776' }, 'sdk-app-id'],
      ['sdk-app-id 4294967296', { ...VALID, sdkAppId: 4294967296 }, 'sdk-app-id'],
      ['a string room-id with a tab', { ...VALID, roomId: 'room\t1' }, 'room-id'],
      ['a numeric room-id out of range', { ...VALID, roomId: '4294967295' }, 'room-id'],
      ['room-id 0', { ...VALID, roomId: '0' }, 'room-id'],
      ['a string room-id with a slash', { ...VALID, roomId: 'room/1' }, 'room-id'],
      ['a 65-character room-id', { ...VALID, roomId: 'r'.repeat(65) }, 'room-id'],
      ['a missing room-id', { ...VALID, roomId: null }, 'room-id'],
      ['a user-id with a space', { ...VALID, userId: 'viewer 42' }, 'user-id'],
      ['a 33-character user-id', { ...VALID, userId: 'u'.repeat(33) }, 'user-id'],
      ['no signature', { ...VALID, userSig: '' }, 'user-sig'],
      ['an unknown role', { ...VALID, role: 'host' }, 'user-role'],
    ];

    it('rejects an unknown backend name', async () => {
      controller = new LiveRoomController({ backend: 'webrtc' as 'trtc' });
      const log = record(controller);
      controller.configure(VALID);
      await controller.join();
      expect(log.of('trtc-error')).to.have.length(1);
      expect(log.of('trtc-error')[0]).to.include({ code: 'invalid-config', field: 'backend' });
    });
    for (const [name, config, field] of cases) {
      it(`rejects ${name} before touching the SDK`, async () => {
        const log = record(controller);
        controller.configure(config);
        await controller.join();
        expect(controller.state.connectionState).to.equal('failed');
        const errors = log.of('trtc-error');
        expect(errors).to.have.length(1);
        expect(errors[0]).to.include({ code: 'invalid-config', field, recoverable: false });
        expect(controller.state.error).to.equal(errors[0]);
        expect(backend.clients, 'no client created').to.have.length(0);
      });
    }

    it('accepts numeric and string room ids and joins with the matching id type', async () => {
      controller.configure({ ...VALID, roomId: '4294967294' });
      await controller.join();
      expect(backend.client.joinedRoom).to.equal(4294967294);
      expect(backend.client.config.useStringRoomId).to.equal(false);
      controller.configure({ ...VALID, roomId: 'live_room-1' });
      await controller.join();
      expect(backend.client.joinedRoom).to.equal('live_room-1');
      expect(backend.client.config.useStringRoomId).to.equal(true);
    });

    it('accepts the largest SDKAppID, 4294967295', async () => {
      controller.configure({ ...VALID, sdkAppId: '4294967295' });
      await controller.join();
      expect(backend.client.config.sdkAppId).to.equal(4294967295);
    });
  });

  describe('joining and leaving', () => {
    it('joins as audience in live mode without the SDK autoplay dialog', async () => {
      const log = record(controller);
      controller.configure(VALID);
      await controller.join();
      expect(controller.state).to.include({ connectionState: 'joined', role: 'audience', userId: 'viewer_42' });
      expect(controller.state.roomId).to.equal(8888);
      expect(controller.state.canPublish).to.equal(true);
      expect(backend.client.config).to.include({ mode: 'live', enableAutoPlayDialog: false, sdkAppId: 1400000000 });
      expect(backend.client.roles).to.deep.equal(['audience']);
      expect(log.of('trtc-joined')).to.deep.equal([{ roomId: 8888, userId: 'viewer_42', role: 'audience' }]);
      const connectionStates = log.states.map((state) => state.connectionState);
      expect(connectionStates.filter((state, index) => state !== connectionStates[index - 1])).to.deep.equal([
        'joining',
        'joined',
      ]);
    });

    it('tells subscribers only about real changes and freezes every snapshot', async () => {
      const log = record(controller);
      controller.configure(VALID);
      await controller.join();
      const count = log.states.length;
      await controller.join();
      expect(log.states.length, 'joining again with the same settings changes nothing').to.equal(count);
      expect(Object.isFrozen(controller.state)).to.equal(true);
      expect(Object.isFrozen(controller.state.remoteStreams)).to.equal(true);
    });

    it('reports a failed join once, keeps the signature out of it and releases the client', async () => {
      const log = record(controller);
      backend.fail('join', new TrtcCodedError(`join failed for ${SECRET}`, 0x4004));
      controller.configure(VALID);
      await controller.join();
      expect(controller.state.connectionState).to.equal('failed');
      const [error, ...more] = log.of('trtc-error');
      expect(more).to.have.length(0);
      expect(error).to.include({ code: 'join-failed', sdkCode: 0x4004, recoverable: true });
      expect(JSON.stringify(log.events)).not.to.contain(SECRET);
      expect(backend.client.destroyed).to.equal(true);
    });

    it('settles in failed when the SDK cannot create a client', async () => {
      const log = record(controller);
      backend.createClient = () => {
        throw new TrtcCodedError('no client today', 0x1000);
      };
      controller.configure(VALID);
      await controller.join();
      expect(controller.state.connectionState).to.equal('failed');
      expect(log.of('trtc-error').map((error) => error.code)).to.deep.equal(['join-failed']);
      expect(controller.state.error).to.include({ code: 'join-failed', sdkCode: 0x1000 });
    });

    it('reports an unsupported browser once, without creating a client', async () => {
      backend.supported = false;
      const log = record(controller);
      controller.configure(VALID);
      await controller.join();
      expect(controller.state.connectionState).to.equal('failed');
      expect(log.of('trtc-error').map((error) => error.code)).to.deep.equal(['unsupported-browser']);
      expect(backend.clients).to.have.length(0);
    });

    it('reports a browser without WebRTC as unsupported without loading a backend', async () => {
      const NativePeerConnection = window.RTCPeerConnection;
      Reflect.deleteProperty(window, 'RTCPeerConnection');
      try {
        controller = new LiveRoomController({ backend: 'trtc' });
        const unsupported = record(controller);
        controller.configure(VALID);
        await controller.join();
        expect(controller.state).to.include({ connectionState: 'failed', canPublish: false });
        expect(unsupported.of('trtc-error').map((error) => error.code)).to.deep.equal(['unsupported-browser']);
      } finally {
        window.RTCPeerConnection = NativePeerConnection;
      }
    });

    it('leaves cleanly when leave() is called during join()', async () => {
      const log = record(controller);
      backend.hold('join');
      controller.configure(VALID);
      const joining = controller.join();
      await until(() => backend.clients[0]?.calls.includes('join'), 'the SDK join to start');
      const leaving = controller.leave();
      expect(controller.state.connectionState).to.equal('joining');
      backend.release('join');
      await Promise.all([joining, leaving]);
      expect(controller.state.connectionState).to.equal('left');
      expect(backend.client.calls).to.deep.equal(['join', 'leave']);
      expect(log.of('trtc-joined'), 'a join abandoned midway is never announced').to.have.length(0);
      expect(log.of('trtc-left'), 'nor is leaving it').to.have.length(0);
      expect(log.of('trtc-error')).to.have.length(0);
    });

    it('leaves and joins again when the room changes', async () => {
      const log = record(controller);
      controller.configure(VALID);
      await controller.join();
      const first = backend.client;
      controller.configure({ ...VALID, roomId: '9999' });
      await controller.join();
      expect(first.calls).to.deep.equal(['join', 'leave']);
      expect(first.destroyed).to.equal(true);
      expect(backend.client).not.to.equal(first);
      expect(backend.client.joinedRoom).to.equal(9999);
      expect(log.events.map((event) => event.type)).to.deep.equal(['trtc-joined', 'trtc-left', 'trtc-joined']);
    });

    describe('settings given to configure() while in the room', () => {
      it('a new room: leaves and joins the new one, as the element does', async () => {
        const log = record(controller);
        controller.configure(VALID);
        await controller.join();
        const first = backend.client;
        controller.configure({ ...VALID, roomId: '9999' });
        await until(() => controller.state.connectionState === 'joined' && controller.state.roomId === 9999, 'the new room');
        expect(first.calls).to.deep.equal(['join', 'leave']);
        expect(backend.client.joinedRoom).to.equal(9999);
        expect(log.events.map((event) => event.type)).to.deep.equal(['trtc-joined', 'trtc-left', 'trtc-joined']);
      });

      it('another sdk: joins again on it; the sdk property reads what configure() was given', async () => {
        controller.configure(VALID);
        await controller.join();
        const other = new ScriptedBackend();
        controller.configure({ ...VALID, sdk: other });
        expect(controller.sdk).to.equal(other);
        await until(() => other.clients[0]?.joinedRoom === 8888, 'the join on the other backend');
        expect(backend.client.calls).to.deep.equal(['join', 'leave']);
        await controller.leave();
      });

      it('a new signature alone: stays in the room and keeps it for the next join', async () => {
        controller.configure(VALID);
        await controller.join();
        controller.configure({ ...VALID, userSig: 'a-fresh-signature' });
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(backend.clients).to.have.length(1);
        expect(controller.state.connectionState).to.equal('joined');
      });

      it('before joining: nothing happens until join()', async () => {
        controller.configure({ ...VALID, backend: 'loopback', sdk: backend });
        await new Promise((resolve) => setTimeout(resolve, 20));
        expect(controller.state.connectionState).to.equal('idle');
        expect(controller.backend).to.equal('loopback');
      });
    });

    it('leaves and joins again on another backend', async () => {
      controller.configure(VALID);
      await controller.join();
      const first = backend.client;
      const other = new ScriptedBackend();
      controller.sdk = other;
      await controller.join();
      expect(first.calls).to.deep.equal(['join', 'leave']);
      expect(other.client.calls).to.deep.equal(['join']);
      await controller.leave();
      expect(other.client.destroyed).to.equal(true);
    });

        it('follows the SDK through reconnecting and back', async () => {
      controller.configure(VALID);
      await controller.join();
      backend.client.events.emit('connection-state-changed', { prevState: 'CONNECTED', state: 'RECONNECTING' });
      expect(controller.state.connectionState).to.equal('reconnecting');
      backend.client.events.emit('connection-state-changed', { prevState: 'RECONNECTING', state: 'CONNECTED' });
      expect(controller.state.connectionState).to.equal('joined');
    });

    it('fails with connection-lost when the SDK gives up reconnecting', async () => {
      const log = record(controller);
      controller.configure(VALID);
      await controller.join();
      backend.client.events.emit('error', new TrtcCodedError('reconnection failed', 0x4006));
      expect(controller.state.connectionState).to.equal('failed');
      expect(log.of('trtc-error')).to.have.length(1);
      expect(log.of('trtc-error')[0]).to.include({ code: 'connection-lost', sdkCode: 0x4006 });
      // The SDK refuses destroy() in the room: the client leaves, then is destroyed.
      await until(() => backend.client.destroyed, 'the client to be destroyed');
      expect(backend.client.calls.at(-1)).to.equal('leave');
    });
  });

  describe('credentials-url', () => {
    function serving(body: unknown, status = 200) {
      const requests: string[] = [];
      const fetcher: typeof fetch = async (input) => {
        requests.push(String(input));
        return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
      };
      return { requests, fetcher };
    }

    it('fetches the identity and signature before joining', async () => {
      const { requests, fetcher } = serving({ sdkAppId: 1400000001, userId: 'server_user', userSig: SECRET });
      controller = new LiveRoomController({ sdk: backend, fetch: fetcher });
      controller.configure({ roomId: '8888', credentialsUrl: '/api/credentials?userId=server_user' });
      await controller.join();
      expect(requests).to.deep.equal([new URL('/api/credentials?userId=server_user', document.baseURI).href]);
      expect(controller.state.connectionState).to.equal('joined');
      expect(backend.client.config).to.include({ sdkAppId: 1400000001, userId: 'server_user', userSig: SECRET });
    });

    for (const [name, body, status] of [
      ['an HTTP error', { error: 'no' }, 503],
      ['a response without userSig', { sdkAppId: 1400000001, userId: 'u' }, 200],
      ['a malformed userId', { sdkAppId: 1400000001, userId: 'bad user', userSig: 'x' }, 200],
    ] as const) {
      it(`reports credentials-failed for ${name}`, async () => {
        const { fetcher } = serving(body, status);
        controller = new LiveRoomController({ sdk: backend, fetch: fetcher });
        const log = record(controller);
        controller.configure({ roomId: '8888', credentialsUrl: '/api/credentials' });
        await controller.join();
        expect(controller.state.connectionState).to.equal('failed');
        expect(log.of('trtc-error').map((error) => error.code)).to.deep.equal(['credentials-failed']);
        expect(backend.clients).to.have.length(0);
      });
    }

    it('fetches fresh credentials once when the join is refused', async () => {
      const { requests, fetcher } = serving({ sdkAppId: 1400000001, userId: 'server_user', userSig: SECRET });
      controller = new LiveRoomController({ sdk: backend, fetch: fetcher });
      backend.fail('join', new TrtcCodedError('signature expired', 0x4004));
      controller.configure({ roomId: '8888', credentialsUrl: '/api/credentials' });
      await controller.join();
      expect(requests).to.have.length(2);
      expect(controller.state.connectionState).to.equal('joined');
    });

    describe('on another origin', () => {
      /** The test server under its other loopback name: the same server, another origin. */
      const otherOrigin = () => {
        const url = new URL(location.href);
        url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
        return url.origin;
      };
      const ENDPOINT = '/__test/credentials?userId=server_user';

      /** The real fetch, recording what the room asked for. */
      function recordingFetch() {
        const requests: { url: string; credentials: RequestCredentials | undefined }[] = [];
        const fetcher: typeof fetch = (input, init) => {
          requests.push({ url: String(input), credentials: init?.credentials });
          return fetch(input, init);
        };
        return { requests, fetcher };
      }

      it('same origin: fetched with same-origin credentials', async () => {
        const { requests, fetcher } = recordingFetch();
        controller = new LiveRoomController({ sdk: backend, fetch: fetcher });
        controller.configure({ roomId: '8888', credentialsUrl: ENDPOINT });
        await controller.join();
        expect(controller.state).to.include({ connectionState: 'joined', userId: 'server_user' });
        expect(requests).to.deep.equal([{ url: new URL(ENDPOINT, location.href).href, credentials: 'same-origin' }]);
      });

      it('refused without the opt-in, saying so and naming credentials-cross-origin, before any request', async () => {
        const { requests, fetcher } = recordingFetch();
        controller = new LiveRoomController({ sdk: backend, fetch: fetcher });
        const log = record(controller);
        controller.configure({ roomId: '8888', credentialsUrl: `${otherOrigin()}${ENDPOINT}` });
        await controller.join();
        expect(requests).to.deep.equal([]);
        expect(controller.state.connectionState).to.equal('failed');
        const [error] = log.of('trtc-error');
        expect(error).to.include({ code: 'invalid-config', field: 'credentials-url', recoverable: false });
        expect(error.message).to.include('another origin').and.to.include('credentials-cross-origin');
        expect(backend.clients).to.have.length(0);
      });

      it('allowed with credentialsCrossOrigin: fetched with the cookies included', async () => {
        const { requests, fetcher } = recordingFetch();
        controller = new LiveRoomController({ sdk: backend, fetch: fetcher });
        const url = `${otherOrigin()}${ENDPOINT}`;
        controller.configure({ roomId: '8888', credentialsUrl: url, credentialsCrossOrigin: true });
        await controller.join();
        expect(controller.state).to.include({ connectionState: 'joined', userId: 'server_user' });
        expect(requests).to.deep.equal([{ url, credentials: 'include' }]);
        expect(backend.client.config).to.include({ sdkAppId: 1400000001, userSig: 'signature-from-the-test-server' });
      });
    });
  });

  describe('co-anchoring', () => {
    beforeEach(async () => {
      controller.configure(VALID);
      await controller.join();
    });

    it('switches role, captures, publishes, and stops again releasing the camera', async () => {
      const log = record(controller);
      await controller.startCoAnchor();
      expect(controller.state).to.include({ coAnchorState: 'live', role: 'anchor' });
      expect(controller.state.localStream).to.deep.equal({ hasAudio: true, hasVideo: true, published: true, audioMuted: false, videoMuted: false });
      expect(backend.client.calls).to.deep.equal(['join', 'switchRole:anchor', 'publish']);
      expect(liveCapturedTracks()).to.have.length(2);
      await controller.stopCoAnchor();
      expect(controller.state).to.include({ coAnchorState: 'idle', role: 'audience', localStream: null });
      expect(backend.client.calls.slice(3)).to.deep.equal(['unpublish', 'switchRole:audience']);
      expect(liveCapturedTracks()).to.have.length(0);
      expect(log.of('trtc-co-anchor-change').map((change) => change.state)).to.deep.equal([
        'starting',
        'live',
        'stopping',
        'idle',
      ]);
    });

    it('starts only once on a double click', async () => {
      await Promise.all([controller.startCoAnchor(), controller.startCoAnchor()]);
      expect(backend.streams).to.have.length(1);
      expect(backend.client.calls.filter((call) => call === 'publish')).to.have.length(1);
      expect(controller.state.coAnchorState).to.equal('live');
    });

    it('ends idle with the camera off when stopped during start', async () => {
      backend.hold('publish');
      const starting = controller.startCoAnchor();
      const stopping = controller.stopCoAnchor();
      await new Promise((resolve) => setTimeout(resolve, 0));
      backend.release('publish');
      await Promise.all([starting, stopping]);
      expect(controller.state).to.include({ coAnchorState: 'idle', role: 'audience', localStream: null });
      expect(liveCapturedTracks()).to.have.length(0);
    });

    it('closes a camera that finishes starting after the room was left', async () => {
      backend.hold('initialize');
      const starting = controller.startCoAnchor();
      await until(() => backend.streams.length === 1, 'capture to start');
      const leaving = controller.leave();
      backend.release('initialize');
      await Promise.all([starting, leaving]);
      await until(() => backend.streams[0].media !== null, 'capture to finish');
      expect(liveCapturedTracks()).to.have.length(0);
      expect(backend.client.calls).not.to.include('publish');
      expect(controller.state).to.include({ connectionState: 'left', coAnchorState: 'idle' });
    });

    describe('a step the viewer may never finish does not hold up', () => {
      /** Settles with `promise`, failing the test if it waits on the held step. */
      const promptly = (promise: Promise<void>, what: string) => withTimeout(promise, what, 2000);

      it('leave() while the camera prompt is unanswered: left at once, the camera closed when it comes', async () => {
        const log = record(controller);
        backend.hold('initialize');
        const starting = controller.startCoAnchor();
        await until(() => backend.streams.length === 1, 'capture to start');
        await promptly(controller.leave(), 'leave() during capture');
        await promptly(starting, 'the superseded start');
        expect(controller.state).to.include({ connectionState: 'left', coAnchorState: 'idle', localStream: null });
        expect(log.of('trtc-left')).to.have.length(1);
        backend.release('initialize');
        await until(() => backend.streams[0].media !== null, 'the late capture');
        await until(() => liveCapturedTracks().length === 0, 'the late camera to be closed');
        expect(backend.streams[0].media!.getTracks().every((track) => track.readyState === 'ended')).to.equal(true);
        expect(backend.client.calls).not.to.include('publish');
        expect(log.of('trtc-error')).to.have.length(0);
      });

      it('a room change while the camera prompt is unanswered: the new room joins at once', async () => {
        backend.hold('initialize');
        const starting = controller.startCoAnchor();
        await until(() => backend.streams.length === 1, 'capture to start');
        controller.configure({ ...VALID, roomId: '9999' });
        await promptly(controller.join(), 'the room change during capture');
        await promptly(starting, 'the superseded start');
        expect(controller.state).to.include({ connectionState: 'joined', coAnchorState: 'idle', roomId: 9999 });
        backend.release('initialize');
        await until(() => backend.streams[0].media !== null, 'the late capture');
        await until(() => liveCapturedTracks().length === 0, 'the late camera to be closed');
      });

      it('dispose() while the camera prompt is unanswered', async () => {
        backend.hold('initialize');
        void controller.startCoAnchor();
        await until(() => backend.streams.length === 1, 'capture to start');
        await promptly(controller.dispose(), 'dispose() during capture');
        expect(controller.state).to.include({ connectionState: 'left', coAnchorState: 'idle' });
        backend.release('initialize');
        await until(() => backend.streams[0].media !== null, 'the late capture');
        await until(() => liveCapturedTracks().length === 0, 'the late camera to be closed');
      });

      it('leave() while the approval is pending: a late approval changes nothing', async () => {
        let approve!: (approved: boolean) => void;
        controller.approveCoAnchor = () => new Promise<boolean>((resolve) => (approve = resolve));
        const log = record(controller);
        const starting = controller.startCoAnchor();
        await until(() => controller.state.coAnchorState === 'requesting', 'the request');
        await promptly(controller.leave(), 'leave() during approval');
        await promptly(starting, 'the superseded request');
        expect(controller.state).to.include({ connectionState: 'left', coAnchorState: 'idle' });
        approve(true);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(backend.streams, 'no camera opened for a room that was left').to.have.length(0);
        expect(backend.client.calls).not.to.include('switchRole:anchor');
        expect(log.of('trtc-co-anchor-change').map((change) => change.state)).to.deep.equal(['requesting', 'idle']);
      });
    });

    const failures = [
      ['switchRole', new TrtcCodedError('switch refused', 0x1001), 'switch-role-failed'],
      ['initialize', denied('NotAllowedError'), 'permission-denied'],
      ['initialize', denied('NotFoundError'), 'device-not-found'],
      ['initialize', denied('NotReadableError'), 'device-busy'],
      ['publish', new TrtcCodedError('publish refused', 0x4005), 'publish-failed'],
    ] as const;
    for (const [step, error, code] of failures) {
      it(`rolls back everything when ${step} fails (${code})`, async () => {
        const log = record(controller);
        backend.fail(step, error);
        await controller.startCoAnchor();
        expect(controller.state).to.include({ coAnchorState: 'idle', role: 'audience', localStream: null });
        expect(log.of('trtc-error').map((detail) => detail.code)).to.deep.equal([code]);
        expect(liveCapturedTracks(), 'camera and mic released').to.have.length(0);
        if (step !== 'switchRole') expect(backend.client.calls.at(-1)).to.equal('switchRole:audience');
        expect(log.of('trtc-co-anchor-change').map((change) => change.state)).to.deep.equal(['starting', 'idle']);
        expect(controller.state.connectionState, 'still watching').to.equal('joined');
      });
    }

    it('waits in requesting for approval and goes back to idle when denied', async () => {
      let decide!: (approved: boolean) => void;
      controller.approveCoAnchor = () => new Promise<boolean>((resolve) => (decide = resolve));
      const log = record(controller);
      const starting = controller.startCoAnchor();
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(controller.state.coAnchorState).to.equal('requesting');
      decide(false);
      await starting;
      expect(controller.state.coAnchorState).to.equal('idle');
      expect(log.of('trtc-co-anchor-change')).to.deep.equal([
        { state: 'requesting', previousState: 'idle', denied: false, reason: null },
        { state: 'idle', previousState: 'requesting', denied: true, reason: 'denied' },
      ]);
      expect(backend.streams, 'no camera opened').to.have.length(0);
    });

    it('goes live when approved', async () => {
      const requests: unknown[] = [];
      controller.approveCoAnchor = async (request) => {
        requests.push(request);
        return true;
      };
      await controller.startCoAnchor();
      expect(requests).to.deep.equal([{ roomId: 8888, userId: 'viewer_42' }]);
      expect(controller.state.coAnchorState).to.equal('live');
    });

    it('releases the camera and reports once when kicked while live', async () => {
      await controller.startCoAnchor();
      const log = record(controller);
      backend.client.events.emit('client-banned', { reason: 'kick', message: 'same user joined elsewhere' });
      expect(controller.state).to.include({ connectionState: 'failed', coAnchorState: 'idle', localStream: null });
      expect(liveCapturedTracks()).to.have.length(0);
      expect(log.of('trtc-kicked')).to.deep.equal([{ reason: 'kick' }]);
      expect(log.of('trtc-error').map((error) => error.code)).to.deep.equal(['kicked']);
      expect(controller.state.error?.code).to.equal('kicked');
      await until(() => backend.client.destroyed, 'the client to be destroyed');
    });

    it('unpublishes and closes the camera on leave while live', async () => {
      await controller.startCoAnchor();
      await controller.leave();
      expect(backend.client.calls.slice(-2)).to.deep.equal(['unpublish', 'leave']);
      expect(liveCapturedTracks()).to.have.length(0);
      expect(controller.state).to.include({ connectionState: 'left', coAnchorState: 'idle' });
    });
  });

  describe('as anchor', () => {
    it('publishes right after joining with autoPublish, without switching role', async () => {
      controller.configure({ ...VALID, userId: 'host', role: 'anchor', autoPublish: true });
      await controller.join();
      expect(controller.state).to.include({ connectionState: 'joined', coAnchorState: 'live', role: 'anchor' });
      expect(backend.client.calls).to.deep.equal(['join', 'publish']);
      await controller.stopCoAnchor();
      expect(controller.state).to.include({ coAnchorState: 'idle', role: 'anchor' });
      expect(backend.client.calls.at(-1)).to.equal('unpublish');
    });
  });

  describe('an SDK call that throws where no step expects it', () => {
    const broken = () => {
      throw new TypeError('the SDK tripped');
    };

    it('stopCoAnchor(): reported as co-anchor-failed, still joined, off stage with the camera off', async () => {
      controller.configure(VALID);
      await controller.join();
      await controller.startCoAnchor();
      const log = record(controller);
      backend.client.unpublish = broken;
      await controller.stopCoAnchor();
      expect(log.of('trtc-error').map((error) => error.code)).to.deep.equal(['co-anchor-failed']);
      expect(controller.state).to.include({ connectionState: 'joined', coAnchorState: 'idle', localStream: null });
      expect(liveCapturedTracks()).to.have.length(0);
    });

    it('leave(): reported as leave-failed, and the room is left', async () => {
      controller.configure(VALID);
      await controller.join();
      const log = record(controller);
      const client = backend.client;
      client.leave = broken;
      await controller.leave();
      expect(log.of('trtc-error').map((error) => error.code)).to.deep.equal(['leave-failed']);
      expect(controller.state.connectionState).to.equal('left');
      client.joinedRoom = null;
      client.destroy();
    });

    it('a failed auto-publish whose clean-up trips: publish-failed, and the room stays joined', async () => {
      const createStream = backend.createStream.bind(backend);
      backend.createStream = (config) => {
        const stream = createStream(config);
        const stop = stream.stop.bind(stream);
        stream.stop = () => {
          stop();
          broken();
        };
        return stream;
      };
      backend.fail('publish', new TrtcCodedError('publish refused', 0x4005));
      const log = record(controller);
      controller.configure({ ...VALID, userId: 'host', role: 'anchor', autoPublish: true });
      await controller.join();
      expect(log.of('trtc-error').map((error) => error.code)).to.deep.equal(['publish-failed']);
      expect(controller.state).to.include({ connectionState: 'joined', coAnchorState: 'idle', localStream: null });
      expect(liveCapturedTracks()).to.have.length(0);
    });
  });

  describe('remote streams and views', () => {
    beforeEach(async () => {
      controller.configure(VALID);
      await controller.join();
    });

    it('subscribes to each stream and tracks it in join order', async () => {
      const log = record(controller);
      backend.client.addRemote(new ScriptedRemoteStream('host'));
      backend.client.addRemote(new ScriptedRemoteStream('guest', 'main', true, false));
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(backend.client.calls).to.include.members(['subscribe:host', 'subscribe:guest']);
      expect(controller.state.remoteStreams.map((stream) => [stream.userId, stream.subscribed, stream.hasVideo])).to.deep.equal([
        ['host', true, true],
        ['guest', true, false],
      ]);
      expect(log.of('trtc-stream-added').map((stream) => stream.userId)).to.deep.equal(['host', 'guest']);
    });

    it('plays named streams in their views and gives the others to empty views in order', async () => {
      const named = view({ userId: 'host' });
      const first = view();
      const second = view();
      controller.attachRemoteView(second);
      controller.attachRemoteView(named);
      controller.attachRemoteView(first);
      // Document order decides among empty views, not attach order.
      document.body.append(first.host, second.host);
      const guest = new ScriptedRemoteStream('guest');
      const host = new ScriptedRemoteStream('host');
      const late = new ScriptedRemoteStream('late');
      backend.client.addRemote(guest);
      backend.client.addRemote(host);
      backend.client.addRemote(late);
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(host.playedIn).to.equal(named.container);
      expect(guest.playedIn).to.equal(first.container);
      expect(late.playedIn).to.equal(second.container);
      expect(named.shown.at(-1)?.userId).to.equal('host');
      expect(named.shown.at(-1)?.playing).to.equal(true);
    });

    it('stops playback and frees the view when a stream leaves', async () => {
      const tile = view();
      controller.attachRemoteView(tile);
      const host = new ScriptedRemoteStream('host');
      const log = record(controller);
      backend.client.addRemote(host);
      await new Promise((resolve) => setTimeout(resolve, 0));
      backend.client.events.emit('stream-removed', { stream: host });
      expect(host.playedIn).to.equal(null);
      expect(tile.shown.at(-1)).to.equal(null);
      expect(controller.state.remoteStreams).to.have.length(0);
      expect(log.of('trtc-stream-removed').map((stream) => stream.userId)).to.deep.equal(['host']);
    });

    it('says nothing when a subscription fails because the stream went away meanwhile', async () => {
      const log = record(controller);
      const host = new ScriptedRemoteStream('host');
      backend.hold('subscribe');
      backend.fail('subscribe', new TrtcCodedError('remote user host unpublished stream', 0x404d));
      backend.client.addRemote(host);
      backend.client.events.emit('stream-removed', { stream: host });
      backend.release('subscribe');
      await until(() => !backend.failing('subscribe'), 'the subscription to fail');
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(log.of('trtc-error')).to.deep.equal([]);
      expect(controller.state.error).to.equal(null);
      expect(log.of('trtc-stream-removed').map((stream) => stream.userId)).to.deep.equal(['host']);
    });

    it('reports a subscription that fails while the stream is still there', async () => {
      const log = record(controller);
      backend.fail('subscribe', new TrtcCodedError('subscription timed out', 0x4046));
      backend.client.addRemote(new ScriptedRemoteStream('host'));
      await until(() => log.of('trtc-error').length > 0, 'the failure to be reported');
      expect(log.of('trtc-error').map((error) => error.code)).to.deep.equal(['connection-lost']);
    });

    it('announces each stream removed once, however the room ends', async () => {
      const endings: [string, () => Promise<void> | void][] = [
        ['leave()', () => controller.leave()],
        ['kicked', () => backend.client.events.emit('client-banned', { reason: 'kick', message: 'elsewhere' })],
        ['cut off', () => backend.client.events.emit('error', new TrtcCodedError('reconnection failed', 0x4006))],
      ];
      for (const [ending, end] of endings) {
        if (controller.state.connectionState !== 'joined') await controller.join();
        const log = record(controller);
        backend.client.addRemote(new ScriptedRemoteStream('host'));
        backend.client.addRemote(new ScriptedRemoteStream('guest'));
        await new Promise((resolve) => setTimeout(resolve, 0));
        await end();
        expect(controller.state.remoteStreams, ending).to.deep.equal([]);
        expect(log.of('trtc-stream-removed').map((stream) => stream.userId), ending).to.deep.equal(['host', 'guest']);
      }
    });

    it('tracks mute state of remote users', async () => {
      backend.client.addRemote(new ScriptedRemoteStream('host'));
      await new Promise((resolve) => setTimeout(resolve, 0));
      backend.client.events.emit('mute-video', { userId: 'host' });
      expect(controller.state.remoteStreams[0]).to.include({ videoMuted: true, audioMuted: false });
      backend.client.events.emit('unmute-video', { userId: 'host' });
      expect(controller.state.remoteStreams[0]).to.include({ videoMuted: false });
    });

    it('reports blocked autoplay once and resumes from a user gesture', async () => {
      const log = record(controller);
      const host = new ScriptedRemoteStream('host');
      host.playError = new TrtcCodedError('autoplay blocked', 0x4043);
      controller.attachRemoteView(view());
      backend.client.addRemote(host);
      await new Promise((resolve) => setTimeout(resolve, 0));
      host.events.emit('error', new TrtcCodedError('autoplay blocked', 0x4043));
      expect(controller.state.remoteStreams[0]).to.include({ autoplayBlocked: true, playing: false });
      expect(log.of('trtc-autoplay-blocked').map((stream) => stream.userId)).to.deep.equal(['host']);
      await controller.resumePlayback('host:main');
      expect(host.resumeCalls).to.equal(1);
      expect(controller.state.remoteStreams[0]).to.include({ autoplayBlocked: false, playing: true });
    });

    it('forgets streams and stops them on leave', async () => {
      const host = new ScriptedRemoteStream('host');
      controller.attachRemoteView(view());
      backend.client.addRemote(host);
      await new Promise((resolve) => setTimeout(resolve, 0));
      await controller.leave();
      expect(host.playedIn).to.equal(null);
      expect(host.events.count, 'stream listeners removed').to.equal(0);
      expect(controller.state.remoteStreams).to.have.length(0);
    });
  });
});
