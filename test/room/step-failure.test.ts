import { expect } from '@open-wc/testing';
import { failureOf, step, StepFailure } from '../../src/room/step-failure.js';
import { rejection } from '../helpers/async.js';

describe('step()', () => {
  it('passes a result through', async () => {
    expect(await step('publish-failed', async () => 42)).to.equal(42);
  });

  it('names what a step throws, synchronously or not, keeping the cause', async () => {
    const cause = new TypeError('refused');
    for (const run of [() => Promise.reject(cause), () => { throw cause; }]) {
      const error = await rejection(step('publish-failed', run));
      expect(error).to.be.instanceOf(StepFailure);
      expect(failureOf(error, 'join-failed')).to.deep.equal({ code: 'publish-failed', cause });
    }
  });

  it('lets the error name the failure', async () => {
    const denied = new DOMException('no', 'NotAllowedError');
    const error = await rejection(step((cause) => ((cause as Error).name === 'NotAllowedError' ? 'permission-denied' : 'device-busy'), () => Promise.reject(denied)));
    expect(failureOf(error, 'join-failed')).to.deep.equal({ code: 'permission-denied', cause: denied });
  });

  it('gives the fallback for an error no step named', () => {
    const cause = new Error('escaped');
    expect(failureOf(cause, 'join-failed')).to.deep.equal({ code: 'join-failed', cause });
  });
});
