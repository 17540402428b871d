import { expect, fixture, html } from '@open-wc/testing';
import { describeError, languageOf, matchLocale, resolveLocale } from '../../src/i18n/locale.js';
import { en, type Messages } from '../../src/i18n/messages.js';
import { zhCN } from '../../src/i18n/zh-cn.js';
import type { ConfigField, LiveRoomErrorCode } from '../../src/room/types.js';

/** Every leaf of a message table, with functions called on a sample user, keyed by path. */
function leaves(messages: Messages): Map<string, string> {
  const result = new Map<string, string>();
  const walk = (node: object, path: string) => {
    for (const [key, value] of Object.entries(node)) {
      const at = path ? `${path}.${key}` : key;
      if (typeof value === 'function') result.set(at, (value as (user: string) => string)('user_1'));
      else if (typeof value === 'string') result.set(at, value);
      else walk(value as object, at);
    }
  };
  walk(messages, '');
  return result;
}

describe('i18n', () => {
  it('has the same non-empty strings in en and zh-CN, and they differ', () => {
    const english = leaves(en);
    const chinese = leaves(zhCN);
    expect([...chinese.keys()]).to.deep.equal([...english.keys()]);
    for (const [key, text] of [...english, ...chinese]) expect(text.trim(), key).not.to.equal('');
    for (const [key, text] of english) expect(chinese.get(key), key).not.to.equal(text);
    expect(zhCN.remote.streamOf('host')).to.include('host');
  });

  it('maps language tags to the locales it has', () => {
    expect(matchLocale('zh-CN')).to.equal('zh-CN');
    expect(matchLocale('zh-Hans-SG')).to.equal('zh-CN');
    expect(matchLocale('ZH')).to.equal('zh-CN');
    expect(matchLocale('en-GB')).to.equal('en');
    expect(matchLocale('fr')).to.equal('en');
  });

  it('takes the nearest lang, crossing shadow roots to their hosts', async () => {
    const outer = await fixture<HTMLDivElement>(html`<div lang="zh-CN"><section lang=""><span></span></section></div>`);
    const span = outer.querySelector('span')!;
    expect(languageOf(span), 'lang="" is skipped').to.equal('zh-CN');
    const inner = document.createElement('b');
    span.attachShadow({ mode: 'open' }).append(inner);
    expect(resolveLocale(inner)).to.equal('zh-CN');
    span.setAttribute('lang', 'en-US');
    expect(languageOf(inner)).to.equal('en-US');
  });

  it('falls back to <html lang>, then to the browser language', async () => {
    const element = await fixture<HTMLSpanElement>(html`<span></span>`);
    const html_ = document.documentElement;
    const original = html_.getAttribute('lang');
    try {
      html_.setAttribute('lang', 'zh-TW');
      expect(resolveLocale(element)).to.equal('zh-CN');
      html_.removeAttribute('lang');
      expect(languageOf(element)).to.equal(navigator.language);
    } finally {
      if (original === null) html_.removeAttribute('lang');
      else html_.setAttribute('lang', original);
    }
  });

  it('describes every error code, and each invalid field on its own', () => {
    const codes: LiveRoomErrorCode[] = [
      'invalid-config',
      'credentials-failed',
      'unsupported-browser',
      'join-failed',
      'permission-denied',
      'device-not-found',
      'device-busy',
      'switch-role-failed',
      'publish-failed',
      'connection-lost',
      'kicked',
      'chunk-load-failed',
    ];
    const fields: ConfigField[] = ['sdk-app-id', 'room-id', 'user-id', 'user-sig', 'credentials-url', 'user-role', 'backend'];
    for (const [messages, locale] of [[en, 'en'], [zhCN, 'zh-CN']] as const) {
      const byCode = codes.map((code) => describeError(messages, { code, message: 'developer text', recoverable: true }, locale));
      expect(new Set(byCode).size).to.equal(codes.length);
      const byField = fields.map((field) =>
        describeError(messages, { code: 'invalid-config', field, message: 'developer text', recoverable: false }, locale),
      );
      expect(new Set(byField).size).to.equal(fields.length);
      expect([...byCode, ...byField].some((text) => text.includes('developer text'))).to.be.false;
    }
    expect(describeError(en, { code: 'invalid-config', field: 'room-id', message: '', recoverable: false }, 'en')).to.equal(
      'The room ID is not valid.',
    );
  });
});
