/** Counts MutationObservers that are observing and not yet disconnected, to prove elements clean up. */
export function trackMutationObservers(): { readonly live: number; watchingIds(target: Node): number; restore(): void } {
  /** What each observer watches: its targets, and whether it watches them for ids. */
  const observing = new Map<MutationObserver, Map<Node, boolean>>();
  const { observe, disconnect } = MutationObserver.prototype;
  MutationObserver.prototype.observe = function (this: MutationObserver, target: Node, options?: MutationObserverInit) {
    observing.set(this, (observing.get(this) ?? new Map()).set(target, options?.attributeFilter?.includes('id') === true));
    observe.call(this, target, options);
  };
  MutationObserver.prototype.disconnect = function (this: MutationObserver) {
    observing.delete(this);
    disconnect.call(this);
  };
  return {
    get live() {
      return observing.size;
    },
    /** Observers watching `target` itself (the document, a shadow root) for id changes. */
    watchingIds(target: Node) {
      return [...observing.values()].filter((targets) => targets.get(target) === true).length;
    },
    restore() {
      MutationObserver.prototype.observe = observe;
      MutationObserver.prototype.disconnect = disconnect;
    },
  };
}
