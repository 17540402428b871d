import type TencentCloudChat from '@tencentcloud/chat';
import type { ChatSDK, Message } from '@tencentcloud/chat';
import { maskSecrets } from '../backends/secrets.js';
import { SignalingError } from './errors.js';
import { checkIdentity, checkSendArguments } from './identity.js';
import { Listeners } from './listeners.js';
import type { CoAnchorSignaling, SignalingIdentity, SignalingMessage, Unsubscribe } from './types.js';

/**
 * `CoAnchorSignaling` over Tencent Cloud Chat (`@tencentcloud/chat`), logged in with the room's
 * sdkAppId, userId and userSig: the credentials TRTC uses serve Chat too when the application has
 * Chat enabled. Each message is a one-to-one custom message sent online only (`onlineUserOnly`):
 * delivered to the user if connected, never stored in anyone's conversation history, never pushed
 * offline. The sender is the message's `from`, which Chat's server sets to the logged-in account.
 *
 * The SDK (about 470 KB, 125 KB gzip) is imported on the first `connect()`, never before.
 *
 * Presence: Chat tells no one when a user goes away without a word (its user-status feature is a
 * paid add-on), so this transport has no `onPeerLeft`; a host's `host-left` message and the
 * request timeout cover it.
 *
 * One Chat account is by default logged in on one web page at a time: a second page of the same
 * user logs the first out, as a second TRTC join of the same user removes the first.
 */

/** The parts of `@tencentcloud/chat`'s instance this transport uses, as the package declares them. */
export type ChatInstance = Pick<
  ChatSDK,
  'login' | 'logout' | 'destroy' | 'isReady' | 'on' | 'off' | 'setLogLevel' | 'createCustomMessage' | 'sendMessage'
>;

/** The parts of `@tencentcloud/chat`'s default export this transport uses, as the package declares them. */
export interface ChatModule {
  create(options: Parameters<typeof TencentCloudChat.create>[0]): ChatInstance;
  EVENT: Pick<typeof TencentCloudChat.EVENT, 'MESSAGE_RECEIVED' | 'SDK_READY'>;
  TYPES: Pick<typeof TencentCloudChat.TYPES, 'CONV_C2C' | 'MSG_CUSTOM'>;
}

export interface TencentChatSignalingOptions {
  /**
   * Loads the Chat SDK's namespace. By default the package's ES module build is imported on
   * first use; a site that loads `@tencentcloud/chat` itself passes `() => Promise.resolve(TencentCloudChat)`.
   */
  loadChat?: () => Promise<ChatModule>;
}

/**
 * Marks this transport's custom messages (in their `extension`), so the site's own custom messages
 * on the same Chat account pass by untouched.
 */
const TRANSPORT_MARK = 'trtc-live-elements/signaling';

/** Chat's release log level (important information only), which Tencent advises in production. */
const RELEASE_LOG_LEVEL = 1;

let defaultChat: Promise<ChatModule> | undefined;

function importChat(): Promise<ChatModule> {
  // The package's `main` is a UMD file; its ES module build is imported by path.
  defaultChat ??= import('@tencentcloud/chat/index.es.js').then(
    // Typed as ChatModule so the compiler checks the package's declarations against what is used.
    (module): ChatModule => module.default,
    (error: unknown) => {
      defaultChat = undefined;
      throw error;
    },
  );
  return defaultChat;
}

/** One connection's Chat instance and what was attached to it. */
interface Session {
  userId: string;
  chat: ChatInstance | null;
  module: ChatModule | null;
  loggedIn: boolean;
  connected: boolean;
  /** Rejects the connect() under way: close() came first. */
  abort: () => void;
  aborted: Promise<never>;
  onMessages: (event: unknown) => void;
  onReady: () => void;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/** A Chat failure as a SignalingError, with the userSig (when given) masked wherever the SDK may have echoed it. */
function serviceError(step: string, error: unknown, userSig?: string): SignalingError {
  const { code, message } = (typeof error === 'object' && error !== null ? error : {}) as { code?: unknown; message?: unknown };
  const sdkCode = typeof code === 'number' ? code : undefined;
  const said = typeof message === 'string' && message ? `: ${maskSecrets(message, [userSig])}` : '';
  return new SignalingError('service-error', `Tencent Cloud Chat ${step} failed${sdkCode === undefined ? '' : ` (${sdkCode})`}${said}`, sdkCode);
}

export class TencentChatSignaling implements CoAnchorSignaling {
  readonly #loadChat: () => Promise<ChatModule>;
  readonly #messages = new Listeners<SignalingMessage>();
  #session: Session | null = null;
  /** The release of the last session, which a new connect() waits for. */
  #releasing: Promise<void> = Promise.resolve();

