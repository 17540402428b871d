/**
 * A random 128-bit id in UUID form. `crypto.randomUUID()` exists only in secure contexts, and a
 * preview page may well be served over plain http on a LAN address, so build it from
 * `getRandomValues()`, which every context has.
 */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

let lastJoinTime = 0;

/**
 * When this client joined, in wall-clock milliseconds with sub-millisecond precision, so that two
 * joins with one userId can be ordered across tabs (the earlier one is kicked). Within a page the
 * value is strictly increasing even if the clock's resolution would make two joins tie.
 */
export function joinTimestamp(): number {
  const now = performance.timeOrigin + performance.now();
  lastJoinTime = Math.max(now, lastJoinTime + 0.001);
  return lastJoinTime;
}
