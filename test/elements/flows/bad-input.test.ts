/**
 * Every bad setting a page author can write on `<trtc-live-room>`, in English and Chinese: the room
 * fails before touching any SDK, reports exactly one `invalid-config` naming the attribute, and
 * says what is wrong in its status line. Validation needs no WebRTC, so this runs in every engine.
 */
import { expect } from '@open-wc/testing';
import type { TrtcLiveRoomElement } from '../../../src/index.js';
import type { ConfigField } from '../../../src/room/types.js';
import { requireWebRTC } from '../../helpers/features.js';
import { liveCapturedTracks, openPeerConnections } from '../../helpers/leaks.js';
import { until } from '../../helpers/media.js';
import {
  EventRecord,
  freshRoomId,
  nativeButton,
  part,
  reaches,
  SDK_APP_ID,
  sdkListeners,
  settle,
  SIGNATURE,
  Stage,
  statusOf,
  expectAccessible,
} from './flow-fixture.js';

/** Attributes to change from a valid room (`null` removes one), and the signature to set. */
interface BadInput {
  what: string;
  attributes?: Record<string, string | null>;
  userSig?: string | null;
  field: ConfigField;
}

const CASES: BadInput[] = [
  { what: 'no sdk-app-id', attributes: { 'sdk-app-id': null }, field: 'sdk-app-id' },
  { what: 'a non-numeric sdk-app-id', attributes: { 'sdk-app-id': '14000abc' }, field: 'sdk-app-id' },
  { what: 'sdk-app-id 0', attributes: { 'sdk-app-id': '0' }, field: 'sdk-app-id' },
  { what: 'a negative sdk-app-id', attributes: { 'sdk-app-id': '-1400000000' }, field: 'sdk-app-id' },
  { what: 'a fractional sdk-app-id', attributes: { 'sdk-app-id': '1400000000.5' }, field: 'sdk-app-id' },
  { what: 'no room-id', attributes: { 'room-id': null }, field: 'room-id' },
  { what: 'an empty room-id', attributes: { 'room-id': '' }, field: 'room-id' },
  { what: 'room-id 0', attributes: { 'room-id': '0' }, field: 'room-id' },
  { what: 'a numeric room-id beyond 4294967294', attributes: { 'room-id': '4294967295' }, field: 'room-id' },
  { what: 'a room-id with a slash', attributes: { 'room-id': 'room/1' }, field: 'room-id' },
  { what: 'a room-id of 65 characters', attributes: { 'room-id': 'r'.repeat(65) }, field: 'room-id' },
  { what: 'no user-id', attributes: { 'user-id': null }, field: 'user-id' },
  { what: 'a user-id with a space', attributes: { 'user-id': 'viewer 42' }, field: 'user-id' },
  { what: 'a user-id with an @', attributes: { 'user-id': 'viewer@42' }, field: 'user-id' },
  { what: 'a user-id of 33 characters', attributes: { 'user-id': 'u'.repeat(33) }, field: 'user-id' },
  // Loopback needs no signature; the real SDK does, and the room says so before loading it.
  { what: 'no signature', attributes: { backend: 'trtc' }, userSig: null, field: 'user-sig' },
  { what: 'a blank signature', attributes: { backend: 'trtc' }, userSig: '   ', field: 'user-sig' },
  { what: 'an unknown backend', attributes: { backend: 'webrtc' }, field: 'backend' },
  { what: 'an empty backend', attributes: { backend: '' }, field: 'backend' },
  { what: 'an unknown user-role', attributes: { 'user-role': 'host' }, field: 'user-role' },
];

const SHOWN: Record<'en' | 'zh-CN', Partial<Record<ConfigField, string>>> = {
  en: {
    'sdk-app-id': 'The SDKAppID is not valid.',
    'room-id': 'The room ID is not valid.',
    'user-id': 'The user ID is not valid.',
    'user-sig': 'The user signature is missing.',
    'user-role': 'The user role must be “audience” or “anchor”.',
    backend: 'The backend must be “trtc”, “trtc-v5” or “loopback”.',
  },
  'zh-CN': {
    'sdk-app-id': 'SDKAppID 无效。',
    'room-id': '房间号无效。',
    'user-id': '用户 ID 无效。',
    'user-sig': '缺少用户签名（UserSig）。',
    'user-role': '用户角色必须是 “audience” 或 “anchor”。',
    backend: '后端必须是 “trtc”、“trtc-v5” 或 “loopback”。',
  },
};

