import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import {
  encodeMessage,
  IgnoredMessages,
  isHostMessage,
  isRequestId,
  isViewerMessage,
  MAX_MESSAGE_LENGTH,
  newRequestId,
  parseMessage,
  PROTOCOL_NAME,
  PROTOCOL_VERSION,
} from '../../src/signaling/protocol.js';
import type { CoAnchorMessage } from '../../src/signaling/protocol.js';

const requestIdArbitrary = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const roomArbitrary = fc.oneof(fc.integer({ min: 1, max: 4294967294 }), fc.string({ minLength: 1, maxLength: 64 }));
const messageArbitrary: fc.Arbitrary<CoAnchorMessage> = fc.oneof(
  fc.record({ kind: fc.constantFrom('request', 'cancel', 'leave-stage', 'approve', 'remove' as const), requestId: requestIdArbitrary }),
  fc.record({ kind: fc.constant('deny' as const), requestId: requestIdArbitrary, reason: fc.constantFrom('denied', 'full' as const) }),
  fc.constant({ kind: 'host-left' as const }),
);

/** A valid message's fields as JSON would carry them, for mutating. */
function fieldsOf(room: number | string, message: CoAnchorMessage): Record<string, unknown> {
  return JSON.parse(encodeMessage(room, message)) as Record<string, unknown>;
}

describe('co-anchor protocol', () => {
  it('round-trips every valid message of every room', () => {
    fc.assert(
      fc.property(roomArbitrary, messageArbitrary, (room, message) => {
        const ignored = new IgnoredMessages();
        expect(parseMessage(encodeMessage(room, message), room, ignored)).to.deep.equal(message);
        expect(ignored.total).to.equal(0);
      }),
    );
  });

  it('never throws on arbitrary input, and counts every null it returns', () => {
    fc.assert(
      fc.property(fc.anything(), roomArbitrary, (data, room) => {
        const ignored = new IgnoredMessages();
        const result = parseMessage(data, room, ignored);
        expect(result).to.equal(null);
        expect(ignored.total).to.equal(1);
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.jsonValue().map((value) => JSON.stringify(value))), roomArbitrary, (data, room) => {
        const ignored = new IgnoredMessages();
        const result = parseMessage(data, room, ignored);
        expect(ignored.total).to.equal(result === null ? 1 : 0);
      }),
    );
  });

  it('ignores a valid message with any one field changed to an arbitrary value, unless the change keeps it valid', () => {
    fc.assert(
      fc.property(
        roomArbitrary,
        messageArbitrary,
        fc.constantFrom('protocol', 'version', 'room', 'kind', 'requestId', 'reason'),
        fc.jsonValue(),
        (room, message, field, value) => {
          const fields = { ...fieldsOf(room, message), [field]: value };
          const ignored = new IgnoredMessages();
          const result = parseMessage(JSON.stringify(fields), room, ignored);
          if (result === null) {
            expect(ignored.total).to.equal(1);
          } else {
            // Whatever came through is a message of this protocol that re-encodes to itself.
            expect(parseMessage(encodeMessage(room, result), room)).to.deep.equal(result);
          }
        },
      ),
    );
  });

  it('counts each kind of ignored message under its reason', () => {
    const ignored = new IgnoredMessages();
    const valid = fieldsOf(8888, { kind: 'request', requestId: 'r1' });
    const cases: [unknown, string][] = [
      [42, 'not-text'],
      [`"${'x'.repeat(MAX_MESSAGE_LENGTH)}"`, 'oversized'],
      ['{not json', 'malformed'],
      ['[1,2]', 'malformed'],
      [JSON.stringify({ ...valid, protocol: 'someone-else/co-anchor' }), 'unknown-protocol'],
      [JSON.stringify({ ...valid, version: PROTOCOL_VERSION + 1 }), 'unknown-version'],
      [JSON.stringify({ ...valid, room: 9999 }), 'other-room'],
      [JSON.stringify({ ...valid, room: '8888' }), 'other-room'],
      [JSON.stringify({ ...valid, kind: 'promote-to-host' }), 'unknown-kind'],
      [JSON.stringify({ ...valid, requestId: '' }), 'malformed'],
      [JSON.stringify({ ...fieldsOf(8888, { kind: 'deny', requestId: 'r1', reason: 'full' }), reason: 'bored' }), 'malformed'],
    ];
    for (const [data, reason] of cases) expect(parseMessage(data, 8888, ignored), reason).to.equal(null);
    expect(ignored.total).to.equal(cases.length);
    expect(ignored.count('not-text')).to.equal(1);
    expect(ignored.count('oversized')).to.equal(1);
    expect(ignored.count('malformed')).to.equal(4);
    expect(ignored.count('unknown-protocol')).to.equal(1);
    expect(ignored.count('unknown-version')).to.equal(1);
    expect(ignored.count('other-room')).to.equal(2);
    expect(ignored.count('unknown-kind')).to.equal(1);
  });

  it('takes nothing from a message but its kind, id and reason: a claimed sender or extra field is dropped', () => {
    const data = JSON.stringify({ ...fieldsOf(8888, { kind: 'approve', requestId: 'r1' }), from: 'host', userId: 'host' });
    expect(parseMessage(data, 8888)).to.deep.equal({ kind: 'approve', requestId: 'r1' });
  });

  it('carries its name and version in every message', () => {
    expect(fieldsOf('lobby', { kind: 'host-left' })).to.deep.equal({
      protocol: PROTOCOL_NAME,
      version: PROTOCOL_VERSION,
      room: 'lobby',
      kind: 'host-left',
    });
  });

  it('keeps a maximal valid message under the size limit', () => {
    const longest = encodeMessage('r'.repeat(64), { kind: 'leave-stage', requestId: 'x'.repeat(64) });
    expect(longest.length).to.be.below(MAX_MESSAGE_LENGTH);
  });

  it('tells what a viewer sends from what a host sends', () => {
    fc.assert(
      fc.property(messageArbitrary, (message) => {
        expect(isViewerMessage(message)).to.equal(['request', 'cancel', 'leave-stage'].includes(message.kind));
        expect(isHostMessage(message)).to.equal(!isViewerMessage(message));
      }),
    );
  });

  it('makes request ids the protocol accepts, a new one each time', () => {
    const ids = new Set(Array.from({ length: 100 }, newRequestId));
    expect(ids.size).to.equal(100);
    for (const id of ids) expect(isRequestId(id)).to.equal(true);
  });
});
