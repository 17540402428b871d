/**
 * The README's snippets, for test/docs/readme-snippets.test.ts: each fenced block right after a
 * `<!-- snippet: name -->` line is served to the test's browser as the page author would use it.
 * - `/readme/<name>.html`: an HTML page snippet as written, with the built CDN folder
 *   (dist/cdn/) at `/trtc-live-elements/`, where the README tells authors to put it.
 * - `/readme/vue/main.js`, `/readme/vue/App.vue.js`: the Vue files, App.vue compiled by
 *   @vue/compiler-sfc the way @vitejs/plugin-vue compiles it, with the compiler options of the
 *   README's own vite.config.js; `vue` is Vue's browser build, `trtc-live-elements` the built kit.
 * - `/readme/angular/main.ts`, `/readme/angular/app.component.ts`: the Angular files (compiled by
 *   the test server's esbuild from their `.ts` paths, as the integration tests are).
 * - `/api/credentials`: the demo server's own credentials endpoint, with no key configured, so it
 *   answers the 503 JSON error a server without TRTC_SECRET_KEY gives.
 * Server commands: `readme-snippet-names` lists the marked snippets; `readme-credentials-requests`
 * lists (and forgets) the URLs /api/credentials was asked since the last call;
 * `readme-angular-type-errors` type-checks the Angular files; `readme-commonjs` compares the
 * README's `allowedCommonJsDependencies` with the CommonJS modules a bundle of the kit contains
 * (what Angular's build warns about).
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { compileScript, parse } from 'vue/compiler-sfc';
import { credentialsHandler } from './serve.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CDN_PREFIX = '/trtc-live-elements/';
const KIT = '/dist/index.js';
const VUE_BROWSER_BUILD = '/node_modules/vue/dist/vue.runtime.esm-browser.js';

/** Every marked snippet of README.md: name → { lang, text }. */
function readmeSnippets() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const snippets = new Map();
  for (const match of readme.matchAll(/<!-- snippet: ([\w-]+) -->\n```(\w+)\n([\s\S]*?)\n```/g)) {
    const [, name, lang, text] = match;
    if (snippets.has(name)) throw new Error(`README.md: two snippets named ${name}`);
    snippets.set(name, { lang, text: `${text}\n` });
  }
  return snippets;
}

function snippet(name) {
  const found = readmeSnippets().get(name);
  if (!found) throw new Error(`README.md has no snippet named ${name}`);
  return found.text;
}

