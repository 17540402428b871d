/**
 * Co-anchor requests end to end, as the host and the viewers see them: `<trtc-live-room>`s in one
 * page on the loopback backend (real WebRTC) with `signaling="loopback"`, the host's
 * `<trtc-co-anchor-requests>` beside its room, real clicks on the viewers' buttons and on the
 * host's approve, deny and remove buttons, frames counted at the host, and nothing left behind.
 */
import { expect } from '@open-wc/testing';
import { TrtcLiveRoomElement } from '../../../src/index.js';
import type { TrtcCoAnchorButtonElement, TrtcCoAnchorRequestsElement, TrtcLocalStreamElement, TrtcRemoteStreamElement } from '../../../src/index.js';
import { LiveRoomController } from '../../../src/room/live-room-controller.js';
import type { LoopbackSignaling } from '../../../src/signaling/loopback.js';
import { liveCapturedTracks } from '../../helpers/leaks.js';
import { until } from '../../helpers/media.js';
import { watchedTransport } from '../../helpers/watched-signaling.js';
import { watchSignalingResources } from '../../signaling/resources.js';
import {
  click,
  clickDetails,
  EventRecord,
  expectAccessible,
  expectFrames,
  freshRoomId,
  html,
  mediaStage,
  nativeButton,
  reaches,
  reachesCoAnchor,
  SDK_APP_ID,
  settle,
  SIGNATURE,
  statusOf,
  tracksOf,
  videoIn,
} from './flow-fixture.js';

/** How long a request waits in the rooms made for the timeout test. */
const SHORT_TIMEOUT_MS = 600;

/** A room whose requests time out quickly: the test-only setting, through the controller the room makes. */
class ShortWaitLiveRoom extends TrtcLiveRoomElement {
  protected override createController(): LiveRoomController {
    return new LiveRoomController({ coAnchorRequestTimeoutMs: SHORT_TIMEOUT_MS });
  }
}
if (!customElements.get('short-wait-live-room')) customElements.define('short-wait-live-room', ShortWaitLiveRoom);

interface Options {
  viewers?: string[];
  maxCoAnchors?: string;
  lang?: string;
  shortWait?: boolean;
}

