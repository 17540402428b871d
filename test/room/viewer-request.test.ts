import { expect } from '@open-wc/testing';
import { cancellable, ViewerRequests, type ViewerRequestOptions } from '../../src/room/viewer-request.js';
import type { ViewerMessage } from '../../src/signaling/protocol.js';
import { trackPending } from '../helpers/pending.js';

const made: ViewerRequests[] = [];

function viewer(overrides: Partial<ViewerRequestOptions> = {}) {
  const sent: ViewerMessage[] = [];
  const failures: unknown[] = [];
  let removals = 0;
  const requests = new ViewerRequests({
    send: async (message) => {
      sent.push(message);
    },
    hostId: 'host',
    timeoutMs: 60_000,
    removed: () => (removals += 1),
    failed: (error) => failures.push(error),
    ...overrides,
  });
  made.push(requests);
  const lastRequestId = () => sent.filter((message) => message.kind === 'request').at(-1)!.requestId;
  return { requests, sent, failures, removals: () => removals, lastRequestId };
}

describe('ViewerRequests (the viewer side)', () => {
  let pending: ReturnType<typeof trackPending>;
  beforeEach(() => (pending = trackPending()));
  afterEach(async () => {
    await Promise.all(made.splice(0).map((requests) => requests.close()));
    expect(pending.windowListeners('pagehide'), 'no page listener left').to.equal(0);
    pending.stop();
  });

  it('asks the host with a fresh request id and goes on when the host approves that request', async () => {
    const { requests, sent, lastRequestId } = viewer();
    const { answer } = requests.ask();
    expect(sent).to.have.length(1);
    expect(sent[0].kind).to.equal('request');
    requests.receive('host', { kind: 'approve', requestId: 'another-request' });
    requests.receive('host', { kind: 'approve', requestId: lastRequestId() });
    expect(await answer).to.equal('approved');
    expect(pending.timers(), 'the timeout cleared').to.equal(0);
  });

  it('ignores an approval from anyone but its host', async () => {
    const { requests, lastRequestId } = viewer({ timeoutMs: 50 });
    const { answer } = requests.ask();
    requests.receive('mallory', { kind: 'approve', requestId: lastRequestId() });
    expect(await answer).to.equal('timeout');
  });

  for (const reason of ['denied', 'full'] as const) {
    it(`ends with ${reason} when the host says so`, async () => {
      const { requests, lastRequestId } = viewer();
      const { answer } = requests.ask();
      requests.receive('host', { kind: 'deny', requestId: lastRequestId(), reason });
      expect(await answer).to.equal(reason);
    });
  }

  it('ends with host-left when the host says it leaves, or the transport says it is gone', async () => {
    const { requests } = viewer();
    const first = requests.ask();
    requests.receive('host', { kind: 'host-left' });
    expect(await first.answer).to.equal('host-left');
    const second = requests.ask();
    requests.peerLeft('someone-else');
    requests.peerLeft('host');
    expect(await second.answer).to.equal('host-left');
  });

  it('withdraws a request when cancelled, telling the host, and ignores a late approval', async () => {
    const { requests, sent, lastRequestId } = viewer();
    const { answer, cancel } = requests.ask();
    const requestId = lastRequestId();
    cancel();
    expect(await answer).to.equal('cancelled');
    expect(sent.at(-1)).to.deep.equal({ kind: 'cancel', requestId });
    requests.receive('host', { kind: 'approve', requestId });
    expect(requests.cancel(), 'nothing left to cancel').to.equal(false);
    expect(await requests.offStage().then(() => sent.length), 'no leave-stage for a request never approved').to.equal(2);
  });

  it('is removed only by its host, for the request that put it on stage, and says when it is off stage', async () => {
    const { requests, sent, removals, lastRequestId } = viewer();
    const { answer } = requests.ask();
    const requestId = lastRequestId();
    requests.receive('host', { kind: 'approve', requestId });
    await answer;
    requests.receive('mallory', { kind: 'remove', requestId });
    requests.receive('host', { kind: 'remove', requestId: 'another-request' });
    expect(removals()).to.equal(0);
    requests.receive('host', { kind: 'remove', requestId });
    expect(removals()).to.equal(1);
    await requests.offStage();
    expect(sent.map((message) => message.kind), 'no leave-stage after a removal').to.deep.equal(['request']);

    const again = requests.ask();
    requests.receive('host', { kind: 'approve', requestId: lastRequestId() });
    await again.answer;
    await requests.offStage();
    expect(sent.at(-1)).to.deep.equal({ kind: 'leave-stage', requestId: lastRequestId() });
  });

  it('gives up after its timeout', async () => {
    const { requests } = viewer({ timeoutMs: 30 });
    expect(await requests.ask().answer).to.equal('timeout');
  });

  it('reports a request it could not send, and ends with failed', async () => {
    const refusal = new Error('not connected');
    const { requests, failures } = viewer({ send: () => Promise.reject(refusal) });
    expect(await requests.ask().answer).to.equal('failed');
    expect(failures).to.deep.equal([refusal]);
    expect(pending.timers()).to.equal(0);
  });

  it('withdraws a pending request on close, at once and without a timer left', async () => {
    const { requests, sent, lastRequestId } = viewer();
    const { answer } = requests.ask();
    await requests.close();
    expect(await answer).to.equal('cancelled');
    expect(sent.at(-1)).to.deep.equal({ kind: 'cancel', requestId: lastRequestId() });
    expect(pending.timers()).to.equal(0);
  });

  it('withdraws a pending request when the page is hidden, and listens no more once closed', async () => {
    const { requests, sent, lastRequestId } = viewer();
    const { answer } = requests.ask();
    expect(pending.windowListeners('pagehide')).to.equal(1);
    window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false }));
    expect(await answer).to.equal('cancelled');
    expect(sent.at(-1)).to.deep.equal({ kind: 'cancel', requestId: lastRequestId() });
    await requests.close();
    expect(pending.windowListeners('pagehide')).to.equal(0);
  });

  it('cancellable(): the answer, or cancelled at once', async () => {
    const never = cancellable(new Promise(() => {}));
    never.cancel();
    expect(await never.answer).to.equal('cancelled');
    expect(await cancellable(Promise.resolve('approved')).answer).to.equal('approved');
  });
});
