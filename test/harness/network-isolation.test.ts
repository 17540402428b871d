/**
 * Proof, in every engine, that the browser under test sends nothing beyond loopback.
 * The server side is scripts/network-guard.mjs: it knows how this session's browser is isolated,
 * what its loopback sink caught, and what the running browser was started with.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface SinkEntry {
  method: string;
  host: string;
  port: number;
  path: string;
}

interface IsolationReport {
  engine: string;
  /** Chromium: every host but loopback is unresolvable. Others: a loopback proxy catches all. */
  mechanism: 'host-resolver-rules' | 'loopback-proxy';
  sinkUrl?: string;
  /** What the sink caught for this test's token. */
  caught: SinkEntry[];
  /** What the sink caught that no test asked for: a browser service phoning home. */
  unexpected: SinkEntry[];
  /** Requests that reached the test server under a probe name (none, if the rule works). */
  probeHits: { host: string; url: string }[];
  /** Read back from the running browser: /proc/<pid>/cmdline and environ, the profile's user.js. */
  launch?: { args: string[]; env: Record<string, string>; prefs?: Record<string, unknown> };
}

const token = `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;

function isolation(): Promise<IsolationReport> {
  return executeServerCommand<IsolationReport, { token: string }>('network-isolation', { token });
}

/** Resolves with how the request ended; rejects if it takes longer than `timeout`. */
async function outcome(request: Promise<unknown>, timeout = 5000): Promise<{ ok: boolean; error?: unknown; ms: number }> {
  const start = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeout} ms: the request was not refused at once`)), timeout);
  });
  try {
    await Promise.race([request, deadline]);
    return { ok: true, ms: performance.now() - start };
  } catch (error) {
    if (error instanceof Error && error.message.startsWith('no answer')) throw error;
    return { ok: false, error, ms: performance.now() - start };
  } finally {
    clearTimeout(timer);
  }
}

function webSocketOutcome(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.onopen = () => {
      socket.close();
      resolve();
    };
    socket.onerror = () => reject(new Error('WebSocket failed'));
  });
}

describe('network isolation', () => {
  let mechanism: IsolationReport['mechanism'];
  const httpsHost = `${token}.probe.invalid`;
  const httpHost = `${token}-plain.probe.test`;
  const wsHost = `${token}-ws.probe.test`;

  before(async () => {
    ({ mechanism } = await isolation());
  });

  it('refuses requests for hosts beyond loopback at once (https, http, wss)', async () => {
    for (const url of [`https://${httpsHost}/`, `http://${httpHost}/x?${token}`]) {
      const result = await outcome(fetch(url, { mode: 'no-cors', cache: 'no-store' }));
      expect(result.ok, `${url} must fail`).to.equal(false);
      expect(result.error, url).to.be.instanceOf(TypeError);
    }
    const socket = await outcome(webSocketOutcome(`wss://${wsHost}/`));
    expect(socket.ok, 'the WebSocket must fail').to.equal(false);
  });

  it('sent those requests nowhere but loopback, and the browser itself sent nothing', async () => {
    // A name that resolves to loopback by itself in Chromium unless the host resolver rule
    // is in effect: reaching the test server under it means the rule is missing.
    if (mechanism === 'host-resolver-rules') {
      const probe = `http://${token}.localhost:${location.port}/__network-guard/${token}`;
      const result = await outcome(fetch(probe, { mode: 'no-cors', cache: 'no-store' }));
      expect(result.ok, `${probe} must not resolve`).to.equal(false);
    }
    const report = await isolation();
    console.log(`network isolation in ${report.engine}: ${report.mechanism}`);
    expect(report.launch, 'the running browser process was found and read').to.not.equal(undefined);
    const { args, env, prefs } = report.launch!;

    if (report.mechanism === 'host-resolver-rules') {
      expect(report.probeHits, 'requests that reached the test server under a probe name').to.deep.equal([]);
      expect(args).to.include('--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1');
      expect(args).to.include('--disable-background-networking');
    } else {
      // Every probe went to the loopback sink (and was dropped there), none to the network.
      const caught = report.caught.map(({ host, port }) => `${host}:${port}`);
      expect(caught).to.include(`${httpsHost}:443`);
      expect(caught).to.include(`${httpHost}:80`);
      expect(caught).to.include(`${wsHost}:443`);
      const sink = new URL(report.sinkUrl!);
      expect(sink.hostname).to.equal('127.0.0.1');
      if (prefs) {
        // A Firefox profile: the proxy, and Remote Settings pointed at a closed loopback port,
        // which Firefox honours only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in its environment.
        expect(prefs['network.proxy.type']).to.equal(1);
        expect(prefs['network.proxy.http']).to.equal('127.0.0.1');
        expect(prefs['network.proxy.http_port']).to.equal(Number(sink.port));
        expect(prefs['network.proxy.ssl_port']).to.equal(Number(sink.port));
        expect(prefs['services.settings.server']).to.equal('http://127.0.0.1:1/');
        expect(env.MOZ_REMOTE_SETTINGS_DEVTOOLS).to.equal('1');
      } else {
        expect(args).to.include(`--proxy=${report.sinkUrl}`);
      }
    }
    // Requests nobody in the page made: the browser phoning home (remote settings, telemetry...).
    expect(report.unexpected, 'requests by the browser itself').to.deep.equal([]);
  });
});
