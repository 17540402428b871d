/**
 * How the children find their room in a real page: `room="ID"` for elements placed outside the
 * room, and definitions arriving in either order (the room's tag defined after its children's,
 * and the children's after the room's). Frames must flow and the button must work either way.
 */
import { expect } from '@open-wc/testing';
import {
  TrtcCoAnchorButtonElement,
  TrtcLiveRoomElement,
  TrtcLocalStreamElement,
  TrtcRemoteStreamElement,
} from '../../../src/index.js';
import { until } from '../../helpers/media.js';
import { trackMutationObservers } from '../observers.js';
import {
  click,
  EventRecord,
  expectAccessible,
  expectFrames,
  freshRoomId,
  html,
  nativeButton,
  reaches,
  reachesCoAnchor,
  SDK_APP_ID,
  SIGNATURE,
  mediaStage,
} from './flow-fixture.js';

function hostRoom(roomId: string) {
  return html`
    <trtc-live-room id="host" backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="host"
        user-role="anchor" auto-publish .userSig=${SIGNATURE}>
      <trtc-remote-stream></trtc-remote-stream>
      <trtc-local-stream></trtc-local-stream>
    </trtc-live-room>
  `;
}

let lateTags = 0;

/** Defines `base` again under a fresh tag (a tag can be defined only once per page). */
function lateTag(prefix: string): string {
  lateTags += 1;
  return `${prefix}-${lateTags}`;
}

