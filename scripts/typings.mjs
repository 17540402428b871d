#!/usr/bin/env node
/**
 * Writes framework typings for the elements from custom-elements.json (run by `npm run build`),
 * with the cem-tools generators:
 * - dist/vue.d.ts (custom-element-vuejs-integration): Vue's `GlobalComponents`, for vue-tsc/Volar;
 * - dist/jsx.d.ts (custom-element-jsx-integration): the global `JSX.IntrinsicElements`, and the
 *   `CustomElements` map for frameworks with their own JSX namespace (React 19: extend `React.JSX`).
 * Both type each attribute and property by the element class's own property type.
 *
 * The generators are given a copy of the manifest that says what they read differently:
 * - an event's type is its detail type (the manifest, like HTMLElementEventMap, has `CustomEvent<…>`);
 * - what the element sets itself (reflected state such as `connection-state`, read-only properties
 *   such as `state`) is for reading and styling, not for binding, so it is left out;
 * - `lang` is HTMLElement's own `lang` property.
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { generateJsxTypes } from 'custom-element-jsx-integration';
import { generateVuejsTypes } from 'custom-element-vuejs-integration';

const manifest = JSON.parse(readFileSync(new URL('../custom-elements.json', import.meta.url), 'utf8'));

function forBinding(declaration) {
  if (!declaration.customElement) return declaration;
  const readOnly = new Set(
    (declaration.members ?? []).filter((member) => member.kind === 'field' && member.readonly).map((member) => member.name),
  );
  return {
    ...declaration,
    members: declaration.members?.filter((member) => !readOnly.has(member.name)),
    attributes: declaration.attributes
      ?.filter((attribute) => !readOnly.has(attribute.fieldName))
      .map((attribute) => (attribute.name === 'lang' && !attribute.fieldName ? { ...attribute, fieldName: 'lang' } : attribute)),
    events: declaration.events?.map((event) => ({
      ...event,
      type: event.type && { text: event.type.text.replace(/^CustomEvent<(.*)>$/, '$1') },
    })),
  };
}

const bindable = {
  ...manifest,
  modules: manifest.modules.map((module) => ({ ...module, declarations: module.declarations?.map(forBinding) })),
};

// The generators write into `outdir`; the element classes and the detail types come from the build's index.
const options = { outdir: 'dist', globalTypePath: './index.js', hideLogs: true };
generateVuejsTypes(bindable, { ...options, fileName: 'vue.d.ts' });
generateJsxTypes(bindable, { ...options, fileName: 'jsx.d.ts' });
// The generator exports the tag map; the classic global JSX namespace (TypeScript's `jsx:
// preserve`/`react` without an import source) and the map's documented name are ours.
appendFileSync(
  'dist/jsx.d.ts',
  `
/** Every element of the package, for \`interface IntrinsicElements extends TrtcLiveElementsJSX {}\`. */
export type TrtcLiveElementsJSX = CustomElements;

declare global {
  namespace JSX {
    interface IntrinsicElements extends CustomElements {}
  }
}
`,
);
console.log('wrote dist/vue.d.ts and dist/jsx.d.ts');
