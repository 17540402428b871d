/** Counts MutationObservers that are observing and not yet disconnected, to prove elements clean up. */
export function trackMutationObservers(): { readonly live: number; restore(): void } {
  const observing = new Set<MutationObserver>();
  const { observe, disconnect } = MutationObserver.prototype;
  MutationObserver.prototype.observe = function (this: MutationObserver, target: Node, options?: MutationObserverInit) {
    observing.add(this);
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
    restore() {
      MutationObserver.prototype.observe = observe;
      MutationObserver.prototype.disconnect = disconnect;
    },
  };
}
