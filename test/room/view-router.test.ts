import { expect } from '@open-wc/testing';
import type { TrtcStream } from '../../src/backends/types.js';
import { ViewRouter, type Playback } from '../../src/room/view-router.js';
import type { LocalView, RemoteStreamSnapshot, RemoteView } from '../../src/room/types.js';

function snapshot(userId: string, patch: Partial<RemoteStreamSnapshot> = {}): RemoteStreamSnapshot {
  const type = patch.type ?? 'main';
  return Object.freeze({
    key: `${userId}:${type}`,
    userId,
    type,
    hasAudio: true,
    hasVideo: true,
    audioMuted: false,
    videoMuted: false,
    subscribed: true,
    playing: false,
    autoplayBlocked: false,
    speaking: false,
    ...patch,
  });
}

/** A stream that records where it plays. */
function playable(): Playback & { plays: HTMLDivElement[]; stops: number } {
  const record = { plays: [] as HTMLDivElement[], stops: 0 };
  const stream = {
    play: async (container: HTMLDivElement) => void record.plays.push(container),
    stop: () => void (record.stops += 1),
  } as unknown as TrtcStream;
  return Object.assign(record, { stream, container: null as HTMLDivElement | null });
}

function view(userId = ''): RemoteView & { shown: (string | null)[] } {
  const host = document.createElement('div');
  document.body.append(host);
  const shown: (string | null)[] = [];
  return {
    host,
    container: document.createElement('div'),
    userId,
    streamType: 'main',
    objectFit: 'cover',
    muted: false,
    show: (stream) => shown.push(stream ? `${stream.key}${stream.audioMuted ? ' (muted)' : ''}` : null),
    shown,
  };
}

describe('ViewRouter', () => {
  let streams: Map<string, ReturnType<typeof playable>>;
  let stopped: string[];
  let router: ViewRouter;

  beforeEach(() => {
    streams = new Map();
    stopped = [];
    router = new ViewRouter({
      remote: (key) => streams.get(key),
      stopped: (key) => stopped.push(key),
      playFailed: () => {},
    });
  });
  afterEach(() => document.body.replaceChildren());

  function room(...userIds: string[]): RemoteStreamSnapshot[] {
    for (const userId of userIds) streams.set(`${userId}:main`, playable());
    const list = userIds.map((userId) => snapshot(userId));
    router.streamsChanged(list);
    return list;
  }

  it('gives named views their user first, then the others in document order in join order', () => {
    const first = view();
    const named = view('b');
    const second = view();
    for (const each of [second, named, first]) router.attachRemote(each);
    room('a', 'b', 'c');
    expect([first.shown.at(-1), named.shown.at(-1), second.shown.at(-1)]).to.deep.equal(['a:main', 'b:main', 'c:main']);
    expect(streams.get('a:main')!.plays).to.deep.equal([first.container]);
  });

  it('keeps a stream a named view waits for away from the others', () => {
    const open = view();
    router.attachRemote(view('late'));
    router.attachRemote(open);
    room('late');
    expect(open.shown.at(-1) ?? null).to.equal(null);
  });

  it('tells only the views showing a stream about its change, however many views there are', () => {
    const views = Array.from({ length: 50 }, () => view());
    for (const each of views) router.attachRemote(each);
    const list = room(...views.map((_, index) => `u${index}`));
    const before = views.map((each) => each.shown.length);
    router.streamUpdated({ ...list[7], audioMuted: true });
    const told = views.filter((each, index) => each.shown.length !== before[index]);
    expect(told).to.deep.equal([views[7]]);
    expect(views[7].shown.at(-1)).to.equal('u7:main (muted)');
  });

  it('plays a stream once it is subscribed', () => {
    const only = view();
    router.attachRemote(only);
    streams.set('a:main', playable());
    router.streamsChanged([snapshot('a', { subscribed: false })]);
    expect(streams.get('a:main')!.plays).to.deep.equal([]);
    router.streamUpdated(snapshot('a'));
    expect(streams.get('a:main')!.plays).to.deep.equal([only.container]);
  });

  it('stops a stream that leaves and gives its view the next one', () => {
    const only = view();
    router.attachRemote(only);
    room('a', 'b');
    streams.get('a:main')!.container = only.container;
    router.streamsChanged([snapshot('b')]);
    expect(streams.get('a:main')!.stops).to.equal(1);
    expect(stopped).to.deep.equal(['a:main']);
    expect(only.shown.at(-1)).to.equal('b:main');
  });

  it('hands a detached view’s stream to the next view', () => {
    const first = view();
    const second = view();
    const detach = router.attachRemote(first);
    router.attachRemote(second);
    room('a');
    expect(first.shown.at(-1)).to.equal('a:main');
    streams.get('a:main')!.container = first.container;
    detach();
    expect(second.shown.at(-1)).to.equal('a:main');
    expect(streams.get('a:main')!.plays.at(-1)).to.equal(second.container);
  });

  it('previews the local stream in the first local view in document order, and hides it when gone', () => {
    const make = (): LocalView & { showing: boolean[] } => {
      const host = document.createElement('div');
      document.body.append(host);
      const showing: boolean[] = [];
      return { host, container: document.createElement('div'), mirror: true, show: (on) => showing.push(on), showing };
    };
    const first = make();
    const second = make();
    router.attachLocal(second);
    router.attachLocal(first);
    const local = playable();
    router.localChanged(local);
    expect(local.plays).to.deep.equal([first.container]);
    expect(first.showing.at(-1)).to.equal(true);
    expect(second.showing.at(-1)).to.equal(false);
    router.localChanged(null);
    expect(first.showing.at(-1)).to.equal(false);
  });
});
