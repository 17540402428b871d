/**
 * web-test-runner launcher for WebKitGTK's MiniBrowser. It is @web/test-runner-webdriver's
 * launcher plus the two processes that launcher expects to find running: an Xvfb (MiniBrowser has
 * no headless mode) and WebKitWebDriver. Both are started when the first WebKit test page is
 * needed and stopped with the browser, or when this process exits, so nothing is left behind.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import { MINIBROWSER_PATH, WEBKIT_DRIVER_PATH, XVFB_PATH, miniBrowserArgs } from './webkit-options.mjs';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function exited(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Starts Xvfb on a display it picks itself (-displayfd) and resolves with `:N`. */
function startXvfb() {
  const child = spawn(XVFB_PATH, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-noreset'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const display = new Promise((resolve, reject) => {
    let out = '';
    child.stdio[3].on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Xvfb exited with ${code} before reporting a display: ${stderr.trim()}`)));
  });
  return { child, display };
}

async function waitForDriver(url, child, timeout = 20000) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await delay(100);
  }
  throw new Error(`WebKitWebDriver did not answer on ${url} within ${timeout} ms`);
}

export class WebKitLauncher extends WebdriverLauncher {
  /** @param {{ sinkUrl: string }} options */
  constructor({ sinkUrl }) {
    super({
      hostname: '127.0.0.1',
      port: 0, // set once the driver runs
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        // WebKitWebDriver speaks classic WebDriver only.
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: miniBrowserArgs({ sinkUrl }) },
      },
    });
    /** @type {import('node:child_process').ChildProcess[]} */
    this.children = [];
    this.killOnExit = () => {
      for (const child of this.children) child.kill('SIGKILL');
    };
  }

  async initialize(config, testFiles) {
    await super.initialize(config, testFiles);
    this.name = 'WebKit';
  }

  async startServices() {
    process.once('exit', this.killOnExit);
    const xvfb = startXvfb();
    this.children.push(xvfb.child);
    const display = await xvfb.display;
    const port = await freePort();
    const driver = spawn(WEBKIT_DRIVER_PATH, [`--port=${port}`, '--host=local'], {
      env: { ...process.env, DISPLAY: display, WAYLAND_DISPLAY: '', GDK_BACKEND: 'x11' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    this.children.push(driver);
    this.driverPid = driver.pid;
    // MiniBrowser and its web process log GLib/GStreamer warnings (no D-Bus session, no GL
    // sink) on every start; keep the tail to explain a failed start, print it with DEBUG_WEBKIT=1.
    let stderr = '';
    driver.stderr.on('data', (chunk) => {
      if (process.env.DEBUG_WEBKIT) process.stderr.write(chunk);
      stderr = (stderr + chunk).slice(-4000);
    });
    try {
      await waitForDriver(`http://127.0.0.1:${port}`, driver);
    } catch (error) {
      throw new Error(`${error.message}\n${stderr}`);
    }
    this.options.port = port;
  }

  async startSession(id, url) {
    if (!this.servicesStarted) this.servicesStarted = this.startServices();
    await this.servicesStarted;
    return super.startSession(id, url);
  }

  async stop() {
    await super.stop();
    const children = this.children.splice(0);
    for (const child of children.reverse()) child.kill('SIGTERM');
    await Promise.race([Promise.all(children.map(exited)), delay(5000)]);
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    process.removeListener('exit', this.killOnExit);
    this.servicesStarted = undefined;
    this.driverPid = undefined;
  }
}
