import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/browser-flags.mjs';
import { summaryReporter } from './scripts/summary-reporter.mjs';

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  plugins: [
    esbuildPlugin({
      ts: true,
      target: 'es2022',
      tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)),
    }),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  // Headless Chromium paints only the page in front at full frame rate, and the media tests
  // count frames: one test page at a time.
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
  reporters: [defaultReporter(), summaryReporter()],
};
