/**
 * Every subpath of package.json `exports`, resolved the way a consumer resolves it (Node and
 * TypeScript, asked through scripts/package-facts.mjs) and then loaded here from the build.
 *
 * Precondition: `npm run build` has written dist/ (.ci/run builds before `npm test`). Without it
 * these tests fail, saying so; they do not skip.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';

interface ResolvedExport {
  subpath: string;
  specifier: string;
  runtime: string | null;
  runtimeExists: boolean;
  types: string | null;
  typesExists: boolean;
  /** The declarations of a types-only entry. */
  typesText: string | null;
}
interface TypingsDiagnostics {
  files: string[];
  checkedDist: string[];
  diagnostics: string[];
}

const TAGS = {
  'trtc-live-room': 'TrtcLiveRoomElement',
  'trtc-remote-stream': 'TrtcRemoteStreamElement',
  'trtc-local-stream': 'TrtcLocalStreamElement',
  'trtc-co-anchor-button': 'TrtcCoAnchorButtonElement',
  'trtc-co-anchor-requests': 'TrtcCoAnchorRequestsElement',
  'trtc-mic-toggle': 'TrtcMicToggleElement',
  'trtc-camera-toggle': 'TrtcCameraToggleElement',
  'trtc-device-select': 'TrtcDeviceSelectElement',
  'trtc-network-quality': 'TrtcNetworkQualityElement',
} as const;

const exportsMap = await executeServerCommand<ResolvedExport[], undefined>('package-exports');
const packageJson = (await (await fetch('/package.json')).json()) as {
  name: string;
  customElements?: string;
  files?: string[];
  exports: Record<string, unknown>;
};

function entry(subpath: string): ResolvedExport {
  const found = exportsMap.find((candidate) => candidate.subpath === subpath);
  if (!found) throw new Error(`package.json exports has no "${subpath}"`);
  return found;
}

/** Imports a resolved runtime target; fails with the precondition when the build is missing. */
async function importBuilt<T>(subpath: string): Promise<T> {
  const { runtime, runtimeExists, specifier } = entry(subpath);
  expect(runtime, `${specifier} resolves for Node`).to.be.a('string');
  if (!runtimeExists) throw new Error(`${runtime} does not exist: run \`npm run build\` before the tests`);
  return (await import(/* @vite-ignore */ `/${runtime}`)) as T;
}

