// The manifest describes the elements; the controller and backends are documented by their types.

const camelCase = (attribute) => attribute.replace(/-([a-z])/g, (_, letter) => letter.toUpperCase());

/**
 * Four corrections to what the analyzer writes:
 * - Modules are listed by path: the analyzer lists them in the order the file system returns
 *   them, which differs between checkouts, and CI compares the committed manifest with a fresh one.
 * - Attributes documented with `@attr` in a class comment (state the element reflects itself,
 *   such as `connection-state`) are linked to the getter of the same camel-cased name, so tools
 *   and the generated typings know `connectionState` and `connection-state` are one thing.
 * - The analyzer records some local `const`s inside methods as module declarations; a declaration
 *   its module does not export is not part of the package, so it is dropped.
 * - A base class two elements share (MediaToggleElement) extends LitElement but has no tag: it is
 *   not an element itself, only what its elements inherit.
 */
function tidyManifest() {
  return {
    name: 'trtc-tidy-manifest',
    packageLinkPhase({ customElementsManifest }) {
      customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      for (const module of customElementsManifest.modules) {
        const exported = new Set((module.exports ?? []).map((entry) => entry.declaration?.name));
        module.declarations = (module.declarations ?? []).filter(
          (declaration) => declaration.kind === 'class' || declaration.kind === 'mixin' || exported.has(declaration.name),
        );
        for (const declaration of module.declarations) {
          if (declaration.customElement && !declaration.tagName) delete declaration.customElement;
          for (const attribute of declaration.attributes ?? []) {
            if (attribute.fieldName) continue;
            const field = declaration.members?.find(
              (member) => member.kind === 'field' && !member.static && member.name === camelCase(attribute.name),
            );
            if (!field) continue;
            attribute.fieldName = field.name;
            field.attribute = attribute.name;
            field.reflects = true;
          }
        }
      }
    },
  };
}

export default {
  globs: ['src/elements/**/*.ts', 'src/index.ts'],
  exclude: ['src/**/*.d.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  plugins: [tidyManifest()],
};
