/**
 * The transport a co-anchor request travels on: how a viewer's request reaches the host and the
 * host's answer comes back. The package ships two (`LoopbackSignaling` over BroadcastChannel,
 * `TencentChatSignaling` over Tencent Cloud Chat); a site with a WebSocket or an IM of its own
 * implements this interface and hands the object to the room.
 *
 * A transport carries opaque text between users of one room. It knows nothing of the co-anchor
 * protocol (src/signaling/protocol.ts encodes and checks that), and it is trusted for one thing
 * only: saying who sent a message.
 */

/** The room's identity, which a transport connects with. */
export interface SignalingIdentity {
  sdkAppId: number;
  userId: string;
  /** A secret: a transport may log in with it, never log, store beyond its use, or report it. */
  userSig: string;
  /** TRTC's room id: the numeric room 42 and the string room "42" are different rooms. */
  roomId: number | string;
}

/** A message as the transport received it. */
export interface SignalingMessage {
  /**
   * The sender as the transport establishes it (the logged-in account of the sending side, the
   * user your server authenticated on the WebSocket), never a field read from `data`.
   */
  from: string;
  /** The text the sender passed to `send()`, unchanged. */
  data: string;
}

/** Stops a listener added with `onMessage()` or `onPeerLeft()`; calling it again does nothing. */
export type Unsubscribe = () => void;

/**
 * A transport for co-anchor requests between the users of one room.
 *
 * Life cycle: `connect()` once, `send()` and receive while connected, `close()`. A transport that
 * has been closed may be connected again (a room that leaves and joins again reuses the one it
 * was given). Listeners may be added before `connect()`, so no message is missed.
 *
 * Delivery is best effort and at most once: a message to a user who is not connected is dropped,
 * never stored for later; messages of one sender arrive in the order sent. A transport does not
 * deliver a message from this user to itself (from this instance or another tab of the same user).
 *
 * @example A transport over a site's own WebSocket (the server relays `{ to, data }` and stamps
 * the `from` it authenticated):
 * ```ts
 * class MySignaling implements CoAnchorSignaling {
 *   #socket?: WebSocket;
 *   #listeners = new Set<(message: SignalingMessage) => void>();
 *   async connect({ userId, userSig, roomId }: SignalingIdentity) {
 *     const socket = new WebSocket(`wss://example.com/rooms/${roomId}?user=${userId}`);
 *     await new Promise((resolve, reject) => {
 *       socket.onopen = resolve;
 *       socket.onerror = reject;
 *     });
 *     socket.send(JSON.stringify({ auth: userSig }));
 *     socket.onmessage = (event) => {
 *       const { from, data } = JSON.parse(event.data);
 *       for (const listener of this.#listeners) listener({ from, data });
 *     };
 *     this.#socket = socket;
 *   }
 *   async send(to: string, data: string) {
 *     this.#socket?.send(JSON.stringify({ to, data }));
 *   }
 *   onMessage(listener: (message: SignalingMessage) => void) {
 *     this.#listeners.add(listener);
 *     return () => this.#listeners.delete(listener);
 *   }
 *   async close() {
 *     this.#listeners.clear();
 *     this.#socket?.close();
 *     this.#socket = undefined;
 *   }
 * }
 * ```
 */
export interface CoAnchorSignaling {
  /**
   * Connects as `identity.userId` to the room `identity.roomId`. Resolves once messages can be sent
   * and received; rejects when that fails, and when `close()` is called before it is done.
   * Rejects while already connected or connecting.
   */
  connect(identity: SignalingIdentity): Promise<void>;

  /**
   * Sends `data` to the user `to` of the room (to every connected instance of that user).
   * Resolves when the transport has taken the message, which says nothing about delivery;
   * rejects when not connected or when the transport refuses it.
   */
  send(to: string, data: string): Promise<void>;

  /** Calls `listener` for every message addressed to this user while connected. */
  onMessage(listener: (message: SignalingMessage) => void): Unsubscribe;

  /**
   * Optional presence: calls `listener` when a user this transport has heard from or sent to is
   * gone (closed, its page went away, or fell silent), so a viewer waiting for a host that
   * vanished need not wait for the request's timeout. A transport that cannot tell leaves it out;
   * the protocol's own `host-left` message and the request timeout then cover it.
   */
  onPeerLeft?(listener: (userId: string) => void): Unsubscribe;

  /**
   * Disconnects and drops every listener at once (nothing is delivered after the call); the
   * promise settles when the transport has let go of its resources. Never rejects; calling it
   * again, or before `connect()`, does nothing more.
   */
  close(): Promise<void>;
}
