/**
 * Network isolation for the test run, and the evidence for it.
 *
 * - Chromium: the host resolver rule in browser-flags.mjs makes every host but loopback
 *   unresolvable, so nothing is ever sent.
 * - Firefox and WebKit: each gets its own loopback sink (network-sink.mjs) as HTTP/HTTPS proxy for
 *   every non-loopback host; the sink records and drops what it receives.
 *
 * The `network-isolation` server command (see test/harness/network-isolation.test.ts) tells a test
 * page which mechanism its browser runs under, what the sink caught, whether a probe reached the
 * test server under a name that only resolves without the resolver rule, and what the running
 * browser was really started with (command line, environment, profile prefs, read back from /proc
 * and the profile). After the run, anything the sinks caught that no test asked for (a browser
 * phoning home) fails the run.
 */
import { readFile, readdir } from 'node:fs/promises';
import { startNetworkSink } from './network-sink.mjs';

/**
 * Hosts that code under test contacts on purpose and that the sink is expected to catch:
 * reserved names used by the isolation probes, and Tencent Cloud, which the real SDKs (v4 and
 * v5) try on join and for log upload. Anything else in a sink is a browser service phoning home.
 */
export const EXPECTED_SUFFIXES = [
  'invalid',
  'test',
  'tencentcloudapi.com',
  'qcloud.com',
  'myqcloud.com',
  'tencent-cloud.com',
  'tencent-cloud.net',
  'trtc.io',
  'qq.com',
  'tencent.com',
  'cloud-rtc.com',
  // The TRTC Web SDK v5's schedulers (it tries cloud-rtc.net offline; the others are its fallbacks).
  'cloud-rtc.net',
  'rtc-web.com',
  'rtc-web.io',
];

export function isExpectedHost(host) {
  return EXPECTED_SUFFIXES.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

/** `host:port ×N` for each distinct destination. */
function countHosts(entries) {
  const counts = new Map();
  for (const { host, port } of entries) counts.set(`${host}:${port}`, (counts.get(`${host}:${port}`) ?? 0) + 1);
  return [...counts].map(([host, count]) => (count > 1 ? `${host} ×${count}` : host));
}

async function readProcess(pid) {
  if (!pid) return undefined;
  try {
    const [cmdline, environ] = await Promise.all([readFile(`/proc/${pid}/cmdline`, 'utf8'), readFile(`/proc/${pid}/environ`, 'utf8')]);
    const env = {};
    for (const entry of environ.split('\0')) {
      const eq = entry.indexOf('=');
      if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
    }
    return { pid, args: cmdline.split('\0').filter(Boolean), env };
  } catch {
    return undefined;
  }
}

/** Direct children of `pid`, from /proc. */
async function childPids(pid) {
  const result = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = await readFile(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) result.push(Number(name));
    } catch {
      // the process ended meanwhile
    }
  }
  return result;
}

/** `user_pref("name", value);` lines of a Firefox profile file. */
function parsePrefs(text) {
  const prefs = {};
  for (const match of text.matchAll(/user_pref\("([^"]+)",\s*(.+?)\);/g)) {
    try {
      prefs[match[1]] = JSON.parse(match[2]);
    } catch {
      prefs[match[1]] = match[2];
    }
  }
  return prefs;
}

/** What the running browser of a session was started with. */
async function readBack(launcher) {
  let main;
  if (typeof launcher.browser?.process === 'function') {
    // puppeteer (Chromium, Firefox)
    main = await readProcess(launcher.browser.process()?.pid);
  } else if (launcher.driverPid) {
    // WebKitWebDriver starts MiniBrowser as its child
    for (const pid of await childPids(launcher.driverPid)) {
      const candidate = await readProcess(pid);
      if (candidate?.args[0]?.endsWith('MiniBrowser')) main = candidate;
    }
  }
  if (!main) return undefined;
  const result = { args: main.args, env: {}, prefs: undefined };
  for (const name of ['MOZ_REMOTE_SETTINGS_DEVTOOLS']) if (name in main.env) result.env[name] = main.env[name];
  const profileIndex = main.args.indexOf('--profile');
  if (profileIndex >= 0) {
    try {
      result.prefs = parsePrefs(await readFile(`${main.args[profileIndex + 1]}/user.js`, 'utf8'));
    } catch {
      // no profile file
    }
  }
  return result;
}

export async function createNetworkGuard(engines) {
  /** @type {Record<string, import('./network-sink.mjs').NetworkSink>} */
  const sinks = {};
  for (const engine of engines) if (engine !== 'Chromium') sinks[engine] = await startNetworkSink(engine);
  /** Requests that reached the test server under a probe name (never, when isolation works). */
  const probeHits = [];

  const plugin = {
    name: 'network-guard',
    serve(context) {
      if (!context.path.startsWith('/__network-guard/')) return undefined;
      probeHits.push({ host: context.host, url: context.url, time: Date.now() });
      return { body: 'this request should never have arrived', type: 'text' };
    },
    async executeCommand({ command, payload, session }) {
      if (command !== 'network-isolation') return undefined;
      const engine = session.browser.name;
      const sink = sinks[engine];
      const token = String(payload?.token ?? '');
      return {
        engine,
        mechanism: sink ? 'loopback-proxy' : 'host-resolver-rules',
        sinkUrl: sink?.url,
        caught: sink ? sink.entries.filter((entry) => !token || entry.host.includes(token)) : [],
        unexpected: sink ? sink.entries.filter((entry) => !isExpectedHost(entry.host)) : [],
        probeHits: probeHits.filter((hit) => !token || `${hit.host}${hit.url}`.includes(token)),
        launch: await readBack(session.browser),
      };
    },
    async serverStop() {
      await Promise.all(Object.values(sinks).map((sink) => sink.close()));
    },
  };

  return {
    sinks,
    plugin,
    /** Lines describing what each sink caught during the whole run; `problems` fail the run. */
    report() {
      const lines = [];
      const problems = [];
      for (const [engine, sink] of Object.entries(sinks)) {
        const hosts = countHosts(sink.entries);
        const unexpected = countHosts(sink.entries.filter((entry) => !isExpectedHost(entry.host)));
        lines.push(
          `${engine}: the loopback sink caught ${sink.entries.length} request(s) for non-loopback hosts` +
            (hosts.length > 0 ? ` (${hosts.join(', ')})` : '') +
            `; none left the machine`,
        );
        for (const host of unexpected) {
          problems.push(`${engine} itself tried ${host}: a browser service that is not switched off or pointed at loopback (see scripts/), or a host to add to EXPECTED_SUFFIXES in scripts/network-guard.mjs`);
        }
      }
      for (const hit of probeHits) problems.push(`a probe reached the test server as ${hit.host}${hit.url}: the Chromium host resolver rule is not in effect`);
      return { lines, problems };
    },
  };
}
