/**
 * The CDN build on a site that uploaded its top-level files but not `chunks/`
 * (scripts/cdn-without-chunks.mjs serves `dist/cdn/` that way at /__test/cdn-without-chunks/).
 * The entry still defines the elements; a room that needs a missing chunk says which file it is,
 * in the page's language (the Chinese strings are one of the missing chunks), and that it is not a
 * connection problem. This page loads nothing of the kit but that copy of the entry.
 */
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { requireWebRTC } from '../helpers/features.js';
import { liveCapturedTracks, openPeerConnections, watchMediaResources } from '../helpers/leaks.js';
import type * as Kit from '../../src/index.js';
import type { TrtcLiveRoomElement } from '../../src/index.js';

const BASE = '/__test/cdn-without-chunks/';
const ENTRY = `${BASE}trtc-live-elements.js`;
const SDK_CHUNKS = { trtc: /^\/__test\/cdn-without-chunks\/chunks\/trtc\.esm-[\w-]+\.js$/, 'trtc-v5': /^\/__test\/cdn-without-chunks\/chunks\/trtc-v5-[\w-]+\.js$/ };

let kit: typeof Kit;

before(async () => {
  watchMediaResources();
  kit = (await import(/* @vite-ignore */ ENTRY)) as typeof Kit;
});

afterEach(() => {
  expect(openPeerConnections(), 'peer connections left open').to.have.length(0);
  expect(liveCapturedTracks(), 'tracks left live').to.have.length(0);
});

function pathOf(url: string | undefined): string {
  return new URL(url ?? '', location.href).pathname;
}

async function failedRoom(backend: 'trtc' | 'trtc-v5', lang: string): Promise<{ room: TrtcLiveRoomElement; error: Kit.LiveRoomErrorDetail }> {
  const room = await fixture<TrtcLiveRoomElement>(html`
    <trtc-live-room lang=${lang} manual backend=${backend} sdk-app-id="1400000000" room-id="9999" user-id="viewer_1">
      <trtc-remote-stream></trtc-remote-stream>
      <trtc-co-anchor-button></trtc-co-anchor-button>
    </trtc-live-room>
  `);
  room.userSig = 'a-signature-made-on-the-server';
  const failed = oneEvent(room, 'trtc-error');
  await room.join();
  const { detail } = (await failed) as CustomEvent<Kit.LiveRoomErrorDetail>;
  await room.updateComplete;
  return { room, error: detail };
}

function statusLine(room: TrtcLiveRoomElement): { text: string; retry: HTMLButtonElement | null } {
  const root = room.shadowRoot!;
  return {
    text: root.querySelector('[role="status"]')!.textContent!.trim(),
    retry: root.querySelector<HTMLButtonElement>('button[part~="retry-button"]'),
  };
}

describe('the CDN build uploaded without chunks/', () => {
  it('defines the elements from the entry alone, and loadBackend names the chunk it could not load', async () => {
    for (const tag of ['trtc-live-room', 'trtc-remote-stream', 'trtc-local-stream', 'trtc-co-anchor-button']) {
      expect(customElements.get(tag), `<${tag}>`).to.be.a('function');
    }
    for (const [backend, chunk] of Object.entries(SDK_CHUNKS)) {
      // However the engine words a failed import, the loader knows what it imported.
      const error = await kit.loadBackend(backend as Kit.BackendName).then(
        () => expect.fail(`the ${backend} chunk is missing and cannot load`),
        (rejection: unknown) => rejection as Error & { file?: string },
      );
      expect(error.name).to.equal('ChunkLoadError');
      expect(pathOf(error.file), `${backend}: the file named`).to.match(chunk);
      expect(error.message).to.contain(error.file);
    }
    // loopback.js sits beside the entry and needs no chunk either.
    const loopback = await kit.loadBackend('loopback');
    expect(loopback.createClient).to.be.a('function');
  });

  for (const backend of ['trtc', 'trtc-v5'] as const) {
    it(`a ${backend} room fails with chunk-load-failed naming the missing file, not a connection problem`, async function () {
      // Without WebRTC the room says so before it loads any backend.
      requireWebRTC(this);
      const { room, error } = await failedRoom(backend, 'en');
      expect(room.connectionState).to.equal('failed');
      expect(error.code).to.equal('chunk-load-failed');
      expect(error.recoverable).to.equal(true);
      expect(pathOf(error.file)).to.match(SDK_CHUNKS[backend]);
      expect(error.message).to.contain(error.file);
      expect(error.message).not.to.match(/connection/i);
      expect(JSON.stringify(error)).not.to.contain('a-signature-made-on-the-server');

      const { text, retry } = statusLine(room);
      expect(text).to.contain('could not be loaded');
      expect(text).to.contain(pathOf(error.file));
      expect(text).not.to.match(/connection/i);
      expect(retry?.textContent?.trim()).to.equal('Retry');
      await expect(room).to.be.accessible();
    });
  }

  it('says so in Chinese on a zh-CN page, though the Chinese strings are a missing chunk too', async function () {
    requireWebRTC(this);
    const { room, error } = await failedRoom('trtc', 'zh-CN');
    expect(error.code).to.equal('chunk-load-failed');
    const { text, retry } = statusLine(room);
    expect(text).to.contain('页面所需的文件无法加载');
    expect(text).to.contain(pathOf(error.file));
    expect(retry?.textContent?.trim()).to.equal('重试');
    await expect(room).to.be.accessible();
  });

  it('Retry, pressed from the keyboard, tries the file again and says the same', async function () {
    requireWebRTC(this);
    const { room } = await failedRoom('trtc', 'en');
    const { retry } = statusLine(room);
    retry!.focus();
    const again = oneEvent(room, 'trtc-error');
    await sendKeys({ press: 'Enter' });
    const { detail } = (await again) as CustomEvent<Kit.LiveRoomErrorDetail>;
    expect(detail.code).to.equal('chunk-load-failed');
    await room.updateComplete;
    expect(room.connectionState).to.equal('failed');
    expect(statusLine(room).retry).to.not.equal(null);
  });
});
