import { expect } from '@open-wc/testing';
import { CoAnchorRequestQueue, type HostQueueOptions } from '../../src/room/co-anchor-requests.js';
import type { HostMessage } from '../../src/signaling/protocol.js';
import type { CoAnchorRequestDetail, LiveRoomState } from '../../src/room/types.js';
import { trackPending } from '../helpers/pending.js';
import { until } from '../helpers/media.js';

type Patch = Pick<LiveRoomState, 'coAnchorRequests' | 'coAnchors'>;

/** A queue whose messages, state patches, events and failures the test reads. */
function queue(overrides: Partial<HostQueueOptions> = {}) {
  const sent: { to: string; message: HostMessage }[] = [];
  const patches: Patch[] = [];
  const events: CoAnchorRequestDetail[] = [];
  const failures: unknown[] = [];
  const host = new CoAnchorRequestQueue({
    send: async (to, message) => {
      sent.push({ to, message });
    },
    maxCoAnchors: 2,
    timeoutMs: 60_000,
    changed: (patch) => patches.push(patch),
    requested: (detail) => events.push(detail),
    failed: (error) => failures.push(error),
    ...overrides,
  });
  const waiting = () => patches.at(-1)?.coAnchorRequests.map((request) => request.userId) ?? [];
  const onStage = () => patches.at(-1)?.coAnchors.map((coAnchor) => coAnchor.userId) ?? [];
  return { host, sent, patches, events, failures, waiting, onStage };
}

describe('CoAnchorRequestQueue (the host side)', () => {
  let pending: ReturnType<typeof trackPending>;
  beforeEach(() => (pending = trackPending()));
  afterEach(() => pending.stop());

  it('lists requests in arrival order with when each arrived, and announces each arrival', async () => {
    const { host, events, patches, waiting } = queue();
    const before = Date.now();
    host.receive('amy', { kind: 'request', requestId: 'r1' });
    host.receive('bob', { kind: 'request', requestId: 'r2' });
    expect(waiting()).to.deep.equal(['amy', 'bob']);
    expect(patches.at(-1)!.coAnchorRequests[0].since).to.be.within(before, Date.now());
    expect(Object.isFrozen(patches.at(-1)!.coAnchorRequests)).to.equal(true);
    expect(events).to.deep.equal([
      { userId: 'amy', status: 'pending' },
      { userId: 'bob', status: 'pending' },
    ]);
    await host.close();
  });

  it('approves, denies and removes, answering with the request id of each', async () => {
    const { host, sent, waiting, onStage } = queue();
    host.receive('amy', { kind: 'request', requestId: 'r1' });
    host.receive('bob', { kind: 'request', requestId: 'r2' });
    await host.approve('amy');
    await host.deny('bob');
    expect(waiting()).to.deep.equal([]);
    expect(onStage()).to.deep.equal(['amy']);
    await host.remove('amy');
    expect(onStage()).to.deep.equal([]);
    expect(sent).to.deep.equal([
      { to: 'amy', message: { kind: 'approve', requestId: 'r1' } },
      { to: 'bob', message: { kind: 'deny', requestId: 'r2', reason: 'denied' } },
      { to: 'amy', message: { kind: 'remove', requestId: 'r1' } },
    ]);
    await host.close();
  });

  it('answers full to an approval beyond maxCoAnchors, and approves again once a place is free', async () => {
    const { host, sent, onStage, waiting } = queue({ maxCoAnchors: 1 });
    host.receive('amy', { kind: 'request', requestId: 'r1' });
    host.receive('bob', { kind: 'request', requestId: 'r2' });
    host.receive('cat', { kind: 'request', requestId: 'r3' });
    await host.approve('amy');
    await host.approve('bob');
    expect(sent.at(-1)).to.deep.equal({ to: 'bob', message: { kind: 'deny', requestId: 'r2', reason: 'full' } });
    expect(onStage()).to.deep.equal(['amy']);
    host.receive('amy', { kind: 'leave-stage', requestId: 'r1' });
    expect(onStage()).to.deep.equal([]);
    await host.approve('cat');
    expect(sent.at(-1)).to.deep.equal({ to: 'cat', message: { kind: 'approve', requestId: 'r3' } });
    expect(waiting()).to.deep.equal([]);
    await host.close();
  });

  it('lets a viewer cancel only its own current request', async () => {
    const { host, events, waiting } = queue();
    host.receive('amy', { kind: 'request', requestId: 'r1' });
    host.receive('bob', { kind: 'cancel', requestId: 'r1' });
    host.receive('amy', { kind: 'cancel', requestId: 'stale' });
    expect(waiting()).to.deep.equal(['amy']);
    host.receive('amy', { kind: 'cancel', requestId: 'r1' });
    expect(waiting()).to.deep.equal([]);
    expect(events.at(-1)).to.deep.equal({ userId: 'amy', status: 'cancelled' });
    await host.close();
  });

  it('expires a request nobody answered in time, and ignores deciding on it afterwards', async () => {
    const { host, events, sent, waiting } = queue({ timeoutMs: 30 });
    host.receive('amy', { kind: 'request', requestId: 'r1' });
    await until(() => events.length === 2, 'the request to expire');
    expect(events.at(-1)).to.deep.equal({ userId: 'amy', status: 'expired' });
    expect(waiting()).to.deep.equal([]);
    await host.approve('amy');
    expect(sent, 'nothing sent for an expired request').to.deep.equal([]);
    await host.close();
  });

  it('drops the request and the place on stage of a viewer the transport says is gone', async () => {
    const { host, events, waiting, onStage } = queue();
    host.receive('amy', { kind: 'request', requestId: 'r1' });
    host.receive('bob', { kind: 'request', requestId: 'r2' });
    await host.approve('bob');
    host.peerLeft('amy');
    host.peerLeft('bob');
    expect(waiting()).to.deep.equal([]);
    expect(onStage()).to.deep.equal([]);
    expect(events.at(-1)).to.deep.equal({ userId: 'amy', status: 'cancelled' });
    await host.close();
  });

  it('tells every waiting viewer host-left on close, and leaves no timer or page listener behind', async () => {
    const { host, sent } = queue();
    host.receive('amy', { kind: 'request', requestId: 'r1' });
    host.receive('bob', { kind: 'request', requestId: 'r2' });
    expect(pending.windowListeners('pagehide')).to.equal(1);
    await host.close();
    expect(sent).to.deep.equal([
      { to: 'amy', message: { kind: 'host-left' } },
      { to: 'bob', message: { kind: 'host-left' } },
    ]);
    expect(pending.timers(), 'request expiries cleared').to.equal(0);
    expect(pending.windowListeners('pagehide')).to.equal(0);
    host.receive('cat', { kind: 'request', requestId: 'r3' });
    expect(pending.timers(), 'a closed queue takes no requests').to.equal(0);
  });

  it('tells every waiting viewer host-left when the page is hidden', async () => {
    const { host, sent, waiting } = queue();
    host.receive('amy', { kind: 'request', requestId: 'r1' });
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    expect(sent).to.deep.equal([{ to: 'amy', message: { kind: 'host-left' } }]);
    expect(waiting()).to.deep.equal([]);
    await host.close();
  });

  it('reports a message it could not send', async () => {
    const refusal = new Error('offline');
    const { host, failures } = queue({ send: () => Promise.reject(refusal) });
    host.receive('amy', { kind: 'request', requestId: 'r1' });
    await host.deny('amy');
    expect(failures).to.deep.equal([refusal]);
    await host.close();
  });
});
