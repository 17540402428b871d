/**
 * A web-test-runner command for what `sendMouse` cannot send: a click the browser counts as the
 * n-th of a multi-click (`event.detail === clickCount`), as the second click of a person's double
 * click. Chromium takes the count from us (CDP): the command clicks and answers true. Firefox
 * (WebDriver BiDi) and WebKit (WebDriver) count only the clicks of one action sequence, so a click
 * after a first one cannot be counted there: the command answers false and clicks nothing, for
 * the page to deliver that click itself (test/elements/flows/flow-fixture.ts).
 */
export function pointerCommandsPlugin() {
  return {
    name: 'pointer-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'counted-click') return undefined;
      if (session.browser.type === 'webdriver') return false;
      const page = session.browser.getPage(session.id);
      if (page.browser().protocol === 'webDriverBiDi') return false;
      const [x, y] = payload.position;
      await page.mouse.click(x, y, { clickCount: payload.clickCount });
      return true;
    },
  };
}
