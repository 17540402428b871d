/**
 * A fresh instance of the module at `moduleUrl`, imported in a new same-origin frame: its own
 * realm and module map, as in another tab of the origin. `prepare` may change the frame's window
 * before the import (to take a feature away, say). Remove `frame` to end it.
 */
export async function importInNewFrame<T>(
  moduleUrl: string,
  prepare?: (realm: Window & typeof globalThis) => void,
): Promise<{ module: T; frame: HTMLIFrameElement }> {
  const frame = document.createElement('iframe');
  document.body.append(frame);
  const realm = frame.contentWindow as Window & typeof globalThis;
  prepare?.(realm);
  const importInRealm = new realm.Function('url', 'return import(url)') as (url: string) => Promise<T>;
  const module = await importInRealm(new URL(moduleUrl, location.href).href);
  return { module, frame };
}
