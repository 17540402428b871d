/**
 * The Chinese strings are a module of their own, fetched the first time a page needs them. This
 * file's page starts in English and loads nothing Chinese before the test that asks for it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/index.js';
import type { TrtcCoAnchorButtonElement } from '../../src/index.js';

function chineseStringsFetched(): boolean {
  return performance.getEntriesByType('resource').some((entry) => /\/zh-cn\.[jt]s\b/.test(entry.name));
}

describe('strings loaded on demand', () => {
  it('an English page never fetches the Chinese strings', async () => {
    const button = await fixture<TrtcCoAnchorButtonElement>(html`<trtc-co-anchor-button lang="en"></trtc-co-anchor-button>`);
    expect(button.shadowRoot!.querySelector('button')!.textContent!.trim()).to.equal('Go live');
    expect(chineseStringsFetched()).to.equal(false);
  });

  it('a Chinese element waits for its strings and then renders in Chinese, never in English first', async () => {
    const rendered: string[] = [];
    const button = document.createElement('trtc-co-anchor-button');
    button.lang = 'zh-CN';
    document.body.append(button);
    try {
      // Every text the button ever shows, from before its first render.
      const observer = new MutationObserver(() => rendered.push(button.shadowRoot!.textContent!.trim()));
      observer.observe(button.shadowRoot!, { subtree: true, childList: true, characterData: true });
      await button.updateComplete;
      observer.disconnect();
      const label = button.shadowRoot!.querySelector('button')!.textContent!.trim();
      expect(label).to.equal('连麦');
      expect(chineseStringsFetched()).to.equal(true);
      expect(rendered.length, 'the button rendered').to.be.greaterThan(0);
      expect(rendered.filter((text) => /[A-Za-z]{3,}/.test(text)), 'English shown while loading').to.deep.equal([]);
      await expect(button).to.be.accessible();
    } finally {
      button.remove();
    }
  });
});
