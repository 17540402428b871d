/**
 * What a page author sees of their own layout: `layout="grid"` on the room, what an unclaimed
 * `<trtc-remote-stream>` says (or that it can vanish), a `<trtc-local-stream>` that stays empty off
 * stage whatever the page's CSS, and a host's button reading as a host's.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import './fake-room-controller.js';
import type { TrtcCoAnchorButtonElement, TrtcLocalStreamElement, TrtcRemoteStreamElement } from '../../src/index.js';
import type { CoAnchorState, LiveRoomState } from '../../src/room/types.js';
import type { FakeLiveRoomElement } from './fake-room-controller.js';

async function settle(room: FakeLiveRoomElement, patch: Partial<LiveRoomState> = {}): Promise<void> {
  room.fake.setState(patch);
  await room.updateComplete;
  for (const child of room.querySelectorAll<HTMLElement & { updateComplete: Promise<unknown> }>('*')) await child.updateComplete;
}

function box(element: Element): DOMRect {
  return element.getBoundingClientRect();
}

describe('layout="grid"', () => {
  const children = html`
    <trtc-remote-stream></trtc-remote-stream>
    <trtc-remote-stream></trtc-remote-stream>
    <trtc-remote-stream></trtc-remote-stream>
    <trtc-co-anchor-button></trtc-co-anchor-button>
  `;

  it("puts the page's own tiles side by side in the default layout's grid, the button on a row below", async () => {
    const room = await fixture<FakeLiveRoomElement>(html`<fake-live-room manual layout="grid" style="width: 960px">${children}</fake-live-room>`);
    await settle(room, { connectionState: 'joined' });
    const [first, second, third] = [...room.querySelectorAll('trtc-remote-stream')].map(box);
    const button = box(room.querySelector('trtc-co-anchor-button')!);
    expect(second.top, 'one row').to.equal(first.top);
    expect(third.top, 'one row').to.equal(first.top);
    expect(second.left).to.be.greaterThan(first.right - 1);
    expect(third.left).to.be.greaterThan(second.right - 1);
    expect(first.width).to.be.within(280, 320);
    expect(button.top, 'the button below the tiles').to.be.greaterThan(first.bottom - 1);
    const middle = (button.left + button.right) / 2;
    expect(middle, 'the button centred').to.be.closeTo(box(room).left + 480, 2);
    await expect(room).to.be.accessible();
  });

  it('leaves the children stacked, as the page styles them, without it', async () => {
    const room = await fixture<FakeLiveRoomElement>(html`<fake-live-room manual style="width: 960px">${children}</fake-live-room>`);
    await settle(room, { connectionState: 'joined' });
    const [first, second] = [...room.querySelectorAll('trtc-remote-stream')].map(box);
    expect(second.top).to.be.greaterThan(first.bottom - 1);
    expect(first.width).to.equal(960);
  });
});

describe('an unclaimed <trtc-remote-stream>', () => {
  async function roomWithTile(tile = html`<trtc-remote-stream></trtc-remote-stream>`, lang = 'en') {
    const room = await fixture<FakeLiveRoomElement>(html`<fake-live-room manual lang=${lang} style="width: 640px">${tile}</fake-live-room>`);
    await settle(room);
    return { room, tile: room.querySelector<TrtcRemoteStreamElement>('trtc-remote-stream')! };
  }

  const placeholder = (tile: TrtcRemoteStreamElement) => tile.shadowRoot!.querySelector('[part~="placeholder"]')!;

  for (const [lang, nobody, waiting] of [
    ['en', 'No one else is on stage', 'Waiting for the anchor…'],
    ['zh-CN', '台上暂无其他人', '等待主播开播…'],
  ] as const) {
    it(`says no one else is on stage while the room is joined, not that it waits for the anchor (${lang})`, async () => {
      const { room, tile } = await roomWithTile(undefined, lang);
      expect(placeholder(tile).textContent!.trim(), 'before joining').to.equal(waiting);
      await settle(room, { connectionState: 'joined', role: 'anchor', joinedRole: 'anchor' });
      expect(placeholder(tile).textContent!.trim()).to.equal(nobody);
      expect(tile.shadowRoot!.querySelector('[part~="base"]')!.getAttribute('aria-label')).to.equal(nobody);
      await expect(tile).to.be.accessible();
    });
  }

  it('with hide-when-empty shows nothing and takes no room, even under page CSS display: block', async () => {
    const { room, tile } = await roomWithTile(html`
      <style>
        trtc-remote-stream {
          display: block;
        }
      </style>
      <trtc-remote-stream hide-when-empty></trtc-remote-stream>
    `);
    await settle(room, { connectionState: 'joined' });
    expect(box(tile).height).to.equal(0);
    expect(getComputedStyle(placeholder(tile)).visibility).to.equal('hidden');
    await expect(tile).to.be.accessible();
  });

  it('hide-when-empty="false" keeps the placeholder tile', async () => {
    const { room, tile } = await roomWithTile(html`<trtc-remote-stream hide-when-empty="false"></trtc-remote-stream>`);
    await settle(room, { connectionState: 'joined' });
    expect(tile.hideWhenEmpty).to.equal(false);
    expect(box(tile).height).to.equal(360);
    expect(getComputedStyle(placeholder(tile)).visibility).to.equal('visible');
  });
});

describe('<trtc-local-stream> off stage under page CSS display: block', () => {
  it('takes no room and paints nothing (no empty "You" tile); on stage it is a tile', async () => {
    const room = await fixture<FakeLiveRoomElement>(html`
      <fake-live-room manual style="width: 640px">
        <style>
          trtc-local-stream {
            display: block;
          }
        </style>
        <trtc-local-stream></trtc-local-stream>
      </fake-live-room>
    `);
    await settle(room, { connectionState: 'joined' });
    const local = room.querySelector<TrtcLocalStreamElement>('trtc-local-stream')!;
    const name = local.shadowRoot!.querySelector('[part~="name"]')!;
    expect(getComputedStyle(local).display, "the page's CSS applies").to.equal('block');
    expect(box(local).height).to.equal(0);
    expect(getComputedStyle(name).visibility).to.equal('hidden');
    await expect(room).to.be.accessible();

    // The room plays the preview into the view and says so: the tile appears.
    room.fake.localViews.at(-1)!.show(true);
    await local.updateComplete;
    expect(local.active).to.equal(true);
    expect(box(local).height).to.equal(360);
    expect(getComputedStyle(name).visibility).to.equal('visible');
    await expect(room).to.be.accessible();
  });
});

describe("a host's co-anchor button", () => {
  const labels: Record<string, Partial<Record<CoAnchorState, string>>> = {
    en: { idle: 'Go live', starting: 'Going live…', live: 'End broadcast', stopping: 'Ending the broadcast…' },
    'zh-CN': { idle: '开始直播', starting: '正在开播…', live: '结束直播', stopping: '正在结束直播…' },
  };

  for (const [lang, byState] of Object.entries(labels)) {
    it(`reads as starting and ending a broadcast for a room joined as anchor (${lang})`, async () => {
      const room = await fixture<FakeLiveRoomElement>(html`<fake-live-room manual lang=${lang}><trtc-co-anchor-button></trtc-co-anchor-button></fake-live-room>`);
      const button = room.querySelector<TrtcCoAnchorButtonElement>('trtc-co-anchor-button')!;
      for (const [coAnchorState, label] of Object.entries(byState)) {
        await settle(room, { connectionState: 'joined', role: 'anchor', joinedRole: 'anchor', canPublish: true, coAnchorState: coAnchorState as CoAnchorState });
        expect(button.shadowRoot!.querySelector('button')!.textContent!.trim(), coAnchorState).to.equal(label);
        await expect(button).to.be.accessible();
      }
    });
  }

  it('a viewer on stage (anchor by switching role) still reads "Leave stage"', async () => {
    const room = await fixture<FakeLiveRoomElement>(html`<fake-live-room manual lang="en"><trtc-co-anchor-button></trtc-co-anchor-button></fake-live-room>`);
    const button = room.querySelector<TrtcCoAnchorButtonElement>('trtc-co-anchor-button')!;
    await settle(room, { connectionState: 'joined', role: 'anchor', joinedRole: 'audience', canPublish: true, coAnchorState: 'live' });
    expect(button.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('Leave stage');
  });
});