describe('package exports', () => {
  it('has a check below for every subpath, and each resolves to an existing file for TypeScript', () => {
    const checked = ['.', './loopback', './signaling', './error-codes', './vue', './jsx', './custom-elements.json', './package.json'];
    expect(Object.keys(packageJson.exports).sort()).to.deep.equal([...checked].sort());
    for (const { specifier, types, typesExists } of exportsMap) {
      expect(types, `${specifier} resolves for TypeScript`).to.be.a('string');
      expect(typesExists, `${types} exists (run \`npm run build\` first)`).to.equal(true);
    }
  });

  it('"." defines all four tags with the classes it exports', async () => {
    const module = await importBuilt<Record<string, unknown>>('.');
    expect(entry('.').types).to.equal('dist/index.d.ts');
    for (const [tag, className] of Object.entries(TAGS)) {
      const exported = module[className];
      expect(exported, `export ${className}`).to.be.a('function');
      expect(customElements.get(tag), `<${tag}>`).to.equal(exported);
      expect(document.createElement(tag)).to.be.instanceOf(exported as typeof HTMLElement);
    }
    expect(module.LiveRoomController, 'export LiveRoomController').to.be.a('function');
    expect(module.loadBackend, 'export loadBackend').to.be.a('function');
  });

  it('"./loopback" default-exports a TRTC-v4-shaped namespace, the very one backend="loopback" loads', async () => {
    const { default: TRTC } = await importBuilt<{ default: Record<string, unknown> }>('./loopback');
    for (const name of ['createClient', 'createStream', 'checkSystemRequirements', 'getCameras', 'getMicrophones']) {
      expect(TRTC[name], `TRTC.${name}`).to.be.a('function');
    }
    expect(TRTC.VERSION, 'TRTC.VERSION').to.be.a('string');
    const requirements = (await (TRTC.checkSystemRequirements as () => Promise<{ result: boolean }>)()) ?? {};
    expect(requirements).to.have.property('result').that.is.a('boolean');
    const { loadBackend } = await importBuilt<{ loadBackend: (name: string) => Promise<unknown> }>('.');
    expect(await loadBackend('loopback')).to.equal(TRTC);
  });

  it('"./signaling" exports the co-anchor transports and protocol, and importing it fetches no Chat SDK', async () => {
    const module = await importBuilt<Record<string, unknown>>('./signaling');
    expect(entry('./signaling').types).to.equal('dist/signaling/index.d.ts');
    for (const name of ['LoopbackSignaling', 'TencentChatSignaling', 'SignalingError', 'IgnoredMessages', 'parseMessage', 'encodeMessage']) {
      expect(module[name], `export ${name}`).to.be.a('function');
    }
    const fetched = performance.getEntriesByType('resource').map((resource) => resource.name);
    expect(fetched.filter((name) => name.includes('tencentcloud'))).to.deep.equal([]);
  });

  it('"./error-codes" names the TRTC codes that trtc-error details carry as sdkCode', async () => {
    const { TrtcErrorCode, trtcCodeOf } = await importBuilt<{
      TrtcErrorCode: Record<string, number>;
      trtcCodeOf: (error: unknown) => number | undefined;
    }>('./error-codes');
    expect(entry('./error-codes').types).to.equal('dist/backends/error-codes.d.ts');
    expect(TrtcErrorCode.CLIENT_BANNED).to.equal(0x4040);
    expect(TrtcErrorCode.PLAY_NOT_ALLOWED).to.equal(0x4043);
    expect(trtcCodeOf({ getCode: () => TrtcErrorCode.JOIN_ROOM_FAILED })).to.equal(0x4004);
  });

  it('"./custom-elements.json" is the manifest, and package.json points tools at it', async () => {
    const { runtime } = entry('./custom-elements.json');
    const manifest = (await (await fetch(`/${runtime}`)).json()) as {
      schemaVersion: string;
      modules: { declarations?: { tagName?: string; customElement?: boolean }[] }[];
    };
    expect(manifest.schemaVersion).to.be.a('string');
    const tags = manifest.modules.flatMap((module) => (module.declarations ?? []).filter((d) => d.customElement).map((d) => d.tagName));
    expect(tags.sort()).to.deep.equal(Object.keys(TAGS).sort());
    expect(packageJson.customElements).to.equal(runtime);
    expect(packageJson.files).to.include(runtime);
  });

  it('"./package.json" is this package', async () => {
    const { runtime } = entry('./package.json');
    expect(((await (await fetch(`/${runtime}`)).json()) as { name: string }).name).to.equal('trtc-live-elements');
  });

  it('"./vue" and "./jsx" are types only, and type-check against code that uses them', async function () {
    // The compiler runs once per test run; the first engine to ask waits for it.
    this.timeout(60000);
    for (const subpath of ['./vue', './jsx']) {
      const { runtime, types, typesText, specifier } = entry(subpath);
      expect(runtime, `${specifier} has no runtime module`).to.equal(null);
      expect(types).to.equal(`dist/${subpath.slice(2)}.d.ts`);
      for (const tag of Object.keys(TAGS)) expect(typesText, `${types} types <${tag}>`).to.match(new RegExp(`["']${tag}["']:`));
    }
    const result = await executeServerCommand<TypingsDiagnostics, undefined>('typings-diagnostics');
    expect(result.checkedDist.sort(), 'typings the fixtures reached').to.deep.equal(['dist/jsx.d.ts', 'dist/vue.d.ts']);
    expect(result.files.length, 'fixtures').to.be.at.least(3);
    expect(result.diagnostics, 'type errors in test/package/typings-fixtures or dist/').to.deep.equal([]);
  });
});
