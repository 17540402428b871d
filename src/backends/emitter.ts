type Handler<T> = (event: T) => void;

/**
 * A typed event emitter for the backends' clients and streams. A handler that throws must not
 * leave the backend half-way through a state change, so its error is rethrown on a fresh task (the
 * page still sees it as an uncaught error) and the remaining handlers run.
 */
export class Emitter<Events extends object> {
  readonly #handlers = new Map<keyof Events, Set<Handler<never>>>();

  on<K extends keyof Events>(event: K, handler: Handler<Events[K]>): void {
    let handlers = this.#handlers.get(event);
    if (!handlers) {
      handlers = new Set();
      this.#handlers.set(event, handlers);
    }
    handlers.add(handler as Handler<never>);
  }

  off<K extends keyof Events>(event: K, handler: Handler<Events[K]>): void {
    this.#handlers.get(event)?.delete(handler as Handler<never>);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const handlers = this.#handlers.get(event);
    if (!handlers) return;
    // A copy: handlers may add or remove handlers while we iterate.
    for (const handler of [...handlers] as Handler<Events[K]>[]) {
      try {
        handler(payload);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  }

  clear(): void {
    this.#handlers.clear();
  }
}