describe('children finding their room on a real page', function () {
  this.timeout(60000);
  const stage = mediaStage();

  it('room="ID": a tile, a preview and a button outside the room act on it, and let go when removed', async () => {
    const roomId = freshRoomId();
    const observers = trackMutationObservers();
    stage.onTearDown(() => observers.restore());
    stage.mount(html`
      ${hostRoom(roomId)}
      <div id="page">
        <trtc-live-room id="stage-room" backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="viewer"
            .userSig=${SIGNATURE}><p>The tiles are elsewhere on this page.</p></trtc-live-room>
        <aside>
          <trtc-remote-stream id="outside-tile" room="stage-room"></trtc-remote-stream>
          <trtc-local-stream id="outside-preview" room="stage-room"></trtc-local-stream>
          <trtc-co-anchor-button id="outside-button" room="stage-room"></trtc-co-anchor-button>
        </aside>
      </div>
    `);
    const host = stage.room('host');
    const viewer = stage.room('stage-room');
    const tile = stage.container.querySelector<TrtcRemoteStreamElement>('#outside-tile')!;
    const preview = stage.container.querySelector<TrtcLocalStreamElement>('#outside-preview')!;
    const buttonElement = stage.container.querySelector<TrtcCoAnchorButtonElement>('#outside-button')!;
    expect(viewer.shadowRoot!.querySelector('[part="layout"]'), 'no default layout: the room has content').to.equal(null);

    await expectFrames(tile, "the host's camera in the tile outside the room");
    expect(tile.getAttribute('stream-user-id')).to.equal('host');
    await reaches(viewer, 'joined');
    await click(nativeButton(buttonElement));
    await reachesCoAnchor(viewer, 'live', 'the button outside to take the room live');
    await expectFrames(preview, 'the preview outside the room');
    await expectFrames(host.querySelector<TrtcRemoteStreamElement>('trtc-remote-stream')!, "the viewer's camera in the host's tile");
    await expectAccessible(stage.container.querySelector('#page')!);

    // Taken off the page, they stop showing the room's media and stop watching the page for it.
    const watching = observers.live;
    const aside = stage.container.querySelector('aside')!;
    aside.remove();
    expect(observers.live, 'each removed element disconnected its observers').to.be.lessThan(watching);
    expect(viewer.getAttribute('co-anchor-state'), 'the room itself stays live').to.equal('live');
    expect(tile.active).to.equal(false);
    expect(preview.active).to.equal(false);
    expect(tile.shadowRoot!.querySelector('video'), 'no player left in the removed tile').to.equal(null);
    stage.container.querySelector('#page')!.append(aside);
    await expectFrames(tile, "the host's camera once the tile is back");
  });

  it('room="ID" and ancestors whose tag is defined after the children: both find the room once it is', async () => {
    const roomId = freshRoomId();
    stage.mount(hostRoom(roomId));
    const tag = lateTag('late-live-room');
    const column = document.createElement('div');
    column.innerHTML = `
      <${tag} id="late-room" backend="loopback" sdk-app-id="${SDK_APP_ID}" room-id="${roomId}" user-id="viewer">
        <trtc-remote-stream></trtc-remote-stream>
        <trtc-local-stream></trtc-local-stream>
      </${tag}>
      <trtc-co-anchor-button room="late-room"></trtc-co-anchor-button>
    `;
    stage.container.append(column);
    const late = column.querySelector(tag)! as HTMLElement & { userSig?: string };
    // Set before the upgrade, as a classic script or a framework would: kept and applied on upgrade.
    late.userSig = SIGNATURE;
    const tile = column.querySelector<TrtcRemoteStreamElement>('trtc-remote-stream')!;
    const buttonElement = column.querySelector<TrtcCoAnchorButtonElement>('trtc-co-anchor-button')!;
    await buttonElement.updateComplete;
    expect(tile.active).to.equal(false);
    expect(buttonElement.shadowRoot!.querySelector('[part~="hint"]')!.textContent).to.equal('Not connected to a live room.');
    await expectAccessible(buttonElement);

    customElements.define(tag, class extends TrtcLiveRoomElement {});
    stage.adopt();
    const room = late as unknown as TrtcLiveRoomElement;
    expect(room).to.be.instanceOf(TrtcLiveRoomElement);
    expect(room.hasAttribute('user-sig'), 'the signature set before the upgrade stays a property').to.equal(false);
    await reaches(room, 'joined', 'the late room');
    await expectFrames(tile, "the host's camera in the late room's tile");
    await click(nativeButton(buttonElement));
    await reachesCoAnchor(room, 'live', 'the button to take the late room live');
    await expectFrames(column.querySelector<TrtcLocalStreamElement>('trtc-local-stream')!, "the late room's preview");
    await expectFrames(stage.room('host').querySelector<TrtcRemoteStreamElement>('trtc-remote-stream')!, "the late room's camera at the host");
  });

  it('children whose tags are defined after their room joined find it then, inside it and by room="ID"', async () => {
    const roomId = freshRoomId();
    stage.mount(html`
      ${hostRoom(roomId)}
      <div>
        <trtc-live-room id="viewer" backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="viewer"
            .userSig=${SIGNATURE}></trtc-live-room>
      </div>
    `);
    const viewer = stage.room('viewer');
    await reaches(viewer, 'joined');
    const events = new EventRecord(viewer);
    const tileTag = lateTag('late-remote-stream');
    const buttonTag = lateTag('late-co-anchor-button');
    const previewTag = lateTag('late-local-stream');
    viewer.innerHTML = `<${tileTag}></${tileTag}><${buttonTag}></${buttonTag}>`;
    viewer.insertAdjacentHTML('afterend', `<${previewTag} room="viewer"></${previewTag}>`);
    await until(() => viewer.shadowRoot!.querySelector('[part="layout"]') === null, 'the default layout to give way');

    customElements.define(tileTag, class extends TrtcRemoteStreamElement {});
    customElements.define(buttonTag, class extends TrtcCoAnchorButtonElement {});
    customElements.define(previewTag, class extends TrtcLocalStreamElement {});
    const tile = viewer.querySelector(tileTag) as TrtcRemoteStreamElement;
    const buttonElement = viewer.querySelector(buttonTag) as TrtcCoAnchorButtonElement;
    const preview = viewer.parentElement!.querySelector(previewTag) as TrtcLocalStreamElement;
    await expectFrames(tile, "the host's camera in the tile defined late");
    await buttonElement.updateComplete;
    await click(nativeButton(buttonElement));
    await reachesCoAnchor(viewer, 'live', 'the late button to take the viewer live');
    await expectFrames(preview, 'the preview defined late, outside the room');
    expect(events.of('trtc-error')).to.deep.equal([]);
    expect(events.of('trtc-joined'), 'the room did not join again').to.deep.equal([]);
  });
});
