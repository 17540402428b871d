import { expect } from '@open-wc/testing';
import { SignalingError } from '../../src/signaling/errors.js';
import { LoopbackSignaling } from '../../src/signaling/loopback.js';
import type { LoopbackSignalingOptions } from '../../src/signaling/loopback.js';
import type { SignalingIdentity, SignalingMessage } from '../../src/signaling/types.js';
import { watchSignalingResources } from './resources.js';

const resources = watchSignalingResources();

let roomCounter = 0;
/** A room no other test uses, so leftovers of one test never reach the next. */
const freshRoom = () => `signaling-${Date.now()}-${(roomCounter += 1)}`;

const opened: LoopbackSignaling[] = [];

async function party(
  userId: string,
  roomId: number | string,
  options?: LoopbackSignalingOptions,
): Promise<{ signaling: LoopbackSignaling; received: SignalingMessage[]; left: string[]; next: () => Promise<SignalingMessage> }> {
  const signaling = new LoopbackSignaling(options);
  opened.push(signaling);
  const received: SignalingMessage[] = [];
  const left: string[] = [];
  const waiting: ((message: SignalingMessage) => void)[] = [];
  signaling.onMessage((message) => {
    received.push(message);
    waiting.shift()?.(message);
  });
  signaling.onPeerLeft((user) => left.push(user));
  await signaling.connect({ sdkAppId: 1400000000, userId, userSig: 'loopback-sig', roomId });
  return { signaling, received, left, next: () => new Promise((resolve) => waiting.push(resolve)) };
}

/** Resolves once `check()` holds, polling each frame; rejects after `ms`. */
async function until(check: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = performance.now() + ms;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((signaling) => signaling.close()));
});

