import { expect } from '@open-wc/testing';
import { JoinSession } from '../../src/room/join-session.js';
import type { ValidRoomConfig } from '../../src/room/config.js';
import { until } from '../helpers/media.js';
import { ScriptedBackend, ScriptedRemoteStream } from './scripted-backend.js';

const CONFIG: ValidRoomConfig = { sdkAppId: 1400000000, roomId: 8888, userId: 'viewer', userSig: 's', role: 'audience', autoPublish: false, requests: null };

describe('JoinSession', () => {
  let backend: ScriptedBackend;
  let current: boolean;
  let session: JoinSession;

  beforeEach(() => {
    backend = new ScriptedBackend();
    current = true;
    session = new JoinSession(backend, backend.createClient({ mode: 'live', sdkAppId: 1, userId: 'viewer', userSig: 's' }), CONFIG, () => current);
  });

  it('follows the client only while it is the room’s session, and stops on release', () => {
    const seen: string[] = [];
    session.listen({ 'peer-join': ({ userId }) => seen.push(userId) });
    backend.client.events.emit('peer-join', { userId: 'a' });
    current = false;
    backend.client.events.emit('peer-join', { userId: 'b' });
    session.release();
    expect(seen).to.deep.equal(['a']);
    expect(backend.client.events.count).to.equal(0);
    expect(backend.client.destroyed).to.equal(true);
  });

  it('keeps remote streams by key in join order; one published again replaces the first, whose listeners go', () => {
    const first = new ScriptedRemoteStream('host');
    session.addRemote(first, () => ({ error: () => {} }));
    session.addRemote(new ScriptedRemoteStream('guest'), () => ({}));
    const again = new ScriptedRemoteStream('host');
    session.addRemote(again, () => ({ error: () => {} }));
    expect([...session.remote.keys()]).to.deep.equal(['guest:main', 'host:main']);
    expect(first.events.count).to.equal(0);
    expect(again.events.count).to.equal(1);
  });

  it('patches a snapshot only on a real change, into a new frozen one', () => {
    session.addRemote(new ScriptedRemoteStream('host'), () => ({}));
    const before = session.remote.get('host:main')!.snapshot;
    expect(session.patchRemote('host:main', { audioMuted: false })).to.equal(undefined);
    const changed = session.patchRemote('host:main', { audioMuted: true })!;
    expect(changed.previous).to.equal(before);
    expect(changed.entry.snapshot).to.include({ audioMuted: true });
    expect(Object.isFrozen(changed.entry.snapshot)).to.equal(true);
    expect(session.patchRemote('nobody:main', { audioMuted: true })).to.equal(undefined);
  });

  it('on release while still in the room, leaves before destroying the client, and returns what it dropped', async () => {
    await backend.client.join({ roomId: 8888 });
    session.joined = true;
    const stream = new ScriptedRemoteStream('host');
    session.addRemote(stream, () => ({ error: () => {} }));
    const dropped = session.release();
    expect(dropped.map((entry) => entry.snapshot.key)).to.deep.equal(['host:main']);
    expect(stream.events.count).to.equal(0);
    await until(() => backend.client.destroyed, 'the client to be destroyed after leaving');
    expect(backend.client.calls).to.deep.equal(['join', 'leave']);
  });
});
