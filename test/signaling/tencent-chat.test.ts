import { expect } from '@open-wc/testing';
import { SignalingError } from '../../src/signaling/errors.js';
import { TencentChatSignaling } from '../../src/signaling/tencent-chat.js';
import type { SignalingIdentity, SignalingMessage } from '../../src/signaling/types.js';
import { FAKE_EVENT, FAKE_TYPES, FakeChatServer, fakeMessage } from './fake-tencent-chat.js';

const SDK_APP_ID = 1400000000;
const SECRET = 'eJw-secret-signature';
const identity = (userId: string): SignalingIdentity => ({ sdkAppId: SDK_APP_ID, userId, userSig: `${SECRET}-${userId}`, roomId: 8888 });

const opened: TencentChatSignaling[] = [];

async function party(server: FakeChatServer, userId: string) {
  const signaling = new TencentChatSignaling({ loadChat: server.load });
  opened.push(signaling);
  const received: SignalingMessage[] = [];
  const waiting: ((message: SignalingMessage) => void)[] = [];
  signaling.onMessage((message) => {
    received.push(message);
    waiting.shift()?.(message);
  });
  await signaling.connect(identity(userId));
  return { signaling, received, next: () => new Promise<SignalingMessage>((resolve) => waiting.push(resolve)) };
}

async function rejection(promise: Promise<unknown>): Promise<SignalingError> {
  try {
    await promise;
  } catch (error) {
    return error as SignalingError;
  }
  throw new Error('expected a rejection');
}