/** What the co-anchor button says once the room has failed: not that joining is still under way. */
const ROOM_FAILED = { en: 'The room could not be joined.', 'zh-CN': '无法进入房间。' };

describe('bad settings on <trtc-live-room>', function () {
  this.timeout(30000);
  const stage = new Stage();

  before(() => stage.install());
  beforeEach(() => stage.setUp());
  afterEach(() => stage.tearDown());

  /** A room with valid settings but for `input`, in the default layout, added to the page. */
  function badRoom(input: BadInput, lang: string): TrtcLiveRoomElement {
    const room = document.createElement('trtc-live-room');
    const attributes: Record<string, string | null> = {
      lang,
      backend: 'loopback',
      'sdk-app-id': SDK_APP_ID,
      'room-id': freshRoomId('bad'),
      'user-id': 'viewer',
      ...input.attributes,
    };
    for (const [name, value] of Object.entries(attributes)) if (value !== null) room.setAttribute(name, value);
    const userSig = 'userSig' in input ? input.userSig : SIGNATURE;
    if (userSig !== null && userSig !== undefined) room.userSig = userSig;
    return room;
  }

  for (const lang of ['en', 'zh-CN'] as const) {
    for (const input of CASES) {
      it(`${lang}: ${input.what} fails with invalid-config (${input.field}), shown in the status line`, async () => {
        const room = badRoom(input, lang);
        const events = new EventRecord(room);
        stage.container.append(room);
        stage.adopt();
        await reaches(room, 'failed');
        await settle();
        await room.updateComplete;

        const errors = events.of('trtc-error');
        expect(errors, 'exactly one trtc-error').to.have.length(1);
        expect(errors[0]).to.include({ code: 'invalid-config', field: input.field, recoverable: false });
        expect(room.state.error).to.deep.equal(errors[0]);
        expect(events.trace(), 'nothing else happened').to.deep.equal(['trtc-error']);
        expect(room.getAttribute('connection-state')).to.equal('failed');

        const status = statusOf(room);
        expect(status.text).to.equal(SHOWN[lang][input.field]);
        expect(status.visible, 'the message is visible').to.equal(true);
        expect(part(room, 'status')!.classList.contains('error'), 'shown as a problem').to.equal(true);
        const button = room.shadowRoot!.querySelector('trtc-co-anchor-button')!;
        await until(() => nativeButton(button).getAttribute('aria-disabled') === 'true', 'the button to be unavailable');
        expect(part(button, 'hint')!.textContent).to.equal(ROOM_FAILED[lang]);
        await expectAccessible(room);

        // Nothing was started: no connection, no camera, no SDK client listening.
        expect(openPeerConnections()).to.have.length(0);
        expect(liveCapturedTracks()).to.have.length(0);
        expect(sdkListeners()).to.equal(0);
        if (room.userSig?.trim()) {
          expect(room.outerHTML + room.shadowRoot!.innerHTML, 'the signature stays out of the page').not.to.include(room.userSig);
          expect(JSON.stringify(events.events)).not.to.include(room.userSig);
        }
      });
    }
  }

  it('joins once the setting is fixed, and the message goes', async function () {
    requireWebRTC(this);
    const room = badRoom({ what: 'room-id 0', attributes: { 'room-id': '0' }, field: 'room-id' }, 'en');
    const events = new EventRecord(room);
    stage.container.append(room);
    stage.adopt();
    await reaches(room, 'failed');
    room.setAttribute('room-id', freshRoomId('fixed'));
    await reaches(room, 'joined');
    expect(statusOf(room).text).to.equal('');
    expect(room.state.error).to.equal(null);
    expect(events.of('trtc-error')).to.have.length(1);
    expect(events.of('trtc-joined')).to.have.length(1);
    await expectAccessible(room);
  });
});

