/**
 * custom-elements.json against the official schema and against the elements' source. The source
 * side is read in Node with the TypeScript compiler (scripts/manifest-facts.mjs), independently
 * of the analyzer that writes the manifest, so a public attribute, property, method, event, slot,
 * part or custom property the manifest lacks (or documents without a description) fails here.
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/index.js';

interface Described {
  name: string;
  description?: string;
}
interface ManifestAttribute extends Described {
  fieldName?: string;
  type?: { text: string };
}
interface ManifestMember extends Described {
  kind: 'field' | 'method';
  privacy?: 'public' | 'private' | 'protected';
  static?: boolean;
}
interface ManifestEvent extends Described {
  type?: { text: string };
}
interface ManifestCssProperty extends Described {
  default?: string;
}
interface ManifestElement extends Described {
  kind: string;
  customElement?: boolean;
  tagName?: string;
  summary?: string;
  attributes?: ManifestAttribute[];
  members?: ManifestMember[];
  events?: ManifestEvent[];
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: ManifestCssProperty[];
}
interface ManifestModule {
  path: string;
  declarations?: ManifestElement[];
  exports?: { kind: string; name: string; declaration: { name: string; module?: string } }[];
}
interface Manifest {
  schemaVersion: string;
  modules: ManifestModule[];
}

/** What scripts/manifest-facts.mjs reads from one element's source. */
interface SourceElement {
  tagName: string;
  className: string;
  path: string;
  /** Observed besides the reactive properties' attributes (`lang`). */
  attributes: { name: string; fieldName: string | null }[];
  reflectedAttributes: string[];
  properties: { name: string; documented: boolean }[];
  methods: { name: string; documented: boolean }[];
  events: { name: string; type: string | null }[];
  slots: string[];
  parts: string[];
}
interface ManifestFacts {
  schemaVersion: string;
  schemaErrors: string[];
  elements: SourceElement[];
}

const facts = await executeServerCommand<ManifestFacts, undefined>('manifest-facts');
const manifest = (await (await fetch('/custom-elements.json')).json()) as Manifest;

const elementDeclarations = manifest.modules.flatMap((module) =>
  (module.declarations ?? [])
    .filter((declaration) => declaration.customElement)
    .map((declaration) => ({ module, declaration })),
);

function names(items: Described[] | undefined): string[] {
  return (items ?? []).map((item) => item.name).sort();
}

function undocumented(items: Described[] | undefined): string[] {
  return (items ?? []).filter((item) => !item.description?.trim()).map((item) => item.name || '(default)');
}

/**
 * The attributes the element's reactive properties observe, as the defined class has them (lit's
 * rule: the given name, none for `attribute: false`, else the property name lower-cased).
 */
function observedAttributes(tagName: string): { name: string; fieldName: string }[] {
  const elementClass = customElements.get(tagName) as unknown as { elementProperties: Map<PropertyKey, { attribute?: boolean | string }> };
  return [...elementClass.elementProperties]
    .filter(([, options]) => options.attribute !== false)
    .map(([property, options]) => ({
      name: typeof options.attribute === 'string' ? options.attribute : String(property).toLowerCase(),
      fieldName: String(property),
    }));
}

/**
 * Every `--trtc-*` custom property the element's styles read, as the browser has them (shared
 * tokens interpolated), with each fallback written for it (the default when it is unset).
 */
