/**
 * What the room does with signatures and the credentials server's words: masking never makes a
 * message unreadable, loopback needs no signature (the real SDK does), and the message of a
 * credentials endpoint's error answer reaches the page author's event detail.
 */
import { expect } from '@open-wc/testing';
import { MIN_MASKED_SECRET_LENGTH } from '../../src/backends/secrets.js';
import { errorDetail } from '../../src/room/errors.js';
import { LiveRoomController } from '../../src/room/live-room-controller.js';
import type { LiveRoomErrorDetail } from '../../src/room/types.js';
import { requireWebRTC } from '../helpers/features.js';
import { liveCapturedTracks, openPeerConnections, watchMediaResources } from '../helpers/leaks.js';
import { ScriptedBackend } from './scripted-backend.js';

const REAL_LOOKING_SIGNATURE = 'eJwtzEELgjAYBuC-8p2X4TYLd4xu2UGiS4dIvutrDZ1u1qR-n2I9vL-';

function errorsOf(controller: LiveRoomController): LiveRoomErrorDetail[] {
  const errors: LiveRoomErrorDetail[] = [];
  controller.listen((event) => event.type === 'trtc-error' && errors.push(event.detail));
  return errors;
}

describe('signatures and messages', () => {
  let controller: LiveRoomController | undefined;

  before(() => watchMediaResources());

  afterEach(async () => {
    await controller?.dispose();
    controller = undefined;
    expect(openPeerConnections(), 'peer connections left open').to.have.length(0);
    expect(liveCapturedTracks(), 'tracks left live').to.have.length(0);
  });

  describe('masking', () => {
    it('leaves a message readable when the signature is a short test value', () => {
      const cause = new Error('Failed to fetch dynamically imported module: https://cdn.example.test/assets/trtc/chunks/trtc.esm-x.js');
      const { message } = errorDetail('join-failed', cause, ['s']);
      expect(message).to.contain('https://cdn.example.test/assets/trtc/chunks/trtc.esm-x.js');
      expect(message).not.to.contain('***');
    });

    it('masks a signature long enough to be a real one, wherever it appears', () => {
      expect(REAL_LOOKING_SIGNATURE.length).to.be.at.least(MIN_MASKED_SECRET_LENGTH);
      const cause = new Error(`bad userSig ${REAL_LOOKING_SIGNATURE} (again: ${REAL_LOOKING_SIGNATURE})`);
      const { message } = errorDetail('join-failed', cause, ['s', REAL_LOOKING_SIGNATURE]);
      expect(message).not.to.contain(REAL_LOOKING_SIGNATURE);
      expect(message).to.contain('bad userSig *** (again: ***)');
    });
  });

  describe('no signature', () => {
    it('a loopback room joins without one', async function () {
      requireWebRTC(this);
      controller = new LiveRoomController({ backend: 'loopback' });
      const errors = errorsOf(controller);
      controller.configure({ sdkAppId: '1400000000', roomId: `unsigned_${crypto.randomUUID().slice(0, 8)}`, userId: 'viewer_1' });
      await controller.join();
      expect(errors).to.deep.equal([]);
      expect(controller.state.connectionState).to.equal('joined');
    });

    it('a room on the real SDK still requires one, before loading it', async () => {
      controller = new LiveRoomController({ backend: 'trtc' });
      const errors = errorsOf(controller);
      controller.configure({ sdkAppId: '1400000000', roomId: '8888', userId: 'viewer_1' });
      await controller.join();
      expect(controller.state.connectionState).to.equal('failed');
      expect(errors.map(({ code, field }) => ({ code, field }))).to.deep.equal([{ code: 'invalid-config', field: 'user-sig' }]);
      expect(performance.getEntriesByType('resource').some((entry) => entry.name.includes('trtc.esm')), 'the SDK loaded').to.equal(false);
    });

    it('an SDK given as a namespace answers for itself: it still gets asked for one', async () => {
      const backend = new ScriptedBackend();
      controller = new LiveRoomController({ sdk: backend, backend: 'loopback' });
      const errors = errorsOf(controller);
      controller.configure({ sdkAppId: '1400000000', roomId: '8888', userId: 'viewer_1' });
      await controller.join();
      expect(errors.map(({ code, field }) => ({ code, field }))).to.deep.equal([{ code: 'invalid-config', field: 'user-sig' }]);
      expect(backend.clients).to.have.length(0);
    });
  });

  describe("the credentials server's message", () => {
    function answering(status: number, body: unknown): typeof fetch {
      return async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    }

    it('reaches the event detail and the state', async () => {
      const said = 'Set TRTC_SDK_APP_ID and TRTC_SECRET_KEY in the environment of the demo server.';
      controller = new LiveRoomController({ sdk: new ScriptedBackend(), fetch: answering(503, { error: 'credentials-unavailable', message: said }) });
      const errors = errorsOf(controller);
      controller.configure({ roomId: '8888', credentialsUrl: '/api/credentials' });
      await controller.join();
      expect(errors).to.have.length(1);
      expect(errors[0]).to.include({ code: 'credentials-failed', serverMessage: said, recoverable: true });
      expect(errors[0]!.message).to.contain(said).and.to.contain('503');
      expect(controller.state.error).to.equal(errors[0]);
    });

    it('never carries the signature, even when the server echoes it', async () => {
      const fetcher = answering(401, { message: `userSig ${REAL_LOOKING_SIGNATURE} has expired` });
      controller = new LiveRoomController({ sdk: new ScriptedBackend(), fetch: fetcher });
      const errors = errorsOf(controller);
      controller.configure({ roomId: '8888', credentialsUrl: '/api/credentials', userSig: REAL_LOOKING_SIGNATURE });
      await controller.join();
      expect(JSON.stringify(errors)).not.to.contain(REAL_LOOKING_SIGNATURE);
      expect(errors[0]!.serverMessage).to.equal('userSig *** has expired');
    });

    it('is left out when the error answer is not JSON with a message', async () => {
      controller = new LiveRoomController({ sdk: new ScriptedBackend(), fetch: async () => new Response('<h1>Bad gateway</h1>', { status: 502 }) });
      const errors = errorsOf(controller);
      controller.configure({ roomId: '8888', credentialsUrl: '/api/credentials' });
      await controller.join();
      expect(errors[0]).to.include({ code: 'credentials-failed' });
      expect(errors[0]).not.to.have.property('serverMessage');
    });
  });
});
