import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/index.js';
import './fake-room-controller.js';
import type {
  TrtcCameraToggleElement,
  TrtcCoAnchorButtonElement,
  TrtcDeviceSelectElement,
  TrtcLocalStreamElement,
  TrtcMicToggleElement,
  TrtcNetworkQualityElement,
  TrtcRemoteStreamElement,
} from '../../src/index.js';
import { NO_DEVICES } from '../../src/room/local-media.js';
import type { DeviceState, LiveRoomState, LocalStreamSnapshot } from '../../src/room/types.js';
import { remoteSnapshot, type FakeLiveRoomElement } from './fake-room-controller.js';

const LIVE: LocalStreamSnapshot = Object.freeze({ hasAudio: true, hasVideo: true, published: true, audioMuted: false, videoMuted: false });
const LISTED: DeviceState = Object.freeze({
  ...NO_DEVICES,
  listed: true,
  cameras: [
    { deviceId: 'cam-a', label: 'Front camera' },
    { deviceId: 'cam-b', label: 'Back camera' },
  ],
  microphones: [{ deviceId: 'mic-a', label: 'Built-in microphone' }],
  cameraId: 'cam-a',
});

async function room(children: ReturnType<typeof html>, lang = 'en') {
  const element = await fixture<FakeLiveRoomElement>(html`<fake-live-room manual lang=${lang}>${children}</fake-live-room>`);
  await element.updateComplete;
  return element;
}

async function update(element: FakeLiveRoomElement, patch: Partial<LiveRoomState>, ...hosts: { updateComplete: Promise<boolean> }[]) {
  element.fake.setState(patch);
  for (const host of hosts) await host.updateComplete;
}

const shadow = (host: Element, selector: string) => host.shadowRoot!.querySelector<HTMLElement>(selector)!;

