import type { TrtcClientEventMap, TrtcRemoteMutedState, TrtcRole } from '../types.js';
import { callAborted } from './errors.js';
import { joinTimestamp, randomId } from './ids.js';
import type { LoopbackLocalStream } from './local-stream.js';
import type { Message, MessageBody, Presence, StreamAdvert } from './protocol.js';
import { Publisher } from './publisher.js';
import { LoopbackRemoteStream } from './remote-stream.js';
import { SignalChannel } from './signal-channel.js';
import { Subscriber } from './subscriber.js';
import type { SubscribeOptions } from './subscriber.js';
import { NetworkMonitor } from './network-quality.js';
import { timings } from './timings.js';
import type { VolumeSource } from './volume-meter.js';

/**
 * How a session ended: `left` on purpose, `kicked` by a later join of its userId, `signal-lost`
 * when signalling stayed silent too long, `dropped` by the test hook that makes it vanish.
 */
export type SessionEnd = 'left' | 'kicked' | 'signal-lost' | 'dropped';

/** The client a session belongs to. */
export interface SessionOwner {
  readonly userId: string;
  readonly autoSubscribe: boolean;
  emit<K extends keyof TrtcClientEventMap>(event: K, payload: TrtcClientEventMap[K]): void;
  signalLost(): void;
  signalRestored(): void;
  /** The session is over; `shown` are the remote streams the page had been given, now gone. */
  ended(how: SessionEnd, shown: LoopbackRemoteStream[]): void;
}

/** Another client in the room, as this session knows it. */
interface RemotePeer {
  readonly id: string;
  readonly userId: string;
  role: TrtcRole;
  /** `performance.now()` when it was last heard from. */
  lastSeen: number;
  /** Its published stream once announced to the page by 'stream-added'; only anchors' streams are. */
  stream: LoopbackRemoteStream | null;
}

/** In live mode audience members are neither announced ('peer-join') nor can they have streams. */
const isShown = (role: TrtcRole) => role === 'anchor';

/** Whether session A joined after session B; a tie is broken by id, so every client agrees. */
function joinedAfter(aJoinedAt: number, aId: string, bJoinedAt: number, bId: string): boolean {
  return aJoinedAt !== bJoinedAt ? aJoinedAt > bJoinedAt : aId > bId;
}

/**
 * One client's membership of one room, from join() to its end. It keeps the room's picture in
 * step with what the others announce (whole-state announces, also sent as heartbeats), turns
 * changes into the SDK's client events, and owns the media links through its Publisher and
 * Subscriber. Everything it holds (channel, links, timers, page listeners) goes in `#end()`.
 */