  constructor(options: TencentChatSignalingOptions = {}) {
    this.#loadChat = options.loadChat ?? importChat;
  }

  async connect(identity: SignalingIdentity): Promise<void> {
    if (this.#session) throw new SignalingError('already-connected', 'connect(): already connected or connecting');
    const { sdkAppId, userId, userSig } = checkIdentity(identity);
    let abort!: () => void;
    const aborted = new Promise<never>((_, reject) => {
      abort = () => reject(new SignalingError('aborted', 'connect(): closed before connected'));
    });
    // Nobody may be listening when close() comes first: the rejection is connect()'s to report.
    aborted.catch(() => undefined);
    let ready!: () => void;
    const isReady = new Promise<void>((resolve) => (ready = resolve));
    const session: Session = {
      userId,
      chat: null,
      module: null,
      loggedIn: false,
      connected: false,
      abort,
      aborted,
      onMessages: (event) => this.#onMessages(session, event),
      onReady: ready,
    };
    this.#session = session;
    const step = <T>(promise: Promise<T>) => Promise.race([promise, aborted]);

    try {
      await step(this.#releasing);
      const module = await step(this.#loadChat());
      const chat = module.create({ SDKAppID: sdkAppId });
      session.module = module;
      session.chat = chat;
      chat.setLogLevel(RELEASE_LOG_LEVEL);
      // Listeners before login, as the SDK asks, so no event is missed.
      chat.on(module.EVENT.MESSAGE_RECEIVED, session.onMessages);
      chat.on(module.EVENT.SDK_READY, session.onReady);
      try {
        await step(chat.login({ userID: userId, userSig }));
      } catch (error) {
        throw error instanceof SignalingError ? error : serviceError('login', error, userSig);
      }
      session.loggedIn = true;
      // Sending needs the SDK ready, which it announces after login.
      if (!chat.isReady()) await step(isReady);
      chat.off(module.EVENT.SDK_READY, session.onReady);
      session.connected = true;
    } catch (error) {
      if (this.#session === session) {
        this.#session = null;
        this.#releasing = this.#release(session);
      }
      throw error;
    }
  }

  async send(to: string, data: string): Promise<void> {
    const session = this.#session;
    const { chat, module } = session ?? {};
    if (!session?.connected || !chat || !module) throw new SignalingError('not-connected', 'send(): not connected');
    checkSendArguments(to, data);
    try {
      const message = chat.createCustomMessage({
        to,
        conversationType: module.TYPES.CONV_C2C,
        payload: { data, description: '', extension: TRANSPORT_MARK },
      });
      await chat.sendMessage(message, { onlineUserOnly: true });
    } catch (error) {
      throw serviceError('sending', error);
    }
  }

  onMessage(listener: (message: SignalingMessage) => void): Unsubscribe {
    return this.#messages.add(listener);
  }

  close(): Promise<void> {
    this.#messages.clear();
    const session = this.#session;
    if (session) {
      this.#session = null;
      session.abort();
      this.#releasing = this.#release(session);
    }
    return this.#releasing;
  }

  /** Detaches, logs out and destroys a session's Chat instance; never rejects. */
  async #release(session: Session): Promise<void> {
    const { chat, module } = session;
    session.connected = false;
    if (!chat || !module) return;
    chat.off(module.EVENT.MESSAGE_RECEIVED, session.onMessages);
    chat.off(module.EVENT.SDK_READY, session.onReady);
    try {
      if (session.loggedIn) await chat.logout();
    } catch {
      // Logged out or not, the instance is destroyed next.
    }
    try {
      await chat.destroy();
    } catch {
      // Nothing more can be released.
    }
  }

  /** MESSAGE_RECEIVED: `event.data` is the list of new messages, of every kind and conversation. */
  #onMessages(session: Session, event: unknown): void {
    const { module } = session;
    if (this.#session !== session || !session.connected || !module) return;
    const list = typeof event === 'object' && event !== null ? (event as { data?: unknown }).data : undefined;
    if (!Array.isArray(list)) return;
    for (const message of list as Partial<Message>[]) {
      if (typeof message !== 'object' || message === null) continue;
      const { conversationType, type, to, from, payload } = message;
      const ours =
        conversationType === module.TYPES.CONV_C2C &&
        type === module.TYPES.MSG_CUSTOM &&
        // Addressed to this user: not a copy of one this account sent from another device.
        to === session.userId &&
        isText(from) &&
        from !== session.userId &&
        typeof payload === 'object' &&
        payload !== null &&
        payload.extension === TRANSPORT_MARK &&
        typeof payload.data === 'string';
      if (ours) this.#messages.emit({ from, data: payload.data });
      // close() from a listener ends the batch too.
      if (this.#session !== session) return;
    }
  }
}