describe('on-stage controls', () => {
  describe('<trtc-mic-toggle> and <trtc-camera-toggle>', () => {
    it('are inert with a visible reason while there is nothing to mute, then mute and unmute', async () => {
      const element = await room(html`<trtc-mic-toggle></trtc-mic-toggle><trtc-camera-toggle></trtc-camera-toggle>`);
      const mic = element.querySelector<TrtcMicToggleElement>('trtc-mic-toggle')!;
      const camera = element.querySelector<TrtcCameraToggleElement>('trtc-camera-toggle')!;
      const micButton = shadow(mic, 'button') as HTMLButtonElement;
      expect(micButton.getAttribute('part')).to.equal('button');
      expect(micButton.getAttribute('aria-disabled')).to.equal('true');
      expect(shadow(mic, '[part~="hint"]').textContent).to.equal('Your camera and microphone are off until you preview or go live.');
      expect(shadow(mic, '[part~="hint"]').hidden).to.equal(false);
      micButton.click();
      expect(element.fake.calls).to.deep.equal([]);
      await expect(mic).to.be.accessible();

      await update(element, { coAnchorState: 'live', localStream: LIVE }, mic, camera);
      expect(micButton.getAttribute('aria-disabled')).to.equal('false');
      expect(micButton.getAttribute('aria-pressed')).to.equal('false');
      expect(micButton.textContent!.trim()).to.equal('Mute microphone');
      expect(shadow(camera, 'button').textContent!.trim()).to.equal('Turn camera off');
      await expect(mic).to.be.accessible();
      micButton.click();
      shadow(camera, 'button').click();
      expect(element.fake.calls).to.deep.equal(['setMicrophoneEnabled:false', 'setCameraEnabled:false']);

      await update(element, { localStream: { ...LIVE, audioMuted: true, videoMuted: true } }, mic, camera);
      expect(mic.hasAttribute('muted')).to.equal(true);
      expect(camera.hasAttribute('muted')).to.equal(true);
      expect(micButton.getAttribute('aria-pressed')).to.equal('true');
      expect(micButton.textContent!.trim()).to.equal('Unmute microphone');
      expect(shadow(camera, 'button').textContent!.trim()).to.equal('Turn camera on');
      await expect(camera).to.be.accessible();
      // The keyboard: focus and Enter, as a keyboard user would.
      micButton.focus();
      await sendKeys({ press: 'Enter' });
      expect(element.fake.calls.at(-1)).to.equal('setMicrophoneEnabled:true');
    });

    it('the camera toggle is inert when going live without video', async () => {
      const element = await room(html`<trtc-camera-toggle></trtc-camera-toggle>`);
      const camera = element.querySelector<TrtcCameraToggleElement>('trtc-camera-toggle')!;
      await update(element, { coAnchorState: 'live', localStream: { ...LIVE, hasVideo: false } }, camera);
      expect(shadow(camera, 'button').getAttribute('aria-disabled')).to.equal('true');
      shadow(camera, 'button').click();
      expect(element.fake.calls).to.deep.equal([]);
    });

    it('outside a room say so, in Chinese too', async () => {
      const mic = await fixture<TrtcMicToggleElement>(html`<trtc-mic-toggle></trtc-mic-toggle>`);
      expect(shadow(mic, '[part~="hint"]').textContent).to.equal('Not connected to a live room.');
      await expect(mic).to.be.accessible();
      const zh = await fixture<TrtcCameraToggleElement>(html`<trtc-camera-toggle lang="zh-CN"></trtc-camera-toggle>`);
      await zh.updateComplete;
      expect(shadow(zh, '[part~="hint"]').textContent).to.equal('未连接到直播间。');
      expect(shadow(zh, 'button').textContent!.trim()).to.equal('关闭摄像头');
      await expect(zh).to.be.accessible();
    });
  });

  describe('<trtc-device-select>', () => {
    it('says the list fills once the camera is allowed, then lists, follows changes and chooses', async () => {
      const element = await room(html`<trtc-device-select kind="camera"></trtc-device-select>`);
      const select = element.querySelector<TrtcDeviceSelectElement>('trtc-device-select')!;
      const native = shadow(select, 'select') as HTMLSelectElement;
      expect(native.getAttribute('part')).to.equal('select');
      expect(native.hidden, 'no empty box').to.equal(true);
      expect(shadow(select, '[part~="message"]').textContent).to.equal('The list fills once you allow the camera and microphone.');
      await expect(select).to.be.accessible();

      await update(element, { devices: LISTED }, select);
      expect(native.hidden).to.equal(false);
      expect([...native.options].map((option) => option.textContent)).to.deep.equal(['Front camera', 'Back camera']);
      expect(native.value).to.equal('cam-a');
      expect(shadow(select, '[part~="message"]').hidden).to.equal(true);
      expect(shadow(select, 'label').textContent).to.equal('Camera');
      await expect(select).to.be.accessible();

      native.value = 'cam-b';
      native.dispatchEvent(new Event('change'));
      expect(element.fake.calls).to.deep.equal(['selectDevice:camera:cam-b']);
      // The room kept the old one (say the choice failed): the list shows the device in use.
      await new Promise((resolve) => setTimeout(resolve));
      expect(native.value).to.equal('cam-a');

      // A camera plugged in: the list follows.
      await update(element, { devices: { ...LISTED, cameras: [...LISTED.cameras, { deviceId: 'cam-c', label: '' }] } }, select);
      expect([...native.options].map((option) => option.textContent)).to.deep.equal(['Front camera', 'Back camera', 'Device 3']);
    });

    it('a kind that is not one says so; a speaker the browser cannot choose says so', async () => {
      const element = await room(html`<trtc-device-select kind="bogus"></trtc-device-select><trtc-device-select kind="speaker"></trtc-device-select>`);
      const [bogus, speaker] = element.querySelectorAll<TrtcDeviceSelectElement>('trtc-device-select');
      await update(element, { devices: { ...LISTED, speakerSelectable: false } }, bogus, speaker);
      expect(shadow(bogus, '[part~="message"]').textContent).to.equal('“bogus” is not a device kind: use camera, microphone or speaker.');
      expect((shadow(bogus, 'select') as HTMLSelectElement).hidden).to.equal(true);
      expect(shadow(speaker, '[part~="message"]').textContent).to.equal('This browser plays sound on its default speaker and cannot choose another.');
      await expect(bogus).to.be.accessible();
      await expect(speaker).to.be.accessible();
    });

    it('in Chinese', async () => {
      const element = await room(html`<trtc-device-select kind="microphone"></trtc-device-select>`, 'zh-CN');
      const select = element.querySelector<TrtcDeviceSelectElement>('trtc-device-select')!;
      await select.updateComplete;
      expect(shadow(select, 'label').textContent).to.equal('麦克风');
      expect(shadow(select, '[part~="message"]').textContent).to.equal('允许使用摄像头和麦克风后，这里会列出设备。');
      await expect(select).to.be.accessible();
      await update(element, { devices: LISTED }, select);
      await expect(select).to.be.accessible();
    });
  });

  describe('<trtc-network-quality>', () => {
    it('reflects the worse of uplink and downlink, with a label', async () => {
      const element = await room(html`<trtc-network-quality></trtc-network-quality>`);
      const bars = element.querySelector<TrtcNetworkQualityElement>('trtc-network-quality')!;
      expect(bars.getAttribute('quality')).to.equal('unknown');
      expect(shadow(bars, '[part~="base"]').getAttribute('aria-label')).to.equal('Network: unknown');
      expect(shadow(bars, '[part~="bars"]')).to.exist;
      await expect(bars).to.be.accessible();
      const names = ['unknown', 'excellent', 'good', 'poor', 'bad', 'very-bad', 'down'];
      for (const [downlink, name] of names.entries()) {
        await update(element, { networkQuality: { uplink: 1, downlink: downlink as 0 } }, bars);
        expect(bars.getAttribute('quality')).to.equal(downlink === 0 ? 'excellent' : name);
      }
      await update(element, { networkQuality: { uplink: 3, downlink: 1 } }, bars);
      expect(bars.getAttribute('quality')).to.equal('poor');
      expect(shadow(bars, '[part~="base"]').getAttribute('aria-label')).to.equal('Network: poor');
      expect(bars.shadowRoot!.querySelectorAll('.bar.lit')).to.have.length(2);
      await expect(bars).to.be.accessible();
    });

    it('in Chinese', async () => {
      const element = await room(html`<trtc-network-quality></trtc-network-quality>`, 'zh-CN');
      const bars = element.querySelector<TrtcNetworkQualityElement>('trtc-network-quality')!;
      await update(element, { networkQuality: { uplink: 2, downlink: 2 } }, bars);
      expect(shadow(bars, '[part~="base"]').getAttribute('aria-label')).to.equal('网络：良好');
      await expect(bars).to.be.accessible();
    });
  });

  describe('tile indicators', () => {
    it('a remote tile reflects muted and speaking, with a badge and a named camera-off placeholder', async () => {
      const element = await room(html`<trtc-remote-stream user-id="host"></trtc-remote-stream>`);
      const tile = element.querySelector<TrtcRemoteStreamElement>('trtc-remote-stream')!;
      await update(element, { remoteStreams: [remoteSnapshot('host')] }, tile);
      element.fake.remoteViews[0].show(remoteSnapshot('host'));
      await tile.updateComplete;
      expect(tile.hasAttribute('audio-muted')).to.equal(false);
      expect(shadow(tile, '[part~="mic-muted"]').hidden).to.equal(true);
      element.fake.remoteViews[0].show(remoteSnapshot('host', { audioMuted: true, videoMuted: true }));
      await tile.updateComplete;
      expect(tile.hasAttribute('audio-muted')).to.equal(true);
      expect(tile.hasAttribute('video-muted')).to.equal(true);
      expect(shadow(tile, '[part~="mic-muted"]').hidden).to.equal(false);
      expect(shadow(tile, '[part~="mic-muted"]').getAttribute('aria-label')).to.equal('Microphone muted');
      expect(shadow(tile, '[part~="camera-off"]').textContent).to.equal('host has turned the camera off');
      await expect(tile).to.be.accessible();
      element.fake.remoteViews[0].show(remoteSnapshot('host', { speaking: true }));
      await tile.updateComplete;
      expect(tile.hasAttribute('speaking')).to.equal(true);
      expect(getComputedStyle(shadow(tile, '[part~="base"]')).outlineStyle).to.equal('solid');
      await expect(tile).to.be.accessible();
    });

    it('the local tile reflects your mutes', async () => {
      const element = await room(html`<trtc-local-stream></trtc-local-stream>`);
      const tile = element.querySelector<TrtcLocalStreamElement>('trtc-local-stream')!;
      await update(element, { coAnchorState: 'previewing', localStream: { ...LIVE, published: false, audioMuted: true, videoMuted: true } }, tile);
      element.fake.localViews[0].show(true);
      await tile.updateComplete;
      expect(tile.hasAttribute('audio-muted')).to.equal(true);
      expect(tile.hasAttribute('video-muted')).to.equal(true);
      expect(shadow(tile, '[part~="camera-off"]').textContent).to.equal('Your camera is off');
      expect(shadow(tile, '[part~="mic-muted"]').hidden).to.equal(false);
      await expect(tile).to.be.accessible();
    });
  });

  describe('<trtc-co-anchor-button preview>', () => {
    it('opens the preview first (even before joining), then goes live', async () => {
      const element = await room(html`<trtc-co-anchor-button preview></trtc-co-anchor-button>`);
      const button = element.querySelector<TrtcCoAnchorButtonElement>('trtc-co-anchor-button')!;
      const native = shadow(button, 'button');
      expect(native.textContent!.trim()).to.equal('Check camera and mic');
      expect(native.getAttribute('aria-disabled')).to.equal('false');
      await expect(button).to.be.accessible();
      native.click();
      expect(element.fake.calls).to.deep.equal(['startPreview']);
      await update(element, { coAnchorState: 'previewing', localStream: { ...LIVE, published: false } }, button);
      expect(native.textContent!.trim()).to.equal('Go live');
      expect(native.getAttribute('aria-disabled'), 'not joined yet').to.equal('true');
      await update(element, { connectionState: 'joined', canPublish: true }, button);
      expect(native.getAttribute('aria-disabled')).to.equal('false');
      await expect(button).to.be.accessible();
      native.click();
      expect(element.fake.calls).to.deep.equal(['startPreview', 'startCoAnchor']);
    });

    it('preview="false" goes live at once', async () => {
      const element = await room(html`<trtc-co-anchor-button preview="false"></trtc-co-anchor-button>`);
      const button = element.querySelector<TrtcCoAnchorButtonElement>('trtc-co-anchor-button')!;
      await update(element, { connectionState: 'joined', canPublish: true }, button);
      shadow(button, 'button').click();
      expect(element.fake.calls).to.deep.equal(['startCoAnchor']);
    });
  });

  describe('the default layout', () => {
    for (const lang of ['en', 'zh-CN']) {
      it(`shows the preview, toggles, device lists and network bars while previewing and live (${lang})`, async () => {
        const element = await room(html``, lang);
        const root = element.shadowRoot!;
        expect(root.querySelector('[part~="controls"]')).to.equal(null);
        for (const coAnchorState of ['previewing', 'live'] as const) {
          await update(element, { connectionState: 'joined', coAnchorState, localStream: { ...LIVE, published: coAnchorState === 'live' }, devices: LISTED }, element);
          const controls = root.querySelector('[part~="controls"]')!;
          const toolbar = root.querySelector('[part~="toolbar"]')!;
          expect(root.querySelector('trtc-local-stream')).to.exist;
          expect(toolbar.querySelector('trtc-mic-toggle')).to.exist;
          expect(toolbar.querySelector('trtc-camera-toggle')).to.exist;
          expect(toolbar.querySelector('trtc-network-quality')).to.exist;
          const kinds = [...controls.querySelectorAll('trtc-device-select')].map((select) => select.getAttribute('kind'));
          expect(kinds).to.deep.equal(LISTED.speakerSelectable ? ['camera', 'microphone', 'speaker'] : ['camera', 'microphone']);
          for (const child of root.querySelectorAll<HTMLElement & { updateComplete: Promise<boolean> }>('[part~="layout"] *')) await child.updateComplete;
          await expect(element).to.be.accessible();
        }
        // The video comes before the controls, so a phone shows it first.
        const grid = root.querySelector('[part~="grid"]')!;
        expect(grid.compareDocumentPosition(root.querySelector('[part~="controls"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
        expect(grid.compareDocumentPosition(root.querySelector('trtc-mic-toggle')!) & Node.DOCUMENT_POSITION_FOLLOWING).to.not.equal(0);
        await update(element, { coAnchorState: 'idle', localStream: null }, element);
        expect(root.querySelector('[part~="controls"]')).to.equal(null);
        expect(root.querySelector('trtc-mic-toggle')).to.equal(null);
      });
    }
  });
});