describe('LoopbackSignaling', () => {
  it('delivers a message only to the user it is addressed to, with the sender it connected as', async () => {
    const room = freshRoom();
    const host = await party('host', room);
    const viewer1 = await party('viewer-1', room);
    const viewer2 = await party('viewer-2', room);

    const atHost = host.next();
    // The text claims to come from someone else: the transport reports who really sent it.
    await viewer1.signaling.send('host', '{"from":"viewer-2","kind":"request"}');
    expect(await atHost).to.deep.equal({ from: 'viewer-1', data: '{"from":"viewer-2","kind":"request"}' });

    // One sender's messages arrive in order: once viewer-2 has the second, it would have had the first.
    const atViewer2 = viewer2.next();
    await viewer1.signaling.send('viewer-2', 'second');
    expect(await atViewer2).to.deep.equal({ from: 'viewer-1', data: 'second' });
    expect(viewer2.received).to.have.length(1);
    expect(host.received).to.have.length(1);
    expect(viewer1.received).to.have.length(0);
  });

  it('keeps rooms apart: another room, and the string room "42" beside the numeric room 42, hear nothing', async () => {
    const numericHost = await party('host', 42);
    const stringHost = await party('host', '42');
    const viewer = await party('viewer', 42);
    const otherRoomViewer = await party('viewer', freshRoom());

    const atNumericHost = numericHost.next();
    await viewer.signaling.send('host', 'hello');
    await otherRoomViewer.signaling.send('host', 'from elsewhere');
    await atNumericHost;
    // A later message to the string room's host from its own room proves the earlier ones had their chance.
    const stringViewer = await party('viewer', '42');
    const atStringHost = stringHost.next();
    await stringViewer.signaling.send('host', 'in the string room');
    expect(await atStringHost).to.deep.equal({ from: 'viewer', data: 'in the string room' });
    expect(numericHost.received.map((message) => message.data)).to.deep.equal(['hello']);
    expect(stringHost.received.map((message) => message.data)).to.deep.equal(['in the string room']);
  });

  it('tells peers at once when an instance closes', async () => {
    const room = freshRoom();
    // Timeouts far beyond the test's own: only the goodbye can explain the prompt news.
    const slow = { heartbeatIntervalMs: 30000, peerTimeoutMs: 60000 };
    const host = await party('host', room, slow);
    const viewer = await party('viewer', room, slow);
    const atHost = host.next();
    await viewer.signaling.send('host', 'request');
    await atHost;

    await host.signaling.close();
    await until(() => viewer.left.includes('host'), 2000, 'the host to be reported gone');
    expect(viewer.left).to.deep.equal(['host']);
  });

  it('tells peers at once when the page is hidden for good (pagehide)', async () => {
    const room = freshRoom();
    const slow = { heartbeatIntervalMs: 30000, peerTimeoutMs: 60000 };
    const host = await party('host', room, slow);
    const viewer = await party('viewer', room, slow);
    const atViewer = viewer.next();
    await host.signaling.send('viewer', 'approve');
    await atViewer;

    // Every instance of this page says goodbye; the viewer hears the host's.
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    await until(() => viewer.left.includes('host'), 2000, 'the host to be reported gone');
  });

  it('reports a peer that falls silent (a crashed tab) once its heartbeat is overdue, and only then', async () => {
    const room = freshRoom();
    const fast = { heartbeatIntervalMs: 50, peerTimeoutMs: 500 };
    const viewer = await party('viewer', room, fast);
    // A host whose timers never run says hello once and then nothing, as a crashed tab would.
    const realSetInterval = window.setInterval;
    window.setInterval = (() => 0) as unknown as typeof window.setInterval;
    let host: Awaited<ReturnType<typeof party>>;
    try {
      host = await party('host', room, fast);
    } finally {
      window.setInterval = realSetInterval;
    }
    const atViewer = viewer.next();
    await host.signaling.send('viewer', 'approve');
    await atViewer;
    const heardAt = performance.now();

    await until(() => viewer.left.includes('host'), 2000, 'the silent host to be reported gone');
    expect(performance.now() - heardAt).to.be.at.least(400);
    expect(viewer.left).to.deep.equal(['host']);
  });

  it('keeps a peer that keeps its heartbeat, however long it says nothing else', async () => {
    const room = freshRoom();
    const fast = { heartbeatIntervalMs: 50, peerTimeoutMs: 500 };
    const viewer = await party('viewer', room, fast);
    const host = await party('host', room, fast);
    const atViewer = viewer.next();
    await host.signaling.send('viewer', 'approve');
    await atViewer;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(viewer.left).to.deep.equal([]);
  });

  it('reports a user it sent to but never heard from as gone (nobody by that id is in the room)', async () => {
    const viewer = await party('viewer', freshRoom(), { heartbeatIntervalMs: 50, peerTimeoutMs: 500 });
    await viewer.signaling.send('absent-host', 'request');
    await until(() => viewer.left.includes('absent-host'), 2000, 'the absent host to be reported gone');
  });

  it('keeps a user with a second instance (another tab) present when one of them closes', async () => {
    const room = freshRoom();
    const slow = { heartbeatIntervalMs: 30000, peerTimeoutMs: 60000 };
    const viewer = await party('viewer', room, slow);
    const hostTab1 = await party('host', room, slow);
    const hostTab2 = await party('host', room, slow);
    // Both tabs hear the viewer, and the viewer hears both.
    const atTab1 = hostTab1.next();
    const atTab2 = hostTab2.next();
    await viewer.signaling.send('host', 'request');
    await Promise.all([atTab1, atTab2]);
    await hostTab1.signaling.send('viewer', 'from tab 1');
    await hostTab2.signaling.send('viewer', 'from tab 2');
    await until(() => viewer.received.length === 2, 2000, 'both tabs to be heard');

    await hostTab1.signaling.close();
    await hostTab2.signaling.send('viewer', 'still here');
    await until(() => viewer.received.length === 3, 2000, 'the second tab to be heard');
    expect(viewer.left).to.deep.equal([]);
    await hostTab2.signaling.close();
    await until(() => viewer.left.includes('host'), 2000, 'the host to be reported gone');
  });

  it("treats another tab of the same user as itself: none of its messages, no news of its leaving", async () => {
    const room = freshRoom();
    const slow = { heartbeatIntervalMs: 30000, peerTimeoutMs: 60000 };
    const host = await party('host', room, slow);
    const secondHostTab = await party('host', room, slow);
    const viewer = await party('viewer', room, slow);
    await secondHostTab.signaling.send('host', 'from my other tab');
    await secondHostTab.signaling.close();
    // The viewer's later message shows the host has had every chance to hear the earlier one.
    const atHost = host.next();
    await viewer.signaling.send('host', 'request');
    await atHost;
    expect(host.received).to.deep.equal([{ from: 'viewer', data: 'request' }]);
    expect(host.left).to.deep.equal([]);
  });

  it('refuses a second connect, a send while not connected, and an invalid identity, without saying the userSig', async () => {
    const signaling = new LoopbackSignaling();
    opened.push(signaling);
    const identity: SignalingIdentity = { sdkAppId: 1400000000, userId: 'viewer', userSig: 'secret-sig', roomId: freshRoom() };
    const failure = async (promise: Promise<unknown>) => {
      try {
        await promise;
      } catch (error) {
        return error as SignalingError;
      }
      throw new Error('expected a rejection');
    };

    expect((await failure(signaling.send('host', 'x'))).code).to.equal('not-connected');
    const invalid = await failure(signaling.connect({ ...identity, userId: '' }));
    expect(invalid).to.be.instanceOf(SignalingError);
    expect(invalid.code).to.equal('invalid-argument');
    expect(invalid.message).to.contain('userId').and.not.contain('secret-sig');
    expect((await failure(signaling.connect({ ...identity, userSig: '' }))).code).to.equal('invalid-argument');
    await signaling.connect(identity);
    expect((await failure(signaling.connect(identity))).code).to.equal('already-connected');
    expect((await failure(signaling.send('', 'x'))).code).to.equal('invalid-argument');
    expect(() => new LoopbackSignaling({ heartbeatIntervalMs: 100, peerTimeoutMs: 100 })).to.throw(TypeError);
    expect(() => new LoopbackSignaling({ heartbeatIntervalMs: -1 })).to.throw(TypeError);
  });

  it('calls the other listeners when one throws, and reports the error to the page', async () => {
    const room = freshRoom();
    const host = await party('host', room);
    const viewer = await party('viewer', room);
    const failure = new Error('listener failed');
    host.signaling.onMessage(() => {
      throw failure;
    });
    const reported: unknown[] = [];
    // Mocha treats a page error as a failed test: take the report here instead.
    const mochaOnError = window.onerror;
    window.onerror = null;
    const onError = (event: ErrorEvent) => {
      reported.push(event.error);
      event.preventDefault();
    };
    window.addEventListener('error', onError);
    try {
      const late: string[] = [];
      host.signaling.onMessage((message) => late.push(message.data));
      await viewer.signaling.send('host', 'request');
      await until(() => late.length === 1, 2000, 'the later listener');
      expect(host.received).to.have.length(1);
      expect(reported).to.deep.equal([failure]);
    } finally {
      window.removeEventListener('error', onError);
      window.onerror = mochaOnError;
    }
  });

  it('on close() lets go of its channel, page listeners and timer, and drops every listener; it can connect again', async () => {
    const room = freshRoom();
    const before = resources.snapshot();
    const host = await party('host', room, { heartbeatIntervalMs: 50, peerTimeoutMs: 500 });
    const viewer = await party('viewer', room);
    expect(resources.snapshot().openChannels).to.equal(before.openChannels + 2);

    await host.signaling.close();
    await host.signaling.close();
    await viewer.signaling.close();
    expect(resources.snapshot()).to.deep.equal(before);

    // Connected again, the old listeners hear nothing: close() dropped them.
    await host.signaling.connect({ sdkAppId: 1400000000, userId: 'host', userSig: 'loopback-sig', roomId: room });
    const newViewer = await party('viewer-2', room);
    const heard: string[] = [];
    host.signaling.onMessage((message) => heard.push(message.data));
    await newViewer.signaling.send('host', 'request');
    await until(() => heard.length === 1, 2000, 'the new listener');
    expect(host.received).to.deep.equal([]);
    await Promise.all([host.signaling.close(), newViewer.signaling.close()]);
    expect(resources.snapshot()).to.deep.equal(before);
  });
});
