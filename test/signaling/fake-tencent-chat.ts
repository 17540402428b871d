/**
 * A fake of `@tencentcloud/chat` that follows the package's own type declarations (index.d.ts):
 * it is typed against them through `ChatModule` / `ChatInstance`, so `tsc` proves every method the
 * transport calls has the declared signature, and its messages are complete `Message` objects.
 * The enum values are checked against the declared ones by the compiler too (`declared()`).
 * Behaviour follows the declarations' documentation: login resolves
 * and SDK_READY follows; sendMessage needs the ready state; a message sent does not come back to
 * its sender; MESSAGE_RECEIVED carries `{ name, data: Message[] }`; the server, not the message,
 * says who sent it. Several fake instances meet in one `FakeChatServer`; nothing leaves the page.
 */
import type TencentCloudChat from '@tencentcloud/chat';
import type { Message } from '@tencentcloud/chat';
import type { ChatInstance, ChatModule } from '../../src/signaling/tencent-chat.js';

type CreateOptions = Parameters<ChatModule['create']>[0];
type LoginOptions = Parameters<ChatInstance['login']>[0];
type MessageOptions = Parameters<ChatInstance['createCustomMessage']>[0];

/**
 * The value of a string enum member, which must be the one the package declares: `${E}` is the
 * member's literal, so any other text fails to compile.
 */
const declared = <E extends string>(value: `${E}`): E => value as E;

export const FAKE_EVENT = {
  MESSAGE_RECEIVED: declared<TencentCloudChat.EVENT.MESSAGE_RECEIVED>('onMessageReceived'),
  SDK_READY: declared<TencentCloudChat.EVENT.SDK_READY>('sdkStateReady'),
  SDK_NOT_READY: declared<TencentCloudChat.EVENT.SDK_NOT_READY>('sdkStateNotReady'),
};

export const FAKE_TYPES = {
  CONV_C2C: declared<TencentCloudChat.TYPES.CONV_C2C>('C2C'),
  CONV_GROUP: declared<TencentCloudChat.TYPES.CONV_GROUP>('GROUP'),
  MSG_CUSTOM: declared<TencentCloudChat.TYPES.MSG_CUSTOM>('TIMCustomElem'),
  MSG_TEXT: declared<TencentCloudChat.TYPES.MSG_TEXT>('TIMTextElem'),
  MSG_PRIORITY_NORMAL: declared<TencentCloudChat.TYPES.MSG_PRIORITY_NORMAL>('Normal'),
};

/** A complete `Message` as the package declares it. */
export function fakeMessage(fields: Pick<Message, 'type' | 'conversationType' | 'to' | 'from' | 'payload'> & Partial<Message>): Message {
  return {
    ID: `${fields.from}-${Math.random().toString(36).slice(2)}`,
    conversationID: `${fields.conversationType}${fields.to}`,
    flow: 'in',
    time: Math.floor(Date.now() / 1000),
    status: 'success',
    isRevoked: false,
    priority: FAKE_TYPES.MSG_PRIORITY_NORMAL,
    nick: '',
    avatar: '',
    isPeerRead: false,
    nameCard: '',
    atUserList: [],
    cloudCustomData: '',
    isDeleted: false,
    isModified: false,
    needReadReceipt: false,
    readReceiptInfo: {},
    isBroadcastMessage: false,
    isSupportExtension: false,
    revoker: '',
    revokerInfo: { avatar: '', nick: '', userID: '' },
    revokeReason: '',
    sequence: 0,
    hasRiskContent: false,
    ...fields,
  };
}

/** What a fake instance was asked to do, in order. */
export type ChatCall =
  | { call: 'create'; options: CreateOptions }
  | { call: 'setLogLevel'; level: number }
  | { call: 'login'; options: LoginOptions }
  | { call: 'logout' }
  | { call: 'destroy' }
  | { call: 'createCustomMessage'; options: MessageOptions }
  | { call: 'sendMessage'; options: unknown };

// The declared handler type is `Function`.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Handler = Function;

export class FakeChat implements ChatInstance {
  readonly calls: ChatCall[] = [];
  readonly #server: FakeChatServer;
  readonly #handlers = new Map<string, Set<Handler>>();
  #userId = '';
  #ready = false;
  destroyed = false;

