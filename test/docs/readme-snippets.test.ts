/**
 * The README's snippets, run as a page author runs them (scripts/readme-snippets.mjs serves each
 * marked snippet, and the built kit where the README says to put it; `npm run build` first).
 * The pages are loaded in frames of this page: one origin, so their loopback rooms meet, and one
 * tab, which headless Chromium paints at full frame rate.
 */
import '@angular/compiler';
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import type { TrtcLiveRoomElement, TrtcLocalStreamElement, TrtcRemoteStreamElement } from '../../src/index.js';
import { requireMediaCapture, requireVideoFrameCallback, requireWebRTC } from '../helpers/features.js';
import { framesRendered, until } from '../helpers/media.js';

const TIMEOUT = 15000;
const frames: HTMLIFrameElement[] = [];
const appRoots: HTMLElement[] = [];

async function openSnippetPage(name: string): Promise<Document> {
  const frame = document.createElement('iframe');
  frame.title = name;
  frame.style.width = '640px';
  frame.style.height = '480px';
  frame.src = `/readme/${name}.html`;
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  document.body.append(frame);
  frames.push(frame);
  await loaded;
  return frame.contentDocument!;
}

function roomIn(root: ParentNode): TrtcLiveRoomElement {
  const room = root.querySelector('trtc-live-room');
  if (!room) throw new Error('no <trtc-live-room>');
  return room as TrtcLiveRoomElement;
}

function videoIn(view: TrtcRemoteStreamElement | TrtcLocalStreamElement): HTMLVideoElement | null {
  return view.shadowRoot?.querySelector('[part~="video"] video') ?? null;
}

async function clickCoAnchorButton(room: TrtcLiveRoomElement): Promise<void> {
  const button = room.querySelector('trtc-co-anchor-button')?.shadowRoot?.querySelector('button');
  if (!button) throw new Error('no co-anchor button');
  await until(() => button.getAttribute('aria-disabled') !== 'true' && !button.disabled, 'the co-anchor button to be usable', TIMEOUT);
  button.click();
  await until(() => room.coAnchorState === 'live', `${room.userId} to be live`, TIMEOUT);
}

/** Waits for frames from `userId` in one of the room's `<trtc-remote-stream>`s; returns its video. */
async function framesFrom(room: TrtcLiveRoomElement, userId: string): Promise<HTMLVideoElement> {
  const views = () => [...room.querySelectorAll('trtc-remote-stream')] as TrtcRemoteStreamElement[];
  const view = () => views().find((candidate) => candidate.streamUserId === userId && videoIn(candidate));
  await until(() => view() !== undefined, `${userId}'s stream in ${room.userId}'s page`, TIMEOUT);
  const video = videoIn(view()!)!;
  await framesRendered(video, 5);
  expect(video.videoWidth, `${userId}'s picture`).to.be.greaterThan(0);
  return video;
}

/** The README's host page, live. */
async function liveHost(): Promise<TrtcLiveRoomElement> {
  const host = roomIn(await openSnippetPage('host-page'));
  await until(() => host.connectionState === 'joined', 'the host to join', TIMEOUT);
  await clickCoAnchorButton(host);
  return host;
}

interface AxeResults {
  violations: { id: string; nodes: { target: string[] }[] }[];
}

