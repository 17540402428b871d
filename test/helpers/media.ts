/**
 * Resolves once `video` has presented `frames` new frames: proof that pixels arrive,
 * not merely that an element exists.
 */
export function framesRendered(video: HTMLVideoElement, frames = 3): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const onFrame = () => {
      seen += 1;
      if (seen >= frames) resolve();
      else video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  });
}

/** Waits until `predicate` holds, checking on each animation frame; rejects after `timeout` ms. */
export async function until(predicate: () => boolean | undefined, description: string, timeout = 10000): Promise<void> {
  const deadline = performance.now() + timeout;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error(`Timed out waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A `<div>` inside an open shadow root, the way our elements host SDK players. */
export function shadowContainer(): { host: HTMLElement; container: HTMLDivElement } {
  const host = document.createElement('div');
  const root = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  container.style.width = '320px';
  container.style.height = '240px';
  root.append(container);
  document.body.append(host);
  return { host, container };
}
