/** The error `promise` rejects with; fails the test if it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject');
}

/** The error `action` throws synchronously; fails the test if it returns. */
export function thrown(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

/** Settles as `promise` does, or rejects after `timeout` ms naming what was awaited. */
export function withTimeout<T>(promise: Promise<T>, description: string, timeout = 10000): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out waiting for ${description}`)), timeout);
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}
