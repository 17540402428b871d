/**
 * How the v5 client turns v5's events into v4's. A room with other users needs Tencent Cloud, so
 * here the events are emitted on the real v5 instance, with the names and payloads v5 declares
 * (`TRTC.EVENT`, `TRTCEventTypes`); everything our client does with them runs for real.
 */
import { expect } from '@open-wc/testing';
import { loadBackend } from '../../src/backends/loader.js';
import { TrtcErrorCode, trtcCodeOf } from '../../src/backends/error-codes.js';
import type { TrtcBackend, TrtcClient, TrtcClientEventMap, TrtcRemoteStream } from '../../src/backends/types.js';
import type { V5Client } from '../../src/backends/trtc-v5/client.js';
import { rejection } from '../helpers/async.js';

type Recorded = { event: keyof TrtcClientEventMap; userId?: string; type?: string; hasAudio?: boolean; hasVideo?: boolean; detail?: unknown };

const EVENTS: (keyof TrtcClientEventMap)[] = [
  'stream-added',
  'stream-removed',
  'stream-updated',
  'peer-join',
  'peer-leave',
  'mute-audio',
  'unmute-audio',
  'mute-video',
  'unmute-video',
  'connection-state-changed',
  'client-banned',
  'error',
];

describe('v5 events in v4 terms', () => {
  let TRTC: TrtcBackend;
  let client: TrtcClient;
  let recorded: Recorded[];
  const streams = new Map<string, TrtcRemoteStream>();
  /** Emits `event` the way the v5 instance emits it to the page. */
  const v5 = (event: string, payload?: unknown) =>
    // v5's instance is an event emitter; its declarations leave emit() out.
    ((client as V5Client).trtc as unknown as { emit(event: string, payload: unknown): void }).emit(event, payload);

  before(async () => {
    TRTC = await loadBackend('trtc-v5');
  });

  beforeEach(() => {
    recorded = [];
    streams.clear();
    client = TRTC.createClient({ mode: 'live', sdkAppId: 1400000000, userId: 'v5_events', userSig: 'x' });
    for (const event of EVENTS) {
      client.on(event, (payload: unknown) => {
        const stream = (payload as { stream?: TrtcRemoteStream } | undefined)?.stream;
        if (stream) {
          streams.set(`${stream.getUserId()}:${stream.getType()}`, stream);
          recorded.push({ event, userId: stream.getUserId(), type: stream.getType(), hasAudio: stream.hasAudio(), hasVideo: stream.hasVideo() });
        } else {
          recorded.push({ event, detail: event === 'error' ? trtcCodeOf(payload) : payload });
        }
      });
    }
  });

  afterEach(() => client.destroy());

  it('keeps one stream per user and type while anything of it is available; a kind that goes and comes back is a mute', () => {
    v5('remote-user-enter', { userId: 'host' });
    v5('remote-audio-available', { userId: 'host' });
    v5('remote-video-available', { userId: 'host', streamType: 'main' });
    v5('remote-video-available', { userId: 'host', streamType: 'sub' });
    v5('remote-audio-unavailable', { userId: 'host' });
    expect(client.getRemoteMutedState()).to.deep.equal([
      { userId: 'host', hasAudio: true, hasVideo: true, audioMuted: true, videoMuted: false },
    ]);
    v5('remote-audio-available', { userId: 'host' });
    v5('remote-video-unavailable', { userId: 'host', streamType: 'main' });
    v5('remote-video-available', { userId: 'host', streamType: 'main' });
    v5('remote-video-unavailable', { userId: 'host', streamType: 'sub' });
    v5('remote-video-unavailable', { userId: 'host', streamType: 'main' });
    v5('remote-audio-unavailable', { userId: 'host' });
    expect(recorded).to.deep.equal([
      { event: 'peer-join', detail: { userId: 'host' } },
      { event: 'stream-added', userId: 'host', type: 'main', hasAudio: true, hasVideo: false },
      { event: 'stream-updated', userId: 'host', type: 'main', hasAudio: true, hasVideo: true },
      { event: 'stream-added', userId: 'host', type: 'auxiliary', hasAudio: false, hasVideo: true },
      { event: 'mute-audio', detail: { userId: 'host' } },
      { event: 'unmute-audio', detail: { userId: 'host' } },
      { event: 'mute-video', detail: { userId: 'host' } },
      { event: 'unmute-video', detail: { userId: 'host' } },
      { event: 'stream-removed', userId: 'host', type: 'auxiliary', hasAudio: false, hasVideo: true },
      { event: 'mute-video', detail: { userId: 'host' } },
      { event: 'stream-removed', userId: 'host', type: 'main', hasAudio: true, hasVideo: true },
    ]);
    expect(client.getRemoteMutedState()).to.deep.equal([]);
  });

  it("removes a user's streams, then says the user left", () => {
    v5('remote-video-available', { userId: 'host', streamType: 'main' });
    v5('remote-video-available', { userId: 'host', streamType: 'sub' });
    v5('remote-audio-available', { userId: 'other' });
    recorded = [];
    v5('remote-user-exit', { userId: 'host', reason: 0 });
    expect(recorded.map(({ event, type, userId, detail }) => [event, userId ?? (detail as { userId: string }).userId, type])).to.deep.equal([
      ['stream-removed', 'host', 'main'],
      ['stream-removed', 'host', 'auxiliary'],
      ['peer-leave', 'host', undefined],
    ]);
  });

  it('reports a kick as client-banned, a reconnect as RECONNECTING, and an error in v4 codes', () => {
    v5('connection-state-changed', { prevState: 'DISCONNECTED', state: 'CONNECTING', isReconnecting: false });
    v5('connection-state-changed', { prevState: 'CONNECTING', state: 'CONNECTED' });
    v5('connection-state-changed', { prevState: 'CONNECTED', state: 'DISCONNECTED' });
    v5('connection-state-changed', { prevState: 'DISCONNECTED', state: 'CONNECTING', isReconnecting: true });
    v5('connection-state-changed', { prevState: 'CONNECTING', state: 'CONNECTED' });
    v5('kicked-out', { reason: 'kick' });
    v5('error', Object.assign(new Error('rejoin failed'), { name: 'RtcError', code: 5500, extraCode: 5502 }));
    expect(recorded.map(({ event, detail }) => [event, detail])).to.deep.equal([
      ['connection-state-changed', { prevState: 'DISCONNECTED', state: 'CONNECTING' }],
      ['connection-state-changed', { prevState: 'CONNECTING', state: 'CONNECTED' }],
      ['connection-state-changed', { prevState: 'CONNECTED', state: 'DISCONNECTED' }],
      ['connection-state-changed', { prevState: 'DISCONNECTED', state: 'RECONNECTING' }],
      ['connection-state-changed', { prevState: 'RECONNECTING', state: 'CONNECTED' }],
      ['client-banned', { reason: 'kick' }],
      ['error', TrtcErrorCode.SIGNAL_CHANNEL_RECONNECTION_FAILED],
    ]);
  });

  it("turns AUTOPLAY_FAILED into the stream's PLAY_NOT_ALLOWED error, and resume() into v5's resume()", async () => {
    v5('remote-audio-available', { userId: 'host' });
    const stream = streams.get('host:main')!;
    const errors: unknown[] = [];
    stream.on('error', (error) => errors.push(trtcCodeOf(error)));
    let allowed = false;
    const resumed: boolean[] = [];
    const resume = () => {
      resumed.push(allowed);
      return allowed ? Promise.resolve() : Promise.reject(new DOMException('needs a gesture', 'NotAllowedError'));
    };
    v5('autoplay-failed', { userId: 'host', mediaType: 'audio', resume });
    expect(errors).to.deep.equal([TrtcErrorCode.PLAY_NOT_ALLOWED]);
    expect(trtcCodeOf(await rejection(stream.resume())), 'still refused').to.equal(TrtcErrorCode.PLAY_NOT_ALLOWED);
    allowed = true;
    await stream.resume();
    await stream.resume();
    expect(resumed, "v5's resume(), until it succeeds").to.deep.equal([false, true]);
  });

  it('takes every handler it put on the v5 instance off on destroy()', () => {
    v5('remote-audio-available', { userId: 'host' });
    client.destroy();
    recorded = [];
    v5('remote-video-available', { userId: 'host', streamType: 'main' });
    v5('kicked-out', { reason: 'kick' });
    expect(recorded).to.deep.equal([]);
  });
});
