import { dirname, relative } from 'node:path';

/**
 * The CDN build's backend imports say which file failed. A browser words a failed dynamic
 * import its own way (WebKit: "Importing a module script failed.", without the URL), so each
 * `import()` in src/backends/loader.ts is rewritten to reject with the absolute URL it asked for,
 * as `chunkUrl` on an Error whose `cause` is the browser's own error; loader.ts reads it from there.
 */
export function chunkUrls() {
  return {
    name: 'chunk-urls',
    renderDynamicImport({ moduleId, chunk, targetChunk, targetModuleId }) {
      if (!moduleId.replaceAll('\\', '/').endsWith('/src/backends/loader.ts')) return null;
      const specifier = targetChunk
        ? `./${relative(dirname(chunk.fileName), targetChunk.fileName).replaceAll('\\', '/')}`
        : targetModuleId;
      if (!specifier?.startsWith('.')) return null;
      const url = `new URL(${JSON.stringify(specifier)},import.meta.url).href`;
      return {
        left: 'import(',
        right: `).catch((cause)=>{throw Object.assign(new Error("Could not load "+${url},{cause}),{chunkUrl:${url}})})`,
      };
    },
  };
}

/**
 * Keeps `import('./loopback/index.js')` of src/backends/loader.ts pointing at the CDN's own
 * `loopback.js` entry, built on its own: the page that imports `loopback.js` and the room that
 * loads it then share one module instance, and neither file needs a chunk to run.
 */
export function loopbackEntryExternal() {
  return {
    name: 'loopback-entry-external',
    resolveId(source, importer) {
      if (source === './loopback/index.js' && importer?.replaceAll('\\', '/').endsWith('/src/backends/loader.ts')) {
        return { id: './loopback.js', external: true };
      }
      return null;
    },
  };
}