  constructor(server: FakeChatServer, options: CreateOptions) {
    this.#server = server;
    this.calls.push({ call: 'create', options });
  }

  get userId(): string {
    return this.#userId;
  }

  /** How many event handlers are attached now. */
  get handlerCount(): number {
    let count = 0;
    for (const handlers of this.#handlers.values()) count += handlers.size;
    return count;
  }

  on(eventName: string, handler: Handler): void {
    if (!this.#handlers.has(eventName)) this.#handlers.set(eventName, new Set());
    this.#handlers.get(eventName)!.add(handler);
  }

  off(eventName: string, handler: Handler): void {
    this.#handlers.get(eventName)?.delete(handler);
  }

  emit(eventName: string, data?: unknown): void {
    for (const handler of [...(this.#handlers.get(eventName) ?? [])]) handler({ name: eventName, data });
  }

  setLogLevel(level: number): void {
    this.calls.push({ call: 'setLogLevel', level });
  }

  async login(options: LoginOptions): Promise<unknown> {
    this.calls.push({ call: 'login', options });
    await this.#server.loginGate;
    if (this.#server.loginFailure) throw this.#server.loginFailure;
    this.#userId = options.userID;
    setTimeout(() => {
      if (this.destroyed || this.#userId !== options.userID) return;
      this.#ready = true;
      this.emit(FAKE_EVENT.SDK_READY);
    });
    return { data: { repeatLogin: false } };
  }

  async logout(): Promise<void> {
    this.calls.push({ call: 'logout' });
    this.#userId = '';
    this.#ready = false;
    this.emit(FAKE_EVENT.SDK_NOT_READY);
  }

  async destroy(): Promise<void> {
    this.calls.push({ call: 'destroy' });
    this.#userId = '';
    this.#ready = false;
    this.destroyed = true;
  }

  isReady(): boolean {
    return this.#ready;
  }

  createCustomMessage(options: MessageOptions): Message {
    this.calls.push({ call: 'createCustomMessage', options });
    return fakeMessage({
      type: FAKE_TYPES.MSG_CUSTOM,
      conversationType: options.conversationType,
      to: options.to,
      from: this.#userId,
      payload: options.payload,
      flow: 'out',
      status: 'unSend',
    });
  }

  // The declared options type is `any`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async sendMessage(message: Message, options?: any): Promise<unknown> {
    this.calls.push({ call: 'sendMessage', options });
    if (!this.#ready) throw { code: 2800, message: 'SDK not ready' };
    if (this.#server.sendFailure) throw this.#server.sendFailure;
    this.#server.route(this.#userId, message, options);
    return { code: 0, data: { message: { ...message, status: 'success' } } };
  }

  /** A message pushed to this instance. */
  receive(messages: Message[]): void {
    if (this.#ready) this.emit(FAKE_EVENT.MESSAGE_RECEIVED, messages);
  }
}

/** Chat's server for the fakes of one test: routes C2C messages to the instances logged in as `to`. */
export class FakeChatServer {
  readonly instances: FakeChat[] = [];
  /** What sendMessage was given, with the sender the server knows. */
  readonly sent: { from: string; to: string; payload: unknown; options: unknown }[] = [];
  loginFailure: { code: number; message: string } | undefined;
  sendFailure: { code: number; message: string } | undefined;
  /** Holds every login until it resolves (a slow network). */
  loginGate: Promise<void> = Promise.resolve();
  loads = 0;

  /** The namespace a transport loads: `@tencentcloud/chat`'s default export, as far as the transport uses it. */
  readonly module: ChatModule = {
    create: (options) => {
      const chat = new FakeChat(this, options);
      this.instances.push(chat);
      return chat;
    },
    EVENT: FAKE_EVENT,
    TYPES: FAKE_TYPES,
  };

  readonly load = async (): Promise<ChatModule> => {
    this.loads += 1;
    return this.module;
  };

  route(from: string, message: Message, options: unknown): void {
    this.sent.push({ from, to: message.to, payload: message.payload, options });
    // The server stamps the sender it authenticated, whatever the message object says.
    const delivered = fakeMessage({ ...message, from, flow: 'in', status: 'success' });
    setTimeout(() => {
      for (const chat of this.instances) if (chat.userId === message.to && chat.isReady()) chat.receive([delivered]);
    });
  }
}