/** axe-core's violations on a snippet page, run inside the page (axe checks nodes of its own realm). */
async function axeViolations(page: Document): Promise<string[]> {
  const realm = page.defaultView as Window & { axe?: { run(context: Document): Promise<AxeResults> } };
  if (!realm.axe) {
    const script = page.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    const loaded = new Promise((resolve, reject) => {
      script.addEventListener('load', resolve, { once: true });
      script.addEventListener('error', reject, { once: true });
    });
    page.head.append(script);
    await loaded;
  }
  const { violations } = await realm.axe!.run(page);
  return violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

function tracksOf(video: HTMLVideoElement): MediaStreamTrack[] {
  return (video.srcObject as MediaStream | null)?.getTracks() ?? [];
}

/** Every marked snippet, each run by a case below. */
const SNIPPETS = [
  'host-page',
  'viewer-page',
  'on-stage-page',
  'cloud-viewer-page',
  'vue-vite-config',
  'vue-main',
  'vue-app',
  'angular-json',
  'angular-main',
  'angular-component',
];

describe("the README's snippets", () => {
  afterEach(async () => {
    const rooms = [...frames.map((frame) => frame.contentDocument!), ...appRoots].flatMap(
      (root) => [...(root?.querySelectorAll('trtc-live-room') ?? [])] as TrtcLiveRoomElement[],
    );
    await Promise.all(rooms.map((room) => room.leave()));
    (document.querySelector('#app') as (HTMLElement & { __vue_app__?: { unmount(): void } }) | null)?.__vue_app__?.unmount();
    const { getPlatform } = await import('@angular/core');
    getPlatform()?.destroy();
    for (const element of [...frames.splice(0), ...appRoots.splice(0)]) element.remove();
  });

  it('are the ones this file runs, each once', async () => {
    expect(await executeServerCommand('readme-snippet-names')).to.deep.equal(SNIPPETS);
  });

  it('host and viewer pages: the viewer sees the host, goes live, sees itself, and the host sees the viewer', async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    this.timeout(60000);
    const host = await liveHost();
    const viewerPage = await openSnippetPage('viewer-page');
    const viewer = roomIn(viewerPage);
    expect(viewer.userId, 'a user ID made up by the page').to.match(/^viewer_\w+$/);

    const hostInViewer = await framesFrom(viewer, 'host');
    await until(() => viewer.connectionState === 'joined', 'the viewer to join', TIMEOUT);
    await clickCoAnchorButton(viewer);

    const ownPreview = viewer.querySelector('trtc-local-stream') as TrtcLocalStreamElement | null;
    if (!ownPreview) throw new Error('the viewer page has no <trtc-local-stream>: a viewer on stage would not see itself');
    await until(() => ownPreview.active && videoIn(ownPreview) !== null, "the viewer's own preview", TIMEOUT);
    const preview = videoIn(ownPreview)!;
    await framesRendered(preview, 5);
    expect(preview.videoWidth, "the viewer's own picture").to.be.greaterThan(0);
    const viewerInHost = await framesFrom(host, viewer.userId!);
    expect(await axeViolations(viewerPage), 'the viewer page, live').to.deep.equal([]);
    expect(await axeViolations(frames[0]!.contentDocument!), 'the host page with a co-anchor').to.deep.equal([]);

    for (const element of [host, viewer]) expect(element.hasAttribute('user-sig'), 'no signature in the markup').to.equal(false);
    const captured = tracksOf(preview);
    const received = [...tracksOf(hostInViewer), ...tracksOf(viewerInHost)];
    expect(captured.length).to.be.greaterThan(0);
    await Promise.all([viewer.leave(), host.leave()]);
    expect(captured.map((track) => track.readyState), "the viewer's camera after leaving").to.deep.equal(captured.map(() => 'ended'));
    await until(() => received.every((track) => track.readyState === 'ended'), 'the received streams to end', TIMEOUT);
  });

  it('on-stage page: the preview first, then live; the mic toggle mutes and the host sees it; every control axe-clean', async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    this.timeout(60000);
    const host = await liveHost();
    const page = await openSnippetPage('on-stage-page');
    const viewer = roomIn(page);
    await framesFrom(viewer, 'host');
    await until(() => viewer.connectionState === 'joined', 'the viewer to join', TIMEOUT);
    const shadowOf = (selector: string) => viewer.querySelector(selector)!.shadowRoot!;
    const message = shadowOf('trtc-device-select[kind="camera"]').querySelector('[part~="message"]') as HTMLElement;
    const list = shadowOf('trtc-device-select[kind="camera"]').querySelector('select')!;
    // This browser may have allowed the camera already (an earlier page of this origin did): a list then.
    expect(!message.hidden || (!list.hidden && list.options.length > 0), 'a sentence or a filled list, never an empty box').to.equal(true);
    expect(await axeViolations(page), 'the page before the preview').to.deep.equal([]);

    (shadowOf('trtc-co-anchor-button').querySelector('button') as HTMLButtonElement).click();
    await until(() => viewer.coAnchorState === 'previewing' && viewer.state.localStream !== null, 'the preview', TIMEOUT);
    await until(() => viewer.state.devices.listed, 'the device lists', TIMEOUT);
    const cameras = shadowOf('trtc-device-select[kind="camera"]').querySelector('select')!;
    await until(() => !cameras.hidden && cameras.options.length > 0, 'the camera list', TIMEOUT);
    expect(await axeViolations(page), 'the page while previewing').to.deep.equal([]);

    await clickCoAnchorButton(viewer);
    const mic = shadowOf('trtc-mic-toggle').querySelector('button')!;
    mic.click();
    await until(() => viewer.state.localStream?.audioMuted === true, 'the mic to mute', TIMEOUT);
    const tile = () => [...host.querySelectorAll('trtc-remote-stream')].find((view) => view.getAttribute('stream-user-id') === viewer.userId);
    await until(() => tile()?.hasAttribute('audio-muted') === true, "the host's tile of the viewer to say muted", TIMEOUT);
    expect(mic.getAttribute('aria-pressed')).to.equal('true');
    expect(await axeViolations(page), 'the page live and muted').to.deep.equal([]);
  });

  it('Tencent Cloud page: asks its credentials-url and shows the failure when the server has no key', async () => {
    await executeServerCommand('readme-credentials-requests');
    const page = await openSnippetPage('cloud-viewer-page');
    const room = roomIn(page);
    await until(() => room.connectionState === 'failed', 'the room to fail', TIMEOUT);
    expect(room.state.error).to.include({ code: 'credentials-failed' });
    expect(await executeServerCommand('readme-credentials-requests'), 'what the server was asked').to.deep.equal([
      '/api/credentials?userId=viewer_42',
    ]);
    await room.updateComplete;
    const status = room.shadowRoot!.querySelector('[part~="status"]')!;
    // The server's own words (scripts/serve.mjs) reach the person and the event detail.
    const said = 'Set TRTC_SDK_APP_ID and TRTC_SECRET_KEY in the environment of the demo server to sign user signatures.';
    expect(status.textContent, 'the server message on the page').to.contain(said);
    expect(room.state.error?.serverMessage).to.equal(said);
    expect(room.state.error?.message).to.contain(said);
    expect(await axeViolations(page), 'the failed page').to.deep.equal([]);
    expect(room.hasAttribute('user-sig')).to.equal(false);
  });

  it('Vue: vite.config.js, main.js and App.vue, compiled as Vite does, join and show the host', async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    this.timeout(60000);
    await liveHost();
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      warnings.push(args.map(String).join(' '));
      warn(...args);
    };
    try {
      const app = document.createElement('div');
      app.id = 'app';
      document.body.append(app);
      appRoots.push(app);
      await import(new URL('/readme/vue/main.js', location.href).href);
      const viewer = roomIn(app);
      await until(() => app.textContent?.includes('Room: joined'), 'the page to show the state from @trtc-state-change', TIMEOUT);
      expect(viewer.userSig, '.userSig set the property').to.equal('loopback');
      expect(viewer.hasAttribute('user-sig')).to.equal(false);
      await framesFrom(viewer, 'host');
      expect(app.querySelector('trtc-local-stream'), 'the local preview is in the snippet').to.not.equal(null);
      expect(warnings.filter((text) => text.includes('[Vue warn]')), 'Vue warnings (isCustomElement from vite.config.js)').to.deep.equal([]);
    } finally {
      console.warn = warn;
    }
  });

  it('Angular: main.ts and app.component.ts bootstrap, join and show the host', async function () {
    requireWebRTC(this);
    requireMediaCapture(this);
    requireVideoFrameCallback(this);
    this.timeout(60000);
    await liveHost();
    const root = document.createElement('app-root');
    document.body.append(root);
    appRoots.push(root);
    await import(new URL('/readme/angular/main.ts', location.href).href);
    await until(() => root.querySelector('trtc-live-room') !== null, 'the component to render', TIMEOUT);
    const viewer = roomIn(root);
    await until(() => root.textContent?.includes('Room: joined'), 'the page to show the state from (trtc-state-change)', TIMEOUT);
    expect(viewer.userSig, '[userSig] set the property').to.equal('loopback');
    expect(viewer.hasAttribute('user-sig')).to.equal(false);
    await framesFrom(viewer, 'host');
    expect(root.querySelector('trtc-local-stream')).to.not.equal(null);
  });

  it('Angular: main.ts and app.component.ts type-check strictly against the built typings', async function () {
    this.timeout(60000);
    expect(await executeServerCommand('readme-angular-type-errors')).to.deep.equal([]);
  });

  it("Angular: allowedCommonJsDependencies names every CommonJS module in a bundle of the kit", async () => {
    const { inKit, allowed } = (await executeServerCommand('readme-commonjs')) as { inKit: string[]; allowed: string[] };
    expect(inKit, 'the bundle has CommonJS modules to name').to.not.deep.equal([]);
    expect(allowed).to.include.members(inKit);
  });
});
