/**
 * A loopback HTTP proxy that forwards nothing. Firefox and WebKit are configured to send every
 * request for a non-loopback host through it: it records the request (host, port, method, path)
 * and drops the connection unanswered, so the browser sees a fast network error and no packet leaves the machine.
 * Its log is what the network-isolation test checks.
 */
import { createServer } from 'node:http';

/**
 * @typedef {{ time: number, method: string, host: string, port: number, path: string }} SinkEntry
 * @typedef {{ name: string, port: number, url: string, entries: SinkEntry[], close(): Promise<void> }} NetworkSink
 */

function splitHostPort(authority, defaultPort) {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(authority ?? '');
  if (!match) return { host: String(authority), port: defaultPort };
  return { host: match[1].toLowerCase(), port: match[2] ? Number(match[2]) : defaultPort };
}

/** Starts a sink on 127.0.0.1 (random port). `name` tells the logs of several sinks apart. */
export function startNetworkSink(name) {
  /** @type {SinkEntry[]} */
  const entries = [];
  const server = createServer((request) => {
    // A proxied plain-HTTP request carries an absolute URL.
    let host = '';
    let port = 80;
    let path = request.url ?? '';
    try {
      const url = new URL(request.url ?? '');
      host = url.hostname.toLowerCase();
      port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
      path = url.pathname + url.search;
    } catch {
      ({ host, port } = splitHostPort(request.headers.host, 80));
    }
    entries.push({ time: Date.now(), method: request.method ?? 'GET', host, port, path });
    // No response at all: the browser reports a network error, as for an unreachable host.
    request.socket.destroy();
  });
  // HTTPS and WebSocket-over-TLS arrive as CONNECT host:port.
  server.on('connect', (request, socket) => {
    const { host, port } = splitHostPort(request.url, 443);
    entries.push({ time: Date.now(), method: 'CONNECT', host, port, path: '' });
    socket.on('error', () => {});
    socket.destroy();
  });
  // Plain ws:// through a proxy arrives as an upgrade request with an absolute URL.
  server.on('upgrade', (request, socket) => {
    let host = '';
    let port = 80;
    try {
      const url = new URL(request.url ?? '');
      host = url.hostname.toLowerCase();
      port = Number(url.port || 80);
    } catch {
      ({ host, port } = splitHostPort(request.headers.host, 80));
    }
    entries.push({ time: Date.now(), method: 'UPGRADE', host, port, path: request.url ?? '' });
    socket.on('error', () => {});
    socket.destroy();
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({
        name,
        port,
        url: `http://127.0.0.1:${port}`,
        entries,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
  });
}
