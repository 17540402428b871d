/**
 * A web-test-runner command for what `sendMouse` cannot send: a click the browser counts as the
 * n-th of a multi-click (`event.detail === clickCount`), as a person's double click is.
 * Chromium takes the count from us (CDP); Firefox (WebDriver BiDi) and WebKit (WebDriver) count
 * clicks themselves, as they do for a person, from the time and place of the previous one.
 */
export function pointerCommandsPlugin() {
  return {
    name: 'pointer-commands',
    async executeCommand({ command, payload, session }) {
      if (command !== 'counted-click') return undefined;
      const [x, y] = payload.position;
      if (session.browser.type === 'webdriver') {
        await session.browser.sendMouseClick(session.id, x, y);
      } else {
        await session.browser.getPage(session.id).mouse.click(x, y, { clickCount: payload.clickCount });
      }
      return true;
    },
  };
}
