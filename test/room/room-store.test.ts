import { expect } from '@open-wc/testing';
import { INITIAL_STATE, RoomStore } from '../../src/room/room-store.js';
import type { LiveRoomEvent, LiveRoomState } from '../../src/room/types.js';

describe('RoomStore', () => {
  it('starts frozen in the initial state', () => {
    const store = new RoomStore();
    expect(store.state).to.equal(INITIAL_STATE);
    expect(Object.isFrozen(store.state)).to.equal(true);
    expect(Object.isFrozen(store.state.remoteStreams)).to.equal(true);
  });

  it('tells subscribers only about real changes, with a new frozen state each time', () => {
    const store = new RoomStore();
    const states: LiveRoomState[] = [];
    const unsubscribe = store.subscribe((state) => states.push(state));
    store.set({ connectionState: 'joining' });
    store.set({ connectionState: 'joining' });
    store.set({ roomId: 8888 });
    unsubscribe();
    store.set({ connectionState: 'joined' });
    expect(states.map((state) => state.connectionState)).to.deep.equal(['joining', 'joining']);
    expect(states[1]).to.include({ roomId: 8888 });
    expect(states.every((state) => Object.isFrozen(state))).to.equal(true);
    expect(store.state.connectionState).to.equal('joined');
  });

  it('announces a co-anchor change as an event, after the subscribers saw the state', () => {
    const store = new RoomStore();
    const seen: string[] = [];
    store.subscribe((state) => seen.push(`state:${state.coAnchorState}`));
    store.listen((event) => seen.push(`${event.type}:${JSON.stringify(event.detail)}`));
    store.set({ coAnchorState: 'requesting' });
    store.set({ coAnchorState: 'idle' }, 'denied');
    expect(seen).to.deep.equal([
      'state:requesting',
      'trtc-co-anchor-change:{"state":"requesting","previousState":"idle","denied":false,"reason":null}',
      'state:idle',
      'trtc-co-anchor-change:{"state":"idle","previousState":"requesting","denied":true,"reason":"denied"}',
    ]);
  });

  it('keeps telling the others when a listener throws, and rethrows it asynchronously', async () => {
    const store = new RoomStore();
    const events: LiveRoomEvent[] = [];
    const thrown = new Promise<unknown>((resolve) => {
      const onerror = window.onerror;
      window.onerror = (_message, _source, _line, _column, error) => {
        window.onerror = onerror;
        resolve(error);
        return true;
      };
    });
    store.listen(() => {
      throw new Error('a page listener broke');
    });
    store.listen((event) => events.push(event));
    store.emit('trtc-kicked', Object.freeze({ reason: 'kick' }));
    expect(events).to.have.length(1);
    expect(((await thrown) as Error).message).to.equal('a page listener broke');
  });

  it('forgets every subscriber and listener on clear()', () => {
    const store = new RoomStore();
    let calls = 0;
    store.subscribe(() => (calls += 1));
    store.listen(() => (calls += 1));
    store.clear();
    store.set({ coAnchorState: 'starting' });
    expect(calls).to.equal(0);
  });
});