export class RoomSession {
  readonly id = randomId();
  readonly #joinedAt = joinTimestamp();
  readonly #remotes = new Map<string, RemotePeer>();
  /** The latest session seen per userId: announces of a superseded (kicked) one are ignored. */
  readonly #latestOfUser = new Map<string, { joinedAt: number; id: string }>();
  readonly #publisher = new Publisher({
    send: (body, to) => this.#send(body, to),
    streamChanged: () => this.#announce(),
  });
  readonly #subscriber = new Subscriber({
    send: (body, to) => this.#send(body, to),
    emit: (event, payload) => this.#owner.emit(event, payload),
  });
  #role: TrtcRole;
  #channel: SignalChannel | null = null;
  #ended = false;
  #heartbeat: ReturnType<typeof setTimeout> | undefined;
  #reconnectDeadline: ReturnType<typeof setTimeout> | undefined;
  #networkReport: ReturnType<typeof setTimeout> | undefined;
  readonly #network = new NetworkMonitor();

  readonly #owner: SessionOwner;
  readonly #sdkAppId: number;
  readonly #room: string;

  constructor(owner: SessionOwner, sdkAppId: number, room: string, role: TrtcRole) {
    this.#owner = owner;
    this.#sdkAppId = sdkAppId;
    this.#room = room;
    this.#role = role;
  }

  /** In the room: started and not ended (signalling may be lost meanwhile). */
  get inRoom(): boolean {
    return this.#channel !== null && !this.#ended;
  }

  get role(): TrtcRole {
    return this.#role;
  }

  /** The local stream this session publishes, if any. */
  get publishedStream(): LoopbackLocalStream | null {
    return this.#publisher.stream;
  }

  get signalLost(): boolean {
    return this.#channel?.silenced ?? false;
  }

  /** Enters the room: opens the channel, announces itself and asks everyone to answer. */
  start(): void {
    this.#channel = new SignalChannel(this.#sdkAppId, this.#room, this.id, this.#onMessage);
    window.addEventListener('pagehide', this.#onPageHide);
    window.addEventListener('pageshow', this.#onPageShow);
    this.#announce(null, true);
    this.#scheduleHeartbeat();
    this.#scheduleNetworkReport();
  }

  setRole(role: TrtcRole): void {
    if (role === this.#role) return;
    this.#role = role;
    // An audience member has no stream: going back to audience takes the stream off the air.
    if (role === 'audience') this.#publisher.unpublish();
    this.#announce();
  }

  publish(stream: LoopbackLocalStream): void {
    this.#publisher.publish(stream);
    this.#announce();
  }

  unpublish(): void {
    this.#publisher.unpublish();
    this.#announce();
  }

  /** The session publishing `stream`, if it is one of the streams this session has shown. */
  publisherOf(stream: LoopbackRemoteStream): string | undefined {
    for (const peer of this.#remotes.values()) if (peer.stream === stream) return peer.id;
    return undefined;
  }

  subscribe(stream: LoopbackRemoteStream, publisher: string, options: SubscribeOptions): Promise<void> {
    return this.#subscriber.subscribe(stream, publisher, options);
  }

  unsubscribe(stream: LoopbackRemoteStream): void {
    this.#subscriber.unsubscribe(stream);
  }

  /** The sound to measure for 'audio-volume': the published stream's and every subscribed one's. */
  audioSources(): VolumeSource[] {
    const sources: VolumeSource[] = [];
    const published = this.#publisher.stream;
    const ownTrack = published?.getAudioTrack();
    if (published && ownTrack) sources.push({ userId: this.#owner.userId, stream: published, track: ownTrack });
    for (const { userId, stream } of this.#remotes.values()) {
      const track = stream && this.#subscriber.has(stream) ? stream.getAudioTrack() : null;
      if (stream && track) sources.push({ userId, stream, track });
    }
    return sources;
  }

  remoteMutedState(): TrtcRemoteMutedState[] {
    return [...this.#remotes.values()].flatMap(({ userId, stream }) => {
      if (!stream) return [];
      const { audio, video, audioMuted, videoMuted } = stream.advert;
      return [{ userId, hasAudio: audio, hasVideo: video, audioMuted, videoMuted }];
    });
  }

  leave(): void {
    this.#end('left');
  }

  /** Vanishes as if the tab had closed: no goodbye, no events; the others time it out. */
  drop(): void {
    this.#end('dropped');
  }

  /** Signalling goes silent both ways; media keeps flowing. Gives up after `reconnectTimeoutMs`. */
  loseSignal(): void {
    if (!this.#channel) return;
    this.#channel.silenced = true;
    this.#reconnectDeadline = setTimeout(() => this.#end('signal-lost'), timings().reconnectTimeoutMs);
    this.#owner.signalLost();
  }

  /** Signalling is back: catch up with whatever changed in the room meanwhile. */
  restoreSignal(): void {
    if (!this.#channel) return;
    clearTimeout(this.#reconnectDeadline);
    this.#channel.silenced = false;
    this.#owner.signalRestored();
    this.#resync();
  }

  #end(how: SessionEnd): void {
    if (this.#ended) return;
    this.#ended = true;
    clearTimeout(this.#heartbeat);
    clearTimeout(this.#reconnectDeadline);
    clearTimeout(this.#networkReport);
    window.removeEventListener('pagehide', this.#onPageHide);
    window.removeEventListener('pageshow', this.#onPageShow);
    if (how === 'left' || how === 'kicked') this.#send({ type: 'bye' });
    this.#channel?.close();
    this.#publisher.unpublish();
    this.#subscriber.closeAll(callAborted('the client left the room'));
    const shown = [...this.#remotes.values()].flatMap((peer) => (peer.stream ? [peer.stream] : []));
    this.#remotes.clear();
    this.#owner.ended(how, shown);
  }

  readonly #onMessage = (message: Message): void => {
    if (this.#ended) return;
    switch (message.type) {
      case 'announce':
        this.#onAnnounce(message.from, message.presence, message.replyWanted);
        break;
      case 'bye': {
        const peer = this.#remotes.get(message.from);
        if (peer) this.#removePeer(peer);
        break;
      }
      case 'offer':
        void this.#publisher.answer(message.from, message.linkId, message.streamId, message.sdp);
        break;
      case 'answer':
        this.#subscriber.receiveAnswer(message.from, message.linkId, message.sdp);
        break;
      case 'refuse':
        this.#subscriber.refused(message.from, message.linkId);
        break;
      case 'close-link':
        this.#publisher.closeLink(message.from, message.linkId);
        break;
    }
  };

  #onAnnounce(from: string, presence: Presence, replyWanted: boolean): void {
    if (presence.userId === this.#owner.userId) {
      // One userId, two sessions: the earlier one is kicked, the later one carries on.
      if (joinedAfter(presence.joinedAt, from, this.#joinedAt, this.id)) this.#end('kicked');
      return;
    }
    const latest = this.#latestOfUser.get(presence.userId);
    if (latest && latest.id !== from && joinedAfter(latest.joinedAt, latest.id, presence.joinedAt, from)) return;
    this.#latestOfUser.set(presence.userId, { joinedAt: presence.joinedAt, id: from });
    for (const other of [...this.#remotes.values()]) {
      if (other.userId !== presence.userId || other.id === from) continue;
      this.#removePeer(other);
      if (this.#ended) return;
    }

    let peer = this.#remotes.get(from);
    if (!peer) {
      // Starts as unseen audience, so that an anchor is announced by the update below.
      peer = { id: from, userId: presence.userId, role: 'audience', lastSeen: 0, stream: null };
      this.#remotes.set(from, peer);
    }
    peer.lastSeen = performance.now();
    this.#update(peer, presence);
    if (this.#ended || this.#remotes.get(from) !== peer) return;
    this.#publisher.reconcile(from, presence.links);
    this.#subscriber.reconcile(from, presence.links);
    if (replyWanted) this.#announce(from);
  }

  /** Brings `peer` to its announced state, emitting what changed. */
  #update(peer: RemotePeer, presence: Presence): void {
    const wasShown = isShown(peer.role);
    peer.role = presence.role;
    const shown = isShown(peer.role);
    const advert = shown ? presence.stream : null;

    const previous = peer.stream;
    if (previous && previous.advert.id !== advert?.id) {
      peer.stream = null;
      this.#subscriber.drop(previous);
      if (!this.#emit('stream-removed', { stream: previous })) return;
    }
    if (wasShown !== shown && !this.#emit(shown ? 'peer-join' : 'peer-leave', { userId: peer.userId })) return;
    if (!advert) return;
    if (peer.stream) this.#updateStream(peer.stream, advert);
    else this.#addStream(peer, advert);
  }

  #addStream(peer: RemotePeer, advert: StreamAdvert): void {
    const stream = new LoopbackRemoteStream(peer.userId, advert);
    peer.stream = stream;
    const { userId } = peer;
    if (!this.#emit('stream-added', { stream })) return;
    if (advert.audioMuted && !this.#emit('mute-audio', { userId })) return;
    if (advert.videoMuted && !this.#emit('mute-video', { userId })) return;
    if (this.#owner.autoSubscribe && peer.stream === stream && !this.#subscriber.has(stream)) {
      // A failed automatic subscription leaves the stream unsubscribed; the page may subscribe() itself.
      this.#subscriber.subscribe(stream, peer.id, { audio: true, video: true }).catch(() => undefined);
    }
  }

  #updateStream(stream: LoopbackRemoteStream, advert: StreamAdvert): void {
    const before = stream.advert;
    const userId = stream.getUserId();
    stream.updateAdvert(advert);
    if ((before.audio !== advert.audio || before.video !== advert.video) && !this.#emit('stream-updated', { stream })) {
      return;
    }
    if (before.audioMuted !== advert.audioMuted && !this.#emit(advert.audioMuted ? 'mute-audio' : 'unmute-audio', { userId })) {
      return;
    }
    if (before.videoMuted !== advert.videoMuted) this.#emit(advert.videoMuted ? 'mute-video' : 'unmute-video', { userId });
  }

  #removePeer(peer: RemotePeer): void {
    this.#remotes.delete(peer.id);
    this.#publisher.closeLinksTo(peer.id);
    const stream = peer.stream;
    if (stream) {
      this.#subscriber.drop(stream);
      if (!this.#emit('stream-removed', { stream })) return;
    }
    if (isShown(peer.role)) this.#emit('peer-leave', { userId: peer.userId });
  }

  /** Emits a client event; false if a handler ended the session (e.g. called leave()), so the caller stops. */
  #emit<K extends keyof TrtcClientEventMap>(event: K, payload: TrtcClientEventMap[K]): boolean {
    this.#owner.emit(event, payload);
    return !this.#ended;
  }

  #scheduleHeartbeat(): void {
    this.#heartbeat = setTimeout(() => {
      this.#scheduleHeartbeat();
      // While signalling is lost the room's picture is frozen, as the SDK's is while it reconnects.
      if (this.signalLost) return;
      this.#announce();
      this.#removeSilentPeers();
    }, timings().heartbeatIntervalMs);
  }

  /** Every `networkQualityIntervalMs` while in the room, what the media links' statistics say. */
  #scheduleNetworkReport(): void {
    this.#networkReport = setTimeout(() => {
      void this.#network.measure(this.#publisher.links(), this.#subscriber.links()).then((quality) => {
        if (this.#ended) return;
        this.#owner.emit('network-quality', quality);
        if (!this.#ended) this.#scheduleNetworkReport();
      });
    }, timings().networkQualityIntervalMs);
  }

  #removeSilentPeers(): void {
    const heardSince = performance.now() - timings().peerTimeoutMs;
    for (const peer of [...this.#remotes.values()]) {
      if (peer.lastSeen >= heardSince || this.#remotes.get(peer.id) !== peer) continue;
      this.#removePeer(peer);
      if (this.#ended) return;
    }
  }

  /** After an outage: give everyone a fresh timeout and ask them to tell us where they are. */
  #resync(): void {
    const now = performance.now();
    for (const peer of this.#remotes.values()) peer.lastSeen = now;
    this.#announce(null, true);
  }

  #announce(to: string | null = null, replyWanted = false): void {
    const presence: Presence = {
      userId: this.#owner.userId,
      role: this.#role,
      joinedAt: this.#joinedAt,
      stream: this.#publisher.advert(),
      links: [...this.#publisher.linkIds(), ...this.#subscriber.linkIds()],
    };
    this.#send({ type: 'announce', presence, replyWanted }, to);
  }

  #send(body: MessageBody, to: string | null = null): void {
    this.#channel?.send(body, to);
  }

  /** The tab is going away (or into the back/forward cache): say goodbye rather than be timed out. */
  readonly #onPageHide = (): void => this.#send({ type: 'bye' });

  /** Back from the back/forward cache: the room moved on meanwhile. */
  readonly #onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted && !this.signalLost) this.#resync();
  };
}
