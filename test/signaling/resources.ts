/**
 * Counts what a transport holds in this page, so a test can check close() let go of all of it:
 * open BroadcastChannels, page-lifecycle listeners on window, and running intervals.
 */
export interface SignalingResources {
  openChannels: number;
  pageListeners: number;
  intervals: number;
}

const channels = new Set<BroadcastChannel>();
const pageListeners = new Set<string>();
const intervals = new Set<number>();
let installed = false;

const PAGE_EVENTS = new Set(['pagehide', 'pageshow', 'visibilitychange', 'beforeunload', 'unload']);

export function watchSignalingResources(): { snapshot(): SignalingResources } {
  if (!installed) {
    installed = true;
    const NativeChannel = window.BroadcastChannel;
    window.BroadcastChannel = class extends NativeChannel {
      constructor(name: string) {
        super(name);
        channels.add(this);
      }
      override close(): void {
        channels.delete(this);
        super.close();
      }
    };
    const listenerKeys = new WeakMap<object, number>();
    let nextKey = 0;
    const keyOf = (type: string, listener: unknown) => {
      if (typeof listener !== 'function' && (typeof listener !== 'object' || listener === null)) return undefined;
      if (!listenerKeys.has(listener)) listenerKeys.set(listener, (nextKey += 1));
      return `${type}#${listenerKeys.get(listener)}`;
    };
    const add = window.addEventListener;
    const remove = window.removeEventListener;
    window.addEventListener = function (this: Window, ...args: Parameters<Window['addEventListener']>) {
      const key = PAGE_EVENTS.has(args[0]) ? keyOf(args[0], args[1]) : undefined;
      if (key) pageListeners.add(key);
      return add.apply(this, args);
    } as Window['addEventListener'];
    window.removeEventListener = function (this: Window, ...args: Parameters<Window['removeEventListener']>) {
      const key = PAGE_EVENTS.has(args[0]) ? keyOf(args[0], args[1]) : undefined;
      if (key) pageListeners.delete(key);
      return remove.apply(this, args);
    } as Window['removeEventListener'];
    const nativeSetInterval = window.setInterval;
    const nativeClearInterval = window.clearInterval;
    window.setInterval = ((...args: Parameters<Window['setInterval']>) => {
      const id = nativeSetInterval(...args);
      intervals.add(id);
      return id;
    }) as unknown as typeof window.setInterval;
    window.clearInterval = ((id?: number) => {
      if (id !== undefined) intervals.delete(id);
      nativeClearInterval(id);
    }) as unknown as typeof window.clearInterval;
  }
  return {
    snapshot: () => ({ openChannels: channels.size, pageListeners: pageListeners.size, intervals: intervals.size }),
  };
}
