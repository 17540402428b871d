/**
 * Tracks the timers and `window` listeners code creates while tracking is on, so a test can
 * assert that what it tore down left nothing scheduled or listening. (Timers the test framework
 * made before tracking started, or through its own saved references, are not seen.)
 */
export interface PendingWork {
  /** Timers created since tracking started that have neither fired nor been cleared. */
  timers(): number;
  /** Where each of those timers was created (call stacks), to say what is still scheduled. */
  timerSources(): string[];
  /** Listeners of `type` added to `window` since tracking started and not removed. */
  windowListeners(type: string): number;
  stop(): void;
}

export function trackPending(): PendingWork {
  const nativeSetTimeout = window.setTimeout;
  const nativeClearTimeout = window.clearTimeout;
  const nativeAdd = window.addEventListener;
  const nativeRemove = window.removeEventListener;
  const timers = new Map<number, string>();
  const listeners = new Map<string, Set<unknown>>();

  window.setTimeout = ((handler: TimerHandler, delay?: number, ...args: unknown[]) => {
    const id: number = nativeSetTimeout(
      (...callArgs: unknown[]) => {
        timers.delete(id);
        if (typeof handler === 'function') (handler as (...a: unknown[]) => void)(...callArgs);
      },
      delay,
      ...args,
    );
    timers.set(id, new Error('timer created').stack ?? '');
    return id;
  }) as typeof window.setTimeout;
  window.clearTimeout = ((id?: number) => {
    if (id !== undefined) timers.delete(id);
    nativeClearTimeout(id);
  }) as typeof window.clearTimeout;
  window.addEventListener = function (this: Window, type: string, listener: unknown, options?: unknown) {
    if (!listeners.has(type)) listeners.set(type, new Set());
    listeners.get(type)!.add(listener);
    return nativeAdd.call(this, type, listener as EventListener, options as AddEventListenerOptions);
  } as typeof window.addEventListener;
  window.removeEventListener = function (this: Window, type: string, listener: unknown, options?: unknown) {
    listeners.get(type)?.delete(listener);
    return nativeRemove.call(this, type, listener as EventListener, options as EventListenerOptions);
  } as typeof window.removeEventListener;

  return {
    timers: () => timers.size,
    timerSources: () => [...timers.values()],
    windowListeners: (type) => listeners.get(type)?.size ?? 0,
    stop() {
      window.setTimeout = nativeSetTimeout;
      window.clearTimeout = nativeClearTimeout;
      window.addEventListener = nativeAdd;
      window.removeEventListener = nativeRemove;
    },
  };
}