/** Rewrites `from 'x'` / `import 'x'` specifiers as a bundler would resolve them. */
function rewriteImports(code, specifiers) {
  return code.replace(/((?:from|import)\s*)(['"])([^'"]+)\2/g, (whole, keyword, quote, specifier) =>
    specifier in specifiers ? `${keyword}${quote}${specifiers[specifier]}${quote}` : whole,
  );
}

/** The options the README's vite.config.js passes to the Vue plugin, read by running that file. */
function vuePluginOptions() {
  const body = snippet('vue-vite-config')
    .replace(/^import .*$/gm, '')
    .replace('export default', 'return');
  const config = new Function('defineConfig', 'vue', body)(
    (options) => options,
    (options) => ({ name: 'vite:vue', options }),
  );
  const plugin = config.plugins.find((candidate) => candidate.name === 'vite:vue');
  if (!plugin) throw new Error('the README vite.config.js uses no Vue plugin');
  return plugin.options ?? {};
}

function compileVueApp() {
  const compilerOptions = vuePluginOptions().template?.compilerOptions ?? {};
  // As the plugin does: the template is parsed with the options too (they decide element or component).
  const { descriptor, errors } = parse(snippet('vue-app'), { filename: 'App.vue', templateParseOptions: compilerOptions });
  if (errors.length > 0) throw new Error(`App.vue: ${errors.map(String).join('; ')}`);
  const compiled = compileScript(descriptor, { id: 'readme-app', inlineTemplate: true, templateOptions: { compilerOptions } });
  return rewriteImports(compiled.content, { vue: VUE_BROWSER_BUILD });
}

async function cdnFile(path) {
  const relative = normalize(path.slice(CDN_PREFIX.length));
  if (relative.startsWith('..')) return undefined;
  try {
    return { body: await readFile(join(ROOT, 'dist/cdn', relative), 'utf8'), type: extname(relative).slice(1) };
  } catch {
    return undefined;
  }
}

/** Package names of the CommonJS modules in a bundle of the npm build, as Angular's checker sees them. */
async function commonJsPackagesOfKit() {
  const result = await build({
    entryPoints: [join(ROOT, 'dist/index.js')],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: join(ROOT, 'node_modules/.cache/readme-commonjs'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const packages = new Set();
  for (const [path, input] of Object.entries(result.metafile.inputs)) {
    if (input.format !== 'cjs') continue;
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(path);
    packages.add(match ? match[1] : path);
  }
  return [...packages].sort();
}

/** The `allowedCommonJsDependencies` array wherever it sits in the README's angular.json snippet. */
function allowedCommonJsDependencies() {
  const find = (value) => {
    if (!value || typeof value !== 'object') return undefined;
    if (Array.isArray(value.allowedCommonJsDependencies)) return value.allowedCommonJsDependencies;
    for (const child of Object.values(value)) {
      const found = find(child);
      if (found) return found;
    }
    return undefined;
  };
  return find(JSON.parse(snippet('angular-json'))) ?? [];
}

/** The Angular files' TypeScript as written, under the paths their imports name. */
const ANGULAR_FILES = { 'main.ts': 'angular-main', 'app.component.ts': 'angular-component' };

/**
 * Type errors in the README's Angular files, checked strictly against the built kit's typings
 * (`trtc-live-elements` resolved through the package's own exports, as in an app) and Angular's.
 * The files exist only in memory, as if saved in readme/angular/ of this package.
 */
function angularTypeErrors() {
  const dir = join(ROOT, 'readme/angular');
  const files = new Map(Object.entries(ANGULAR_FILES).map(([file, name]) => [join(dir, file), snippet(name)]));
  const options = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
    experimentalDecorators: true,
    strict: true,
    noEmit: true,
    types: [],
    skipLibCheck: true,
  };
  const host = ts.createCompilerHost(options);
  const { directoryExists, fileExists, readFile, getSourceFile } = host;
  host.directoryExists = (path) => path === dir || directoryExists.call(host, path);
  host.fileExists = (file) => files.has(file) || fileExists.call(host, file);
  host.readFile = (file) => files.get(file) ?? readFile.call(host, file);
  host.getSourceFile = (file, language, ...rest) =>
    files.has(file) ? ts.createSourceFile(file, files.get(file), language) : getSourceFile.call(host, file, language, ...rest);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file && files.has(diagnostic.file.fileName))
    .map((diagnostic) => {
      const line = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1;
      const file = diagnostic.file.fileName.slice(dir.length + 1);
      return `${file}:${line} TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
}

/** What pages asked /api/credentials, for the `readme-credentials-requests` command. */
const credentialsRequests = [];

/** Serves /api/credentials as `npm start` does with no TRTC key set; a Koa middleware. */
export function readmeCredentialsMiddleware() {
  const credentials = credentialsHandler({});
  return (context, next) => {
    if (context.path !== '/api/credentials') return next();
    credentialsRequests.push(context.url);
    context.respond = false;
    credentials(new URL(context.url, 'http://127.0.0.1'), context.res);
    return undefined;
  };
}

/** The web-test-runner plugin serving the snippets (see the top of this file). */
export function readmeSnippetsPlugin() {
  return {
    name: 'readme-snippets',
    async serve(context) {
      const { path } = context;
      if (path.startsWith(CDN_PREFIX)) return cdnFile(path);
      const page = /^\/readme\/([\w-]+)\.html$/.exec(path);
      if (page) return { body: snippet(page[1]), type: 'html' };
      if (path === '/readme/vue/App.vue.js') return { body: compileVueApp(), type: 'js' };
      if (path === '/readme/vue/main.js') {
        const specifiers = { vue: VUE_BROWSER_BUILD, 'trtc-live-elements': KIT, './App.vue': './App.vue.js' };
        return { body: rewriteImports(snippet('vue-main'), specifiers), type: 'js' };
      }
      if (path === '/readme/angular/main.ts') {
        const specifiers = { 'trtc-live-elements': KIT, './app.component': './app.component.ts' };
        return { body: rewriteImports(snippet('angular-main'), specifiers), type: 'js' };
      }
      if (path === '/readme/angular/app.component.ts') {
        return { body: rewriteImports(snippet('angular-component'), { 'trtc-live-elements': KIT }), type: 'js' };
      }
      return undefined;
    },
    async executeCommand({ command }) {
      if (command === 'readme-credentials-requests') return credentialsRequests.splice(0);
      if (command === 'readme-angular-type-errors') return angularTypeErrors();
      if (command === 'readme-snippet-names') return [...readmeSnippets().keys()];
      if (command !== 'readme-commonjs') return undefined;
      return { inKit: await commonJsPackagesOfKit(), allowed: allowedCommonJsDependencies() };
    },
  };
}
