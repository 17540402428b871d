/** Where an id is looked up: the document, or the shadow root an element lives in. */
export type IdScope = Document | ShadowRoot;

interface Watch {
  readonly observer: MutationObserver;
  readonly listeners: Set<() => void>;
}

const watches = new WeakMap<IdScope, Watch>();

/**
 * Calls `listener` after any insertion, removal or id change inside `scope`, which may add,
 * remove or rename the element an id names. Every listener of a scope shares one
 * MutationObserver, disconnected when the last listener stops. Returns what stops `listener`.
 */
export function watchIds(scope: IdScope, listener: () => void): () => void {
  let watch = watches.get(scope);
  if (!watch) {
    const listeners = new Set<() => void>();
    const observer = new MutationObserver(() => {
      for (const each of [...listeners]) if (listeners.has(each)) each();
    });
    observer.observe(scope, { childList: true, subtree: true, attributes: true, attributeFilter: ['id'] });
    watch = { observer, listeners };
    watches.set(scope, watch);
  }
  const { observer, listeners } = watch;
  // A function of its own per call, so the same listener watching twice is stopped once each.
  const entry = () => listener();
  listeners.add(entry);
  return () => {
    if (!listeners.delete(entry) || listeners.size > 0) return;
    observer.disconnect();
    watches.delete(scope);
  };
}

/** The scope `element`'s ids are looked up in, while it is in a document. */
export function idScopeOf(element: Element): IdScope | undefined {
  const root = element.getRootNode();
  return root instanceof Document || root instanceof ShadowRoot ? root : undefined;
}