function customPropertiesRead(tagName: string): Map<string, Set<string>> {
  const styles = (customElements.get(tagName) as unknown as { elementStyles: { cssText: string }[] }).elementStyles;
  const read = new Map<string, Set<string>>();
  for (const { cssText } of styles) {
    for (const match of cssText.matchAll(/var\(\s*(--trtc-[a-z0-9-]+)\s*(,?)/g)) {
      const fallbacks = read.get(match[1]) ?? new Set<string>();
      read.set(match[1], fallbacks);
      if (match[2]) fallbacks.add(untilClosingParenthesis(cssText, match.index + match[0].length).trim().replace(/\s+/g, ' '));
    }
  }
  return read;
}

function untilClosingParenthesis(text: string, start: number): string {
  let depth = 0;
  for (let index = start; index < text.length; index += 1) {
    if (text[index] === '(') depth += 1;
    else if (text[index] === ')' && depth-- === 0) return text.slice(start, index);
  }
  throw new Error(`unbalanced var() in ${text.slice(start - 40, start + 40)}`);
}

describe('custom-elements.json', () => {
  it('conforms to the official schema of the version it declares', () => {
    expect(manifest.schemaVersion, 'schemaVersion').to.equal(facts.schemaVersion);
    expect(facts.schemaErrors, 'schema errors').to.deep.equal([]);
  });

  it('describes exactly the elements src/index.ts defines, each defined there under its tag', () => {
    const sourceTags = facts.elements.map((element) => element.tagName);
    expect(sourceTags, 'tags defined in src/index.ts').to.have.length(9);
    expect(elementDeclarations.map(({ declaration }) => declaration.tagName).sort()).to.deep.equal(sourceTags);
    const index = manifest.modules.find((module) => module.path === 'src/index.ts');
    const definitions = (index?.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition');
    for (const element of facts.elements) {
      const definition = definitions.find((entry) => entry.name === element.tagName);
      expect(definition?.declaration.name, `definition of <${element.tagName}>`).to.equal(element.className);
    }
  });

  for (const source of facts.elements) {
    describe(`<${source.tagName}>`, () => {
      const found = elementDeclarations.find(({ declaration }) => declaration.tagName === source.tagName);
      const element = found?.declaration as ManifestElement;

      before(() => {
        expect(found, `manifest entry for <${source.tagName}>`).to.exist;
        expect(found!.module.path).to.equal(source.path);
        expect(element.name).to.equal(source.className);
      });

      it('has a summary and a description', () => {
        expect(element.summary?.trim(), 'summary').to.be.ok;
        expect(element.description?.trim(), 'description').to.be.ok;
      });

      it('lists every attribute the element observes or sets, linked to its property, with a description', () => {
        const attributes = element.attributes ?? [];
        const observed = [...observedAttributes(source.tagName), ...source.attributes];
        for (const expected of observed) {
          const attribute = attributes.find((entry) => entry.name === expected.name);
          expect(attribute, `attribute "${expected.name}"`).to.exist;
          if (expected.fieldName) expect(attribute!.fieldName, `fieldName of "${expected.name}"`).to.equal(expected.fieldName);
        }
        for (const reflected of source.reflectedAttributes) {
          expect(names(attributes), `attribute "${reflected}" the element sets itself`).to.include(reflected);
        }
        const fromSource = new Set([...observed.map((entry) => entry.name), ...source.reflectedAttributes]);
        expect(names(attributes).filter((name) => !fromSource.has(name)), 'attributes the source does not have').to.deep.equal([]);
        expect(undocumented(attributes), 'attributes without a description').to.deep.equal([]);
      });

      it('lists every public property and method, with a description', () => {
        const members = (element.members ?? []).filter((member) => !member.privacy || member.privacy === 'public');
        const fields = members.filter((member) => member.kind === 'field' && !member.static);
        const methods = members.filter((member) => member.kind === 'method' && !member.static);
        expect(names(fields), 'public properties').to.deep.equal(source.properties.map((entry) => entry.name).sort());
        expect(names(methods), 'public methods').to.deep.equal(source.methods.map((entry) => entry.name).sort());
        expect(undocumented(members), 'public members without a description').to.deep.equal([]);
        const undocumentedInSource = [...source.properties, ...source.methods].filter((entry) => !entry.documented);
        expect(undocumentedInSource.map((entry) => entry.name), 'members without JSDoc in the source').to.deep.equal([]);
      });

      it('lists every event it dispatches, with the detail type of HTMLElementEventMap and a description', () => {
        const events = element.events ?? [];
        expect(names(events)).to.deep.equal(source.events.map((event) => event.name).sort());
        for (const expected of source.events) {
          expect(expected.type, `HTMLElementEventMap entry for "${expected.name}"`).to.match(/^CustomEvent<.+>$/);
          const event = events.find((entry) => entry.name === expected.name);
          expect(event?.type?.text, `type of "${expected.name}"`).to.equal(expected.type);
        }
        expect(undocumented(events), 'events without a description').to.deep.equal([]);
      });

      it('lists the slots and parts of its template, with descriptions', () => {
        expect(names(element.slots), 'slots').to.deep.equal([...source.slots].sort());
        expect(undocumented(element.slots), 'slots without a description').to.deep.equal([]);
        expect(names(element.cssParts), 'parts').to.deep.equal([...source.parts].sort());
        expect(undocumented(element.cssParts), 'parts without a description').to.deep.equal([]);
      });

      it('lists the custom properties its styles read, with descriptions and the defaults the styles fall back to', () => {
        const read = customPropertiesRead(source.tagName);
        expect(names(element.cssProperties), 'custom properties').to.deep.equal([...read.keys()].sort());
        expect(undocumented(element.cssProperties), 'custom properties without a description').to.deep.equal([]);
        for (const property of element.cssProperties ?? []) {
          const fallbacks = [...(read.get(property.name) ?? [])];
          expect(fallbacks.length, `${property.name}: one default in the styles`).to.be.at.most(1);
          if (property.default !== undefined) expect(fallbacks[0], `${property.name}: documented default`).to.equal(property.default);
        }
      });
    });
  }
});
