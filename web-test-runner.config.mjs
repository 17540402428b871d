import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { ENGINES, createLaunchers, selectedEngines } from './scripts/browsers.mjs';
import { packageFactsPlugin } from './scripts/package-facts.mjs';
import { createNetworkGuard } from './scripts/network-guard.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';
import { demoCheckPlugin } from './scripts/demo-check.mjs';
import { readmeCredentialsMiddleware, readmeSnippetsPlugin } from './scripts/readme-snippets.mjs';
import { sdpAsEsmServer } from './scripts/sdp-as-esm.mjs';
import { pointerCommandsPlugin } from './scripts/pointer-commands.mjs';
import { credentialsEndpoint } from './scripts/credentials-endpoint.mjs';
import { modelSettingsPlugin } from './scripts/model-replay.mjs';
import { cdnWithoutChunks } from './scripts/cdn-without-chunks.mjs';

// Every test file runs in every selected engine, one engine after the other:
// Chromium, Firefox, WebKit (TEST_BROWSERS=chromium,... or `npm test -- --browsers ...` picks some).
const engines = selectedEngines();
const guard = await createNetworkGuard(engines.map((engine) => ENGINES[engine]));

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  middleware: [
    // test/docs/readme-snippets.test.ts: the README's Tencent Cloud page asks /api/credentials.
    readmeCredentialsMiddleware(),
    // test/room: a credentials-url endpoint on the test server, reachable from a second origin.
    credentialsEndpoint(),
    // test/integrations/missing-chunk.test.ts: the CDN build uploaded without its chunks/ folder.
    cdnWithoutChunks(),
  ],
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
    // trtc-sdk-v5 reaches a CommonJS file through webrtc-adapter.
    sdpAsEsmServer(),
    guard.plugin,
    // test/demo/demo.test.ts asks Node to start the demo server and drive it in a new tab.
    demoCheckPlugin(),
    // test/package/*.test.ts ask Node for what only Node can tell: schema, source, module resolution, tsc.
    packageFactsPlugin(),
    // test/docs/readme-snippets.test.ts loads the README's snippets, served by this plugin.
    readmeSnippetsPlugin(),
    // A person's double click (test/elements/flows/flow-fixture.ts).
    pointerCommandsPlugin(),
    // test/room/model.test.ts replays a seed given to scripts/model-replay.mjs.
    modelSettingsPlugin(),
  ],
  browsers: createLaunchers(engines, guard.sinks),
  // Headless Chromium paints only the page in front at full frame rate, and the media tests
  // count frames: one test page at a time, one browser at a time.
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60000,
  testsStartTimeout: 60000,
  testsFinishTimeout: 300000,
  testFramework: { config: { timeout: 20000 } },
  // The SDK logs every step at DEBUG/INFO; keep warnings and errors, which tests may want to see.
  filterBrowserLogs: ({ args }) => {
    const first = String(args[0] ?? '');
    return !/^TRTC\[.*<(DEBUG|INFO)>/.test(first) && !first.startsWith('Lit is in dev mode');
  },
  reporters: [defaultReporter(), summaryReporter({ finalChecks: () => guard.report() })],
};