describe('co-anchor requests: the host decides who comes on stage (loopback, one page)', function () {
  this.timeout(60000);
  const stage = mediaStage();
  const resources = watchSignalingResources();

  afterEach(() => {
    // After the stage's own teardown and leak checks: the transports and the queue's clock too.
    expect(resources.snapshot(), 'no channel, page listener or interval left').to.deep.equal({ openChannels: 0, pageListeners: 0, intervals: 0 });
  });

  /** The host (joined as anchor, publishing) with its queue, and viewers asking it, all joined. */
  async function party({ viewers = ['amy'], maxCoAnchors = '', lang = 'en', shortWait = false }: Options = {}) {
    const roomId = freshRoomId('requests');
    const { transport, ready } = watchedTransport();
    const hostRoom = shortWait
      ? html`<short-wait-live-room id="host" backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="host"
            user-role="anchor" auto-publish max-co-anchors=${maxCoAnchors} .signaling=${transport as LoopbackSignaling} .userSig=${SIGNATURE}></short-wait-live-room>`
      : html`<trtc-live-room id="host" backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id="host"
            user-role="anchor" auto-publish max-co-anchors=${maxCoAnchors} .signaling=${transport as LoopbackSignaling} .userSig=${SIGNATURE}></trtc-live-room>`;
    stage.mount(html`
      <div lang=${lang}>
        ${hostRoom}
        <trtc-co-anchor-requests room="host"></trtc-co-anchor-requests>
      </div>
    `);
    const host = stage.room('host');
    const queue = stage.container.querySelector<TrtcCoAnchorRequestsElement>('trtc-co-anchor-requests')!;
    const column = stage.add(html`
      <div lang=${lang}>
        ${viewers.map((userId) =>
          shortWait
            ? html`<short-wait-live-room id=${userId} backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id=${userId}
                  signaling="loopback" host-id="host" .userSig=${SIGNATURE}></short-wait-live-room>`
            : html`<trtc-live-room id=${userId} backend="loopback" sdk-app-id=${SDK_APP_ID} room-id=${roomId} user-id=${userId}
                  signaling="loopback" host-id="host" .userSig=${SIGNATURE}></trtc-live-room>`,
        )}
      </div>
    `);
    column.style.display = 'flex';
    column.style.flexDirection = 'column';
    await reaches(host, 'joined');
    await ready;
    for (const userId of viewers) {
      const viewer = stage.room(userId);
      await reaches(viewer, 'joined');
      // Each viewer watching the host, so its layout (and the button in it) has stopped moving before it is clicked.
      await until(() => viewer.shadowRoot!.querySelector('trtc-remote-stream[user-id="host"]') !== null, `${userId} to show the host`);
    }
    await settle();
    return { host, queue };
  }

  const buttonOf = (room: TrtcLiveRoomElement) => room.shadowRoot!.querySelector<TrtcCoAnchorButtonElement>('trtc-co-anchor-button')!;
  const requestRow = (queue: TrtcCoAnchorRequestsElement, userId: string) =>
    [...queue.shadowRoot!.querySelectorAll<HTMLElement>('[part~="request"]')].find((row) => row.querySelector('.user')!.textContent === userId);
  const stageRow = (queue: TrtcCoAnchorRequestsElement, userId: string) =>
    [...queue.shadowRoot!.querySelectorAll<HTMLElement>('[part~="co-anchor"]')].find((row) => row.querySelector('.user')!.textContent === userId);
  const within = (row: HTMLElement | undefined, name: string) => row!.querySelector<HTMLElement>(`[part~="${name}"]`)!;

  /** The viewer presses its button; the request shows in the host's queue. */
  async function ask(queue: TrtcCoAnchorRequestsElement, viewer: TrtcLiveRoomElement) {
    const button = nativeButton(buttonOf(viewer));
    const clicks = clickDetails(button);
    await click(button);
    await reachesCoAnchor(viewer, 'requesting', `${viewer.id} to ask`).catch((error: Error) => {
      // Says what the viewer saw, should its click go astray.
      const { coAnchorState, connectionState, error: reported } = viewer.state;
      throw new Error(`${error.message} (clicks received: ${JSON.stringify(clicks)}, ${JSON.stringify({ coAnchorState, connectionState, reported })})`);
    });
    await until(() => requestRow(queue, viewer.id) !== undefined, `${viewer.id}'s request in the host's queue`);
  }

  it('request → approve → the viewer is live with frames at the host; remove from stage ends its camera', async () => {
    const { host, queue } = await party();
    const amy = stage.room('amy');
    const hostEvents = new EventRecord(host, ['trtc-co-anchor-request']);
    const amyEvents = new EventRecord(amy, ['trtc-co-anchor-change']);
    await expectAccessible(queue);

    await ask(queue, amy);
    expect(nativeButton(buttonOf(amy)).textContent!.trim()).to.equal('Waiting for approval. Press again to cancel');
    expect(queue.getAttribute('count')).to.equal('1');
    expect(queue.shadowRoot!.querySelector('[role="status"]')!.textContent!.trim()).to.equal('amy asks to go live.');
    expect(hostEvents.of('trtc-co-anchor-request')).to.deep.equal([{ userId: 'amy', status: 'pending' }]);
    await expectAccessible(queue);

    await click(within(requestRow(queue, 'amy'), 'approve'));
    await reachesCoAnchor(amy, 'live', 'amy to go live');
    const amyAtHost = () => host.shadowRoot!.querySelector<TrtcRemoteStreamElement>('trtc-remote-stream[user-id="amy"]');
    await until(() => amyAtHost() !== null, 'a tile for amy at the host');
    await expectFrames(amyAtHost()!, 'amy at the host');
    await until(() => stageRow(queue, 'amy') !== undefined, 'amy on stage in the queue');
    expect(queue.getAttribute('count')).to.equal('0');
    await expectAccessible(queue);

    const preview = amy.shadowRoot!.querySelector<TrtcLocalStreamElement>('trtc-local-stream')!;
    const amyTracks = tracksOf(videoIn(preview));
    expect(amyTracks.length, "amy's camera preview").to.be.greaterThan(0);
    await click(within(stageRow(queue, 'amy'), 'remove'));
    await reachesCoAnchor(amy, 'idle', 'amy to leave the stage');
    await until(() => amyTracks.every((track) => track.readyState === 'ended'), "amy's tracks to end");
    await until(() => amyAtHost() === null, "amy's tile to leave the host");
    expect(statusOf(amy)).to.deep.equal({ text: 'The host took you off stage.', visible: true });
    expect(amyEvents.of('trtc-co-anchor-change').at(-1)).to.include({ state: 'idle', reason: 'removed' });
    expect(stageRow(queue, 'amy')).to.equal(undefined);
    await expectAccessible(queue);
    await expectAccessible(amy);
  });

  it('request → deny: the viewer is back to idle and told so; the host still publishes alone', async () => {
    const { queue } = await party();
    const amy = stage.room('amy');
    await ask(queue, amy);
    await click(within(requestRow(queue, 'amy'), 'deny'));
    await reachesCoAnchor(amy, 'idle', 'amy to be denied');
    expect(statusOf(amy)).to.deep.equal({ text: 'Your request to go live was declined.', visible: true });
    expect(amy.state.role).to.equal('audience');
    await until(() => queue.getAttribute('count') === '0', 'the queue to empty');
    await expectAccessible(queue);
  });

  it('request → cancel: pressing again withdraws it, and the host\'s queue drops it', async () => {
    const { host, queue } = await party();
    const amy = stage.room('amy');
    const hostEvents = new EventRecord(host, ['trtc-co-anchor-request']);
    const amyEvents = new EventRecord(amy, ['trtc-co-anchor-change']);
    await ask(queue, amy);
    await click(nativeButton(buttonOf(amy)));
    await reachesCoAnchor(amy, 'idle', 'amy to withdraw');
    await until(() => requestRow(queue, 'amy') === undefined, 'the request to leave the queue');
    expect(hostEvents.of('trtc-co-anchor-request').map((detail) => detail.status)).to.deep.equal(['pending', 'cancelled']);
    expect(amyEvents.of('trtc-co-anchor-change').at(-1)).to.include({ state: 'idle', reason: 'cancelled' });
    expect(statusOf(amy).text, 'no notice for its own withdrawal').to.equal('');
    expect(liveCapturedTracks().length, 'only the host camera and mic').to.be.at.most(2);
  });

  it('request → timeout (a short test setting): both sides give up, and the viewer is told', async () => {
    const { host, queue } = await party({ shortWait: true });
    const amy = stage.room('amy');
    const hostEvents = new EventRecord(host, ['trtc-co-anchor-request']);
    await ask(queue, amy);
    await reachesCoAnchor(amy, 'idle', 'amy to time out');
    expect(statusOf(amy)).to.deep.equal({ text: 'The host did not answer your request to go live.', visible: true });
    await until(() => requestRow(queue, 'amy') === undefined, 'the request to expire at the host');
    expect(hostEvents.of('trtc-co-anchor-request').map((detail) => detail.status)).to.deep.equal(['pending', 'expired']);
  });

  it('max-co-anchors reached → the next approval answers full', async () => {
    const { queue } = await party({ viewers: ['amy', 'bob'], maxCoAnchors: '1' });
    const [amy, bob] = [stage.room('amy'), stage.room('bob')];
    await ask(queue, amy);
    await ask(queue, bob);
    await expectAccessible(queue);
    await click(within(requestRow(queue, 'amy'), 'approve'));
    await reachesCoAnchor(amy, 'live', 'amy to go live');
    await click(within(requestRow(queue, 'bob'), 'approve'));
    await reachesCoAnchor(bob, 'idle', 'bob to be turned away');
    expect(statusOf(bob)).to.deep.equal({ text: 'The stage is full, so the host could not take you on.', visible: true });
    expect(amy.state.coAnchorState).to.equal('live');
  });

  it('the host leaves with requests pending → each viewer is back to idle at once, in Chinese too', async () => {
    const { host, queue } = await party({ viewers: ['amy', 'bob', 'cat'], lang: 'zh-CN' });
    const viewers = ['amy', 'bob', 'cat'].map((userId) => stage.room(userId));
    for (const viewer of viewers) await ask(queue, viewer);
    await until(() => queue.shadowRoot!.querySelector('[part~="approve"]')?.textContent?.trim() === '同意', 'the queue in Chinese');
    await expectAccessible(queue);
    const left = performance.now();
    await host.leave();
    // Well under loopback's own presence timeout (3.5 s): the host's host-left said it.
    await until(() => viewers.every((viewer) => viewer.getAttribute('co-anchor-state') === 'idle'), 'every viewer back to idle', 1500);
    expect(performance.now() - left).to.be.below(1500);
    for (const viewer of viewers) {
      expect(statusOf(viewer)).to.deep.equal({ text: '主播已离开，你的连麦申请已结束。', visible: true });
      expect(viewer.state.connectionState, `${viewer.id} still watching`).to.equal('joined');
    }
    await until(() => queue.getAttribute('count') === '0', 'the queue of a host that left to empty');
    await expectAccessible(queue);
  });
});