/** Lets the fake's timers (SDK_READY, delivery) run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

afterEach(async () => {
  await Promise.all(opened.splice(0).map((signaling) => signaling.close()));
});

describe("TencentChatSignaling against a fake that follows @tencentcloud/chat's declared API", () => {
  it('does not load the Chat SDK until connect()', async () => {
    const server = new FakeChatServer();
    const signaling = new TencentChatSignaling({ loadChat: server.load });
    opened.push(signaling);
    signaling.onMessage(() => undefined);
    await signaling.close();
    expect(server.loads).to.equal(0);
    await signaling.connect(identity('host'));
    expect(server.loads).to.equal(1);
  });

  it("logs in with the room's sdkAppId, userId and userSig, waits for SDK_READY, and on close() logs out and destroys the instance", async () => {
    const server = new FakeChatServer();
    const { signaling } = await party(server, 'host');
    const [chat] = server.instances;
    expect(chat.isReady()).to.equal(true);
    expect(chat.calls).to.deep.equal([
      { call: 'create', options: { SDKAppID: SDK_APP_ID } },
      { call: 'setLogLevel', level: 1 },
      { call: 'login', options: { userID: 'host', userSig: `${SECRET}-host` } },
    ]);
    expect(chat.handlerCount).to.equal(1);

    await signaling.close();
    expect(chat.calls.slice(3)).to.deep.equal([{ call: 'logout' }, { call: 'destroy' }]);
    expect(chat.handlerCount).to.equal(0);
    await signaling.close();
    expect(chat.calls).to.have.length(5);
  });

  it('sends each message as a one-to-one custom message, online only, and reports the sender Chat says sent it', async () => {
    const server = new FakeChatServer();
    const host = await party(server, 'host');
    const viewer = await party(server, 'viewer');
    const bystander = await party(server, 'bystander');

    const atHost = host.next();
    await viewer.signaling.send('host', '{"from":"bystander"}');
    expect(await atHost).to.deep.equal({ from: 'viewer', data: '{"from":"bystander"}' });

    const viewerChat = server.instances[1];
    expect(viewerChat.calls.filter((call) => call.call === 'createCustomMessage' || call.call === 'sendMessage')).to.deep.equal([
      {
        call: 'createCustomMessage',
        options: {
          to: 'host',
          conversationType: 'C2C',
          payload: { data: '{"from":"bystander"}', description: '', extension: 'trtc-live-elements/signaling' },
        },
      },
      { call: 'sendMessage', options: { onlineUserOnly: true } },
    ]);
    await settle();
    expect(bystander.received).to.deep.equal([]);
    expect(viewer.received).to.deep.equal([]);
  });

  it("ignores every message that is not this transport's: text, group, unmarked custom, another recipient, malformed payload", async () => {
    const server = new FakeChatServer();
    const host = await party(server, 'host');
    const [chat] = server.instances;
    const ours = { data: 'ours', description: '', extension: 'trtc-live-elements/signaling' };
    const c2c = { conversationType: FAKE_TYPES.CONV_C2C, type: FAKE_TYPES.MSG_CUSTOM, to: 'host', from: 'viewer' };
    chat.receive([
      fakeMessage({ ...c2c, type: FAKE_TYPES.MSG_TEXT, payload: { text: 'hi' } }),
      fakeMessage({ ...c2c, conversationType: FAKE_TYPES.CONV_GROUP, to: 'group-1', payload: ours }),
      fakeMessage({ ...c2c, payload: { data: 'the site’s own', description: '', extension: 'site' } }),
      // This account's own message, sent from another device, synchronised here.
      fakeMessage({ ...c2c, to: 'viewer', from: 'host', flow: 'out', payload: ours }),
      fakeMessage({ ...c2c, payload: { ...ours, data: 42 } }),
      fakeMessage({ ...c2c, from: '', payload: ours }),
      fakeMessage({ ...c2c, payload: null }),
      fakeMessage({ ...c2c, payload: ours }),
    ]);
    chat.emit(FAKE_EVENT.MESSAGE_RECEIVED, 'not a list');
    expect(host.received).to.deep.equal([{ from: 'viewer', data: 'ours' }]);
  });

  it('refuses to send while not connected, and reports a refused message with Chat’s code', async () => {
    const server = new FakeChatServer();
    const signaling = new TencentChatSignaling({ loadChat: server.load });
    opened.push(signaling);
    expect((await rejection(signaling.send('host', 'x'))).code).to.equal('not-connected');
    await signaling.connect(identity('viewer'));
    expect((await rejection(signaling.connect(identity('viewer')))).code).to.equal('already-connected');
    server.sendFailure = { code: 20003, message: 'invalid recipient' };
    const refused = await rejection(signaling.send('nobody', 'x'));
    expect(refused).to.be.instanceOf(SignalingError);
    expect(refused.code).to.equal('service-error');
    expect(refused.sdkCode).to.equal(20003);
    expect(refused.message).to.contain('invalid recipient');
    await signaling.close();
    expect((await rejection(signaling.send('host', 'x'))).code).to.equal('not-connected');
  });

  it('reports a failed login with Chat’s code and without the userSig, and releases the instance', async () => {
    const server = new FakeChatServer();
    server.loginFailure = { code: 70001, message: `userSig ${SECRET}-viewer is expired` };
    const signaling = new TencentChatSignaling({ loadChat: server.load });
    opened.push(signaling);
    const failure = await rejection(signaling.connect(identity('viewer')));
    expect(failure.code).to.equal('service-error');
    expect(failure.sdkCode).to.equal(70001);
    expect(failure.message).to.contain('expired').and.not.contain(SECRET);
    const [chat] = server.instances;
    await settle();
    expect(chat.destroyed).to.equal(true);
    expect(chat.handlerCount).to.equal(0);
    expect(chat.calls.map((call) => call.call)).to.not.include('logout');

    // The next attempt starts afresh.
    server.loginFailure = undefined;
    await signaling.connect(identity('viewer'));
    expect(server.instances).to.have.length(2);
  });

  it('close() during login rejects connect() as aborted at once and leaves no instance behind', async () => {
    const server = new FakeChatServer();
    let releaseLogin!: () => void;
    server.loginGate = new Promise((resolve) => (releaseLogin = resolve));
    const signaling = new TencentChatSignaling({ loadChat: server.load });
    opened.push(signaling);
    const connecting = signaling.connect(identity('viewer'));
    await settle();
    await signaling.close();
    expect((await rejection(connecting)).code).to.equal('aborted');
    const [chat] = server.instances;
    expect(chat.destroyed).to.equal(true);
    expect(chat.handlerCount).to.equal(0);
    releaseLogin();
    await settle();
    expect(chat.isReady()).to.equal(false);
  });

  it('close() before the SDK is loaded creates no instance at all', async () => {
    const server = new FakeChatServer();
    let resolveLoad!: () => void;
    const loaded = new Promise<void>((resolve) => (resolveLoad = resolve));
    const signaling = new TencentChatSignaling({ loadChat: () => loaded.then(server.load) });
    opened.push(signaling);
    const connecting = signaling.connect(identity('viewer'));
    await signaling.close();
    resolveLoad();
    expect((await rejection(connecting)).code).to.equal('aborted');
    await settle();
    expect(server.instances).to.have.length(0);
  });

  it('delivers nothing after close(), even to a listener added again, until it connects again', async () => {
    const server = new FakeChatServer();
    const host = await party(server, 'host');
    const viewer = await party(server, 'viewer');
    await host.signaling.close();
    const heard: string[] = [];
    host.signaling.onMessage((message) => heard.push(message.data));
    await viewer.signaling.send('host', 'while away');
    await settle();
    expect(heard).to.deep.equal([]);
    expect(host.received).to.deep.equal([]);

    await host.signaling.connect(identity('host'));
    await viewer.signaling.send('host', 'back');
    await settle();
    expect(heard).to.deep.equal(['back']);
    expect(host.received).to.deep.equal([]);
    expect(server.instances.filter((chat) => chat.userId === 'host')).to.have.length(1);
  });
});
