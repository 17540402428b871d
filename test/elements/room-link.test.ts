/**
 * How children named with `room="ID"` find their room: in their own root (the document, or the
 * shadow root of the app they are in), with one MutationObserver per root however many of them
 * there are, released when the last one leaves.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { TrtcCoAnchorButtonElement, TrtcRemoteStreamElement } from '../../src/index.js';
import { until } from '../helpers/media.js';
import { defineLateRoom, lateRoomTag, type FakeLiveRoomElement } from './fake-room-controller.js';
import { trackMutationObservers } from './observers.js';

/** An app that renders its page into a shadow root of its own, as a framework's root component does. */
class AppShell extends HTMLElement {
  constructor() {
    super();
    this.attachShadow({ mode: 'open' });
  }
}
customElements.define('room-link-app-shell', AppShell);

async function appShell(content: string): Promise<ShadowRoot> {
  const shell = await fixture<AppShell>(html`<room-link-app-shell></room-link-app-shell>`);
  shell.shadowRoot!.innerHTML = content;
  return shell.shadowRoot!;
}

describe('room="ID"', () => {
  let observers: ReturnType<typeof trackMutationObservers>;
  beforeEach(() => {
    observers = trackMutationObservers();
  });
  afterEach(() => observers.restore());

  it("finds a room inside an app's shadow root, not a room with the same id in the document", async () => {
    const outside = await fixture<FakeLiveRoomElement>(html`<fake-live-room id="stage" manual><p></p></fake-live-room>`);
    const root = await appShell(`
      <fake-live-room id="stage" manual><p>own layout</p></fake-live-room>
      <trtc-remote-stream room="stage" user-id="host"></trtc-remote-stream>
      <trtc-co-anchor-button room="stage"></trtc-co-anchor-button>
    `);
    const inside = root.querySelector<FakeLiveRoomElement>('fake-live-room')!;
    const button = root.querySelector<TrtcCoAnchorButtonElement>('trtc-co-anchor-button')!;
    await button.updateComplete;
    expect(inside.fake.remoteViews.map((view) => view.host)).to.deep.equal([root.querySelector('trtc-remote-stream')]);
    expect(outside.fake.remoteViews, 'the room of the same id outside the app').to.deep.equal([]);
    expect(button.shadowRoot!.querySelector('[part~="hint"]')!.textContent).to.equal('You can go live once you have joined the room.');
  });

  it('finds a room defined after its children in a shadow root', async () => {
    const tag = lateRoomTag();
    const root = await appShell(`<trtc-remote-stream room="late"></trtc-remote-stream><${tag} id="late" manual><p></p></${tag}>`);
    defineLateRoom(tag);
    const lateRoom = root.querySelector<FakeLiveRoomElement>(tag)!;
    await until(() => lateRoom.fake.remoteViews.length === 1, 'the view to attach once the room is defined');
  });

  it('finds a room inserted into the shadow root after its children', async () => {
    const root = await appShell(`<trtc-remote-stream room="later"></trtc-remote-stream>`);
    const room = document.createElement('fake-live-room') as FakeLiveRoomElement;
    room.manual = true;
    room.id = 'later';
    room.append(document.createElement('p'));
    root.append(room);
    await until(() => room.fake.remoteViews.length === 1, 'the view to attach to the inserted room');
  });

  it('watches each root with one observer however many elements name a room there, until the last leaves', async () => {
    const tiles = Array.from({ length: 8 }, () => '<trtc-remote-stream room="stage"></trtc-remote-stream>').join('');
    const page = await fixture<HTMLDivElement>(html`<div></div>`);
    page.innerHTML = `${tiles}<trtc-co-anchor-button room="stage"></trtc-co-anchor-button>`;
    const root = await appShell(`${tiles}<trtc-co-anchor-button room="stage"></trtc-co-anchor-button>`);
    expect(observers.watchingIds(document), 'observers of the document').to.equal(1);
    expect(observers.watchingIds(root), 'observers of the shadow root').to.equal(1);

    const linked = [...page.querySelectorAll<TrtcRemoteStreamElement | TrtcCoAnchorButtonElement>('[room]')];
    for (const element of linked.slice(1)) element.remove();
    expect(observers.watchingIds(document), 'while one element still names a room').to.equal(1);
    linked[0].remove();
    expect(observers.watchingIds(document), 'once the last one left').to.equal(0);
    expect(observers.watchingIds(root), 'the shadow root is watched on its own').to.equal(1);
    root.replaceChildren();
    expect(observers.watchingIds(root)).to.equal(0);

    // And watched again when a named room is asked for once more.
    page.append(linked[0]);
    expect(observers.watchingIds(document)).to.equal(1);
    linked[0].remove();
    expect(observers.watchingIds(document)).to.equal(0);
  });
});
