/**
 * A linked element re-renders when the part of the room's state it renders changes, and only
 * then: a `<trtc-remote-stream>` renders what the room shows it, so a change elsewhere in the room
 * (another user muting, the co-anchor state) does not re-render it, however many there are.
 */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import '../../src/index.js';
import type { TrtcRemoteStreamElement } from '../../src/index.js';
import { RoomLink, type RoomStateSelector } from '../../src/elements/shared/room-link.js';
import { remoteSnapshot, type FakeLiveRoomElement } from './fake-room-controller.js';

/** Counts its renders; renders the slice of the state `select` picks. */
class SelectingElement extends LitElement {
  static select: RoomStateSelector = (state) => [state.connectionState, state.coAnchorState];
  room: string | null = null;
  renders = 0;
  readonly link = new RoomLink(this, undefined, SelectingElement.select);

  protected override render() {
    this.renders += 1;
    return html`${this.link.state?.connectionState ?? ''} ${this.link.state?.coAnchorState ?? ''}`;
  }
}
customElements.define('room-link-selecting-element', SelectingElement);

/** Counts the renders of `element` from now on. */
function countRenders(element: LitElement): () => number {
  let renders = 0;
  const update = element['update'].bind(element);
  Object.defineProperty(element, 'update', { value: (changed: never) => ((renders += 1), update(changed)) });
  return () => renders;
}

async function settled(...elements: LitElement[]): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await Promise.all(elements.map((element) => element.updateComplete));
}

describe('RoomLink select', () => {
  it('re-renders the host when its slice changes, item by item, and not for the rest of the state', async () => {
    const room = await fixture<FakeLiveRoomElement>(html`<fake-live-room manual><room-link-selecting-element></room-link-selecting-element></fake-live-room>`);
    const element = room.querySelector<SelectingElement>('room-link-selecting-element')!;
    await settled(element);
    const before = element.renders;

    room.fake.setState({ remoteStreams: Object.freeze([remoteSnapshot('host')]) });
    room.fake.setState({ error: null, canPublish: true });
    await settled(element);
    expect(element.renders, 'renders after changes outside its slice').to.equal(before);

    room.fake.setState({ connectionState: 'joined' });
    await settled(element);
    expect(element.renders, 'renders after its slice changed').to.equal(before + 1);
    expect(element.shadowRoot!.textContent).to.include('joined');
  });

  it('a <trtc-remote-stream> re-renders when its own stream changes, not when another one does', async () => {
    const host = remoteSnapshot('host');
    const guest = remoteSnapshot('guest');
    const room = await fixture<FakeLiveRoomElement>(html`
      <fake-live-room manual>
        <trtc-remote-stream user-id="host"></trtc-remote-stream>
        <trtc-remote-stream user-id="guest"></trtc-remote-stream>
      </fake-live-room>
    `);
    const [hostTile, guestTile] = room.querySelectorAll<TrtcRemoteStreamElement>('trtc-remote-stream');
    await settled(hostTile, guestTile);
    const [hostView, guestView] = room.fake.remoteViews;
    hostView.show(host);
    guestView.show(guest);
    room.fake.setState({ connectionState: 'joined', remoteStreams: Object.freeze([host, guest]) });
    await settled(hostTile, guestTile);
    const hostRenders = countRenders(hostTile);
    const guestRenders = countRenders(guestTile);

    const muted = remoteSnapshot('guest', { videoMuted: true });
    room.fake.setState({ remoteStreams: Object.freeze([host, muted]), coAnchorState: 'starting' });
    guestView.show(muted);
    await settled(hostTile, guestTile);
    expect(guestRenders(), 'renders of the stream that changed').to.equal(1);
    expect(guestTile.shadowRoot!.querySelector('[part~="camera-off"]')!.hasAttribute('hidden'), 'the camera-off placeholder shows').to.equal(false);
    expect(hostRenders(), 'renders of the other stream').to.equal(0);
  });
});

