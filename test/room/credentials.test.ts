import { expect } from '@open-wc/testing';
import { ConfigError } from '../../src/room/config.js';
import { fetchCredentials, parseCredentials, parseCredentialsUrl } from '../../src/room/credentials.js';
import { rejection, thrown } from '../helpers/async.js';

const PAGE = 'https://shop.example.test';

describe('credentials', () => {
  describe('parseCredentialsUrl()', () => {
    it('resolves a relative URL against the base; none without a value', () => {
      expect(parseCredentialsUrl('/sig?u=1', `${PAGE}/live/`, PAGE, false)!.href).to.equal(`${PAGE}/sig?u=1`);
      expect(parseCredentialsUrl('  ', PAGE, PAGE, false)).to.equal(null);
      expect(parseCredentialsUrl(null, PAGE, PAGE, false)).to.equal(null);
    });

    it('refuses another origin unless allowed, naming the opt-in', () => {
      const error = thrown(() => parseCredentialsUrl('https://sig.example.test/x', PAGE, PAGE, false));
      expect(error).to.be.instanceOf(ConfigError);
      expect(error).to.include({ field: 'credentials-url' });
      expect((error as Error).message).to.include('https://sig.example.test').and.to.include('credentials-cross-origin');
      expect(parseCredentialsUrl('https://sig.example.test/x', PAGE, PAGE, true)!.origin).to.equal('https://sig.example.test');
      // Another port or scheme is another origin too.
      expect(() => parseCredentialsUrl('http://shop.example.test/x', PAGE, PAGE, false)).to.throw(ConfigError);
    });

    it('refuses what is not a URL', () => {
      expect(thrown(() => parseCredentialsUrl('http://[::1', PAGE, PAGE, false))).to.include({ field: 'credentials-url' });
    });
  });

  describe('parseCredentials()', () => {
    it('reads sdkAppId, userId and userSig', () => {
      expect(parseCredentials({ sdkAppId: '1400000001', userId: 'u_1', userSig: 's', extra: 1 })).to.deep.equal({
        sdkAppId: 1400000001,
        userId: 'u_1',
        userSig: 's',
      });
    });
    for (const [name, body, field] of [
      ['nothing', null, 'sdk-app-id'],
      ['an sdkAppId beyond 32 bits', { sdkAppId: 2 ** 32, userId: 'u', userSig: 's' }, 'sdk-app-id'],
      ['a bad userId', { sdkAppId: 1, userId: 'a b', userSig: 's' }, 'user-id'],
      ['a userSig that is not text', { sdkAppId: 1, userId: 'u', userSig: 42 }, 'user-sig'],
    ] as const) {
      it(`refuses ${name}`, () => {
        expect(thrown(() => parseCredentials(body))).to.include({ field });
      });
    }
  });

  describe('fetchCredentials()', () => {
    function answering(status: number, body: unknown) {
      const calls: RequestInit[] = [];
      const fetcher: typeof fetch = async (_input, init) => {
        calls.push(init ?? {});
        return new Response(JSON.stringify(body), { status });
      };
      return { calls, fetcher };
    }
    const url = new URL(`${PAGE}/sig`);
    const body = { sdkAppId: 1400000001, userId: 'u', userSig: 's' };

    it('asks for JSON with same-origin credentials, or with the cookies included across origins', async () => {
      const { calls, fetcher } = answering(200, body);
      expect(await fetchCredentials(url, false, fetcher)).to.deep.equal(body);
      await fetchCredentials(url, true, fetcher);
      expect(calls.map((init) => init.credentials)).to.deep.equal(['same-origin', 'include']);
      expect(calls[0].headers).to.deep.equal({ accept: 'application/json' });
    });

    it('rejects an HTTP error, naming the status but not the query', async () => {
      const { fetcher } = answering(503, {});
      const error = await rejection(fetchCredentials(new URL(`${PAGE}/sig?token=abc`), false, fetcher));
      expect((error as Error).message).to.equal('/sig answered 503');
    });
  });
});
