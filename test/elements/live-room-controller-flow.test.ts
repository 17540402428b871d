/**
 * The real elements on the real LiveRoomController, over a scripted TRTC backend: the wiring
 * between them (views, playback containers, events, status) with every SDK step under control.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../src/index.js';
import type { TrtcLiveRoomElement, TrtcLocalStreamElement, TrtcRemoteStreamElement } from '../../src/index.js';
import { TrtcErrorCode } from '../../src/backends/error-codes.js';
import { liveCapturedTracks, watchMediaResources } from '../helpers/leaks.js';
import { until } from '../helpers/media.js';
import { ScriptedBackend, ScriptedRemoteStream, TrtcCodedError } from '../room/scripted-backend.js';

const SECRET = 'eJyrVgrxCdYrSy1SslIyUtIBA-SECRET';

describe('<trtc-live-room> on LiveRoomController', () => {
  let backend: ScriptedBackend;
  const rooms: TrtcLiveRoomElement[] = [];

  before(() => watchMediaResources());

  beforeEach(() => {
    backend = new ScriptedBackend();
  });

  afterEach(async () => {
    for (const element of rooms.splice(0)) {
      element.remove();
      await element.controller.dispose();
    }
    expect(liveCapturedTracks(), 'no camera or mic left on').to.have.length(0);
    for (const client of backend.clients) expect(client.destroyed, 'every client destroyed').to.be.true;
  });

  async function joinedRoom(template = html`<trtc-live-room sdk-app-id="1400000000" room-id="8888" user-id="viewer_42" .userSig=${SECRET} .sdk=${backend}></trtc-live-room>`) {
    const element = await fixture<TrtcLiveRoomElement>(template);
    rooms.push(element);
    await until(() => element.getAttribute('connection-state') === 'joined', 'the room to join');
    return element;
  }

  function part(element: Element, name: string): HTMLElement | null {
    return element.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
  }

  it('plays each remote stream into its own tile of the default layout', async () => {
    const element = await joinedRoom();
    const added = oneEvent(element, 'trtc-stream-added');
    const host = new ScriptedRemoteStream('host');
    const guest = new ScriptedRemoteStream('guest');
    backend.client.addRemote(host);
    expect((await added).detail.userId).to.equal('host');
    backend.client.addRemote(guest);
    await until(() => element.shadowRoot!.querySelectorAll('trtc-remote-stream').length === 2, 'two tiles');
    const tiles = [...element.shadowRoot!.querySelectorAll<TrtcRemoteStreamElement>('trtc-remote-stream')];
    await until(() => host.playedIn !== null && guest.playedIn !== null, 'both streams to play');
    expect(host.playedIn).to.equal(part(tiles[0], 'video'));
    expect(guest.playedIn).to.equal(part(tiles[1], 'video'));
    expect(tiles.map((tile) => tile.getAttribute('stream-user-id'))).to.deep.equal(['host', 'guest']);
    await expect(element).to.be.accessible();
  });

  it('plays into the page author’s tiles: named first, then empty ones in order', async () => {
    const element = await joinedRoom(html`
      <trtc-live-room sdk-app-id="1400000000" room-id="8888" user-id="viewer_42" .userSig=${SECRET} .sdk=${backend}>
        <trtc-remote-stream id="any"></trtc-remote-stream>
        <trtc-remote-stream id="named" user-id="host"></trtc-remote-stream>
      </trtc-live-room>
    `);
    const guest = new ScriptedRemoteStream('guest');
    const host = new ScriptedRemoteStream('host');
    backend.client.addRemote(guest);
    backend.client.addRemote(host);
    const named = element.querySelector<TrtcRemoteStreamElement>('#named')!;
    const any = element.querySelector<TrtcRemoteStreamElement>('#any')!;
    await until(() => named.streamUserId === 'host' && any.streamUserId === 'guest', 'both tiles to be assigned');
    expect(host.playedIn).to.equal(part(named, 'video'));
    expect(guest.playedIn).to.equal(part(any, 'video'));
  });

  it('takes a viewer on stage with the button, previews the camera, and releases it on stop', async () => {
    const element = await joinedRoom();
    const button = part(element.shadowRoot!.querySelector('trtc-co-anchor-button')!, 'button')!;
    const live = new Promise<void>((resolve) =>
      element.addEventListener('trtc-co-anchor-change', (event) => event.detail.state === 'live' && resolve()),
    );
    button.click();
    await live;
    expect(element.getAttribute('co-anchor-state')).to.equal('live');
    const local = await until(() => element.shadowRoot!.querySelector('trtc-local-stream')?.active === true, 'the preview')
      .then(() => element.shadowRoot!.querySelector<TrtcLocalStreamElement>('trtc-local-stream')!);
    expect(backend.streams[0].playedIn).to.equal(part(local, 'video'));
    expect(liveCapturedTracks().length).to.be.greaterThan(0);
    await until(() => button.textContent!.trim() === 'Leave stage', 'the stop label');
    button.click();
    await until(() => element.getAttribute('co-anchor-state') === 'idle', 'the stage to be left');
    expect(liveCapturedTracks()).to.have.length(0);
    await until(() => element.shadowRoot!.querySelector('trtc-local-stream') === null, 'the preview to go');
  });

  it('shows the localized reason and reports invalid-config once, without the signature anywhere', async () => {
    const seen: unknown[] = [];
    const record = (event: Event) => seen.push({ type: event.type, detail: (event as CustomEvent).detail });
    const types = ['trtc-state-change', 'trtc-error', 'trtc-joined', 'trtc-left'];
    for (const type of types) document.addEventListener(type, record);
    try {
      const element = await fixture<TrtcLiveRoomElement>(
        html`<trtc-live-room lang="zh-CN" sdk-app-id="1400000000" room-id="no/slashes" user-id="viewer_42" .userSig=${SECRET} .sdk=${backend}></trtc-live-room>`,
      );
      rooms.push(element);
      await until(() => element.getAttribute('connection-state') === 'failed', 'the room to fail');
      await element.updateComplete;
      const errors = seen.filter((event) => (event as { type: string }).type === 'trtc-error');
      expect(errors).to.have.length(1);
      expect(errors[0]).to.deep.include({ detail: element.state.error });
      expect(element.state.error).to.include({ code: 'invalid-config', field: 'room-id' });
      expect(part(element, 'status')!.textContent).to.equal('房间号无效。');
      await expect(element).to.be.accessible();
      expect(backend.clients, 'the SDK is never touched').to.have.length(0);
      expect(JSON.stringify(seen)).not.to.include(SECRET);
      expect(element.outerHTML + element.shadowRoot!.innerHTML).not.to.include(SECRET);
    } finally {
      for (const type of types) document.removeEventListener(type, record);
    }
  });

  it('keeps the signature out of events and the page through a join, a failure and a leave', async () => {
    const seen: string[] = [];
    const record = (event: Event) => seen.push(JSON.stringify((event as CustomEvent).detail));
    const types = ['trtc-state-change', 'trtc-error', 'trtc-joined', 'trtc-left', 'trtc-co-anchor-change'];
    for (const type of types) document.addEventListener(type, record);
    try {
      const element = await joinedRoom();
      backend.fail('publish', new TrtcCodedError(`publish failed for ${SECRET}`, 0x4004));
      await element.startCoAnchor();
      await element.leave();
      expect(seen.length).to.be.greaterThan(3);
      expect(seen.join('\n')).not.to.include(SECRET);
      expect(element.outerHTML + element.shadowRoot!.innerHTML).not.to.include(SECRET);
    } finally {
      for (const type of types) document.removeEventListener(type, record);
    }
  });

  it('offers a play button when autoplay is blocked, fires trtc-autoplay-blocked once, and resumes on click', async () => {
    const element = await joinedRoom();
    let blockedEvents = 0;
    element.addEventListener('trtc-autoplay-blocked', () => (blockedEvents += 1));
    const host = new ScriptedRemoteStream('host');
    host.playError = new TrtcCodedError('play not allowed', TrtcErrorCode.PLAY_NOT_ALLOWED);
    backend.client.addRemote(host);
    const tile = await until(() => element.shadowRoot!.querySelector('trtc-remote-stream') !== null, 'a tile').then(
      () => element.shadowRoot!.querySelector<TrtcRemoteStreamElement>('trtc-remote-stream')!,
    );
    await until(() => part(tile, 'play-button') !== null, 'the play button');
    await expect(element).to.be.accessible();
    expect(blockedEvents).to.equal(1);
    part(tile, 'play-button')!.click();
    await until(() => part(tile, 'play-button') === null, 'the play button to go');
    expect(host.resumeCalls).to.equal(1);
    expect(blockedEvents).to.equal(1);
  });

  it('leaves when removed in the middle of joining, leaving nothing behind', async () => {
    backend.hold('join');
    const element = await fixture<TrtcLiveRoomElement>(
      html`<trtc-live-room sdk-app-id="1400000000" room-id="8888" user-id="viewer_42" .userSig=${SECRET} .sdk=${backend}></trtc-live-room>`,
    );
    rooms.push(element);
    await until(() => backend.clients.length === 1, 'the join to start');
    expect(part(element, 'status')!.textContent).to.equal('Joining the room…');
    element.remove();
    backend.release('join');
    await until(() => element.getAttribute('connection-state') === 'left', 'the room to be left');
    expect(backend.client.destroyed).to.be.true;
    expect(backend.client.events.count).to.equal(0);
  });

  it('shows a kick in its status and releases the camera', async () => {
    const element = await joinedRoom();
    await element.startCoAnchor();
    expect(liveCapturedTracks().length).to.be.greaterThan(0);
    const kicked = oneEvent(element, 'trtc-kicked');
    backend.client.events.emit('client-banned', { reason: 'banned' });
    expect((await kicked).detail.reason).to.equal('banned');
    await element.updateComplete;
    expect(element.getAttribute('connection-state')).to.equal('failed');
    expect(part(element, 'status')!.textContent).to.equal(
      'You were removed from the room. This user ID may have joined from another tab or device.',
    );
    expect(liveCapturedTracks()).to.have.length(0);
    await expect(element).to.be.accessible();
  });
});
