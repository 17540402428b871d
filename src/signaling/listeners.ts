/**
 * The listeners of one transport event. A listener that throws is reported to the page
 * (`reportError`, as an event handler's exception would be) and does not stop the others.
 */
export class Listeners<T> {
  readonly #listeners = new Set<(value: T) => void>();

  add(listener: (value: T) => void): () => void {
    // Wrapped, so adding one function twice gives two independent subscriptions.
    const entry = (value: T) => listener(value);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  emit(value: T): void {
    for (const listener of [...this.#listeners]) {
      // One removed (or cleared by close()) by an earlier listener is not called any more.
      if (!this.#listeners.has(listener)) continue;
      try {
        listener(value);
      } catch (error) {
        reportError(error);
      }
    }
  }

  clear(): void {
    this.#listeners.clear();
  }

  get size(): number {
    return this.#listeners.size;
  }
}
