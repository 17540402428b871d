/**
 * What only Node can tell the package tests in test/package/ (through the web-test-runner plugin
 * at the end of this file):
 * - custom-elements.json against the official schema, and each element's public surface read from
 *   its TypeScript source with the compiler API, independently of the analyzer that writes the
 *   manifest, so a public attribute or event the analyzer missed, or a JSDoc tag someone forgot,
 *   fails the suite;
 * - each subpath of `exports` resolved by Node and by TypeScript, as consumers resolve it;
 * - the generated framework typings type-checked against code that uses them.
 */
import Ajv from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

/** Schema errors of custom-elements.json, as readable strings; empty when it conforms. */
export function manifestSchemaErrors() {
  const schema = JSON.parse(readFileSync(require.resolve('custom-elements-manifest/schema.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validate = ajv.compile(schema);
  if (validate(manifest)) return [];
  return validate.errors.map((error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
}

/** The schema version the installed `custom-elements-manifest` package describes. */
export function schemaPackageVersion() {
  return JSON.parse(readFileSync(require.resolve('custom-elements-manifest/package.json'), 'utf8')).version;
}

function createProgram() {
  const configPath = join(ROOT, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  return ts.createProgram([join(ROOT, 'src/index.ts')], { ...parsed.options, noEmit: true });
}

/** `customElements.define('tag', Class)` calls in src/index.ts: class name → tag. */
function definedTags(indexFile) {
  const tags = new Map();
  const visit = (node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.getText(indexFile) === 'customElements.define' &&
      ts.isStringLiteral(node.arguments[0]) &&
      ts.isIdentifier(node.arguments[1])
    ) {
      tags.set(node.arguments[1].text, node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(indexFile);
  return tags;
}

function hasModifier(node, kind) {
  return ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false;
}

function hasJsDocText(node) {
  return ts.getJSDocCommentsAndTags(node).some((doc) => ts.isJSDoc(doc) && typeof doc.comment === 'string' && doc.comment.trim());
}

/** String literal types of an expression (one for a literal, several for a union such as `event.type`). */
function literalStrings(checker, expression) {
  const type = checker.getTypeAtLocation(expression);
  const parts = type.isUnion() ? type.types : [type];
  return parts.filter((part) => part.isStringLiteral()).map((part) => part.value);
}

/**
 * The public surface of every element registered in src/index.ts, as its source declares it:
 * attributes it sets itself (reflected state) or observes besides its reactive properties' (which
 * the browser tells the test: `lang`), public properties and methods
 * (and whether each has a JSDoc description), dispatched events with the detail type the global
 * `HTMLElementEventMap` gives them, and slots and parts in its templates.
 */
export function elementsFromSource() {
  const program = createProgram();
  const checker = program.getTypeChecker();
  const indexFile = program.getSourceFile(join(ROOT, 'src/index.ts'));
  const tags = definedTags(indexFile);
  const eventMap = checker.resolveName('HTMLElementEventMap', undefined, ts.SymbolFlags.Interface, false);
  const eventMapType = eventMap ? checker.getDeclaredTypeOfSymbol(eventMap) : undefined;
  const detailTypeOf = (name) => {
    const property = eventMapType?.getProperty(name);
    if (!property) return null;
    return checker.typeToString(checker.getTypeOfSymbol(property), undefined, ts.TypeFormatFlags.NoTruncation);
  };

  const elements = [];
  /** Every class of src/elements by name, so an element's own base class (shared by two elements) is described with it. */
  const elementClasses = new Map();
  for (const sourceFile of program.getSourceFiles()) {
    if (!sourceFile.fileName.startsWith(join(ROOT, 'src/elements/'))) continue;
    for (const statement of sourceFile.statements) {
      if (ts.isClassDeclaration(statement) && statement.name) elementClasses.set(statement.name.text, { declaration: statement, sourceFile });
    }
  }
  for (const [name, { declaration, sourceFile }] of elementClasses) {
    if (tags.has(name)) elements.push(describeClass(declaration, sourceFile));
  }
  return elements.sort((a, b) => a.tagName.localeCompare(b.tagName));

  function describeClass(declaration, sourceFile) {
    const element = {
      tagName: tags.get(declaration.name.text),
      className: declaration.name.text,
      path: relative(ROOT, sourceFile.fileName),
      attributes: [],
      reflectedAttributes: [],
      properties: [],
      methods: [],
      events: [],
      slots: [],
      parts: [],
    };
    /** The class, then the base classes of src/elements it extends (LitElement's own members are not ours). */
    const lineage = [{ declaration, sourceFile }];
    for (let current = declaration; ; ) {
      const base = current.heritageClauses?.find((clause) => clause.token === ts.SyntaxKind.ExtendsKeyword)?.types[0]?.expression;
      const found = base && ts.isIdentifier(base) ? elementClasses.get(base.text) : undefined;
      if (!found) break;
      lineage.push(found);
      current = found.declaration;
    }
    for (const member of lineage.flatMap((entry) => [...entry.declaration.members])) {
      const name = member.name && ts.isIdentifier(member.name) ? member.name.text : null;
      const isPublic =
        name !== null &&
        !hasModifier(member, ts.SyntaxKind.PrivateKeyword) &&
        !hasModifier(member, ts.SyntaxKind.ProtectedKeyword) &&
        !hasModifier(member, ts.SyntaxKind.StaticKeyword) &&
        // Lit lifecycle overrides (render, connectedCallback, ...) are LitElement's API, not ours.
        !hasModifier(member, ts.SyntaxKind.OverrideKeyword);
      if (!isPublic) continue;
      const documented = hasJsDocText(member);
      if (ts.isPropertyDeclaration(member)) {
        element.properties.push({ name, documented });
      } else if (ts.isGetAccessorDeclaration(member) || ts.isSetAccessorDeclaration(member)) {
        if (!element.properties.some((property) => property.name === name)) element.properties.push({ name, documented });
        else if (documented) element.properties.find((property) => property.name === name).documented = true;
      } else if (ts.isMethodDeclaration(member)) {
        element.methods.push({ name, documented });
      }
    }

    const templateText = [];
    let observesLang = false;
    const visit = (node) => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression.getText(sourceFile);
        const [first] = node.arguments;
        if (callee === 'this.dispatchEvent' && first) {
          for (const type of dispatchedTypes(first)) addEvent(type);
        }
        if ((callee === 'this.setAttribute' || callee === 'this.toggleAttribute') && first && ts.isStringLiteral(first)) {
          if (!element.reflectedAttributes.includes(first.text)) element.reflectedAttributes.push(first.text);
        }
      }
      // Its locale follows a `lang` attribute on the element (or around it): a public attribute.
      if (ts.isNewExpression(node) && node.expression.getText(sourceFile) === 'LocaleController') observesLang = true;
      if (ts.isTaggedTemplateExpression(node) && node.tag.getText(sourceFile) === 'html') {
        templateText.push(node.template.getText(sourceFile));
      }
      ts.forEachChild(node, visit);
    };
    for (const entry of lineage) {
      sourceFile = entry.sourceFile;
      visit(entry.declaration);
    }
    if (observesLang) element.attributes.push({ name: 'lang', fieldName: null });

    const template = templateText.join('\n');
    for (const match of template.matchAll(/<slot\b([^>]*)>/g)) {
      const slotName = /\bname="([^"]*)"/.exec(match[1])?.[1] ?? '';
      if (!element.slots.includes(slotName)) element.slots.push(slotName);
    }
    for (const match of template.matchAll(/\bpart="([^"$]+)"/g)) {
      for (const part of match[1].split(/\s+/)) if (!element.parts.includes(part)) element.parts.push(part);
    }
    return element;

    function addEvent(name) {
      if (element.events.some((event) => event.name === name)) return;
      element.events.push({ name, type: detailTypeOf(name) });
    }

    /** `roomEvent(type, detail)` or `new CustomEvent(type, ...)`: the possible values of `type`. */
    function dispatchedTypes(argument) {
      if ((ts.isCallExpression(argument) || ts.isNewExpression(argument)) && argument.arguments?.[0]) {
        return literalStrings(checker, argument.arguments[0]);
      }
      return [];
    }
  }
}

const PACKAGE = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

/**
 * Each subpath of package.json `exports`, resolved the way consumers resolve it: by Node (the
 * package importing itself by name, which goes through `exports`) and by TypeScript (bundler
 * resolution, `types` condition). Paths are relative to the package root; null when unresolved.
 */
export async function resolvedExports() {
  const host = ts.createCompilerHost({});
  const options = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, noEmit: true };
  const importer = join(ROOT, 'scripts/package-facts.mjs');
  const result = [];
  for (const subpath of Object.keys(PACKAGE.exports)) {
    const specifier = subpath === '.' ? PACKAGE.name : `${PACKAGE.name}/${subpath.slice(2)}`;
    let runtime = null;
    try {
      runtime = relative(ROOT, fileURLToPath(import.meta.resolve(specifier)));
    } catch {
      // A types-only subpath has no runtime target: Node refuses it, which is what consumers see too.
    }
    const typed = ts.resolveModuleName(specifier, importer, options, host).resolvedModule;
    const types = typed ? relative(ROOT, typed.resolvedFileName) : null;
    result.push({
      subpath,
      specifier,
      runtime,
      runtimeExists: runtime !== null && existsSync(join(ROOT, runtime)),
      types,
      typesExists: types !== null && existsSync(join(ROOT, types)),
      // The dev server would serve a .d.ts compiled to nothing: hand over the text of types-only entries.
      typesText: runtime === null && types !== null && existsSync(join(ROOT, types)) ? readFileSync(join(ROOT, types), 'utf8') : null,
    });
  }
  return result;
}

const TYPINGS_FIXTURES = join(ROOT, 'test/package/typings-fixtures');

/**
 * Type-checks test/package/typings-fixtures/* (code using the generated dist/vue.d.ts and
 * dist/jsx.d.ts through the package's own `exports`) and returns the diagnostics in those files
 * and in dist/. The fixtures mark misuse with `@ts-expect-error`, so typings that accept anything
 * fail as surely as typings that break.
 */
export function typingsDiagnostics() {
  const files = readdirSync(TYPINGS_FIXTURES)
    .filter((name) => /\.tsx?$/.test(name))
    .map((name) => join(TYPINGS_FIXTURES, name));
  // Each fixture in a program of its own, as each is a project of its own: a Vue app does not
  // load the JSX typings (both declare the global JSX namespace, each for its framework).
  const programs = files.map((file) =>
    ts.createProgram([file], {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2022.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
      jsx: ts.JsxEmit.Preserve,
      strict: true,
      noEmit: true,
      types: [],
      // Checking every library's declarations takes 15 s; a broken dist/*.d.ts still shows, as the
      // fixtures' `@ts-expect-error` lines going unused or their valid code failing.
      skipLibCheck: true,
    }),
  );
  const ours = (file) => file && (file.fileName.startsWith(TYPINGS_FIXTURES) || file.fileName.startsWith(join(ROOT, 'dist/')));
  const diagnostics = programs.flatMap((program) =>
    [...program.getSyntacticDiagnostics(), ...program.getSemanticDiagnostics()].filter((d) => ours(d.file)),
  );
  const reached = programs.flatMap((program) => program.getSourceFiles().map((file) => relative(ROOT, file.fileName)));
  return {
    files: files.map((file) => relative(ROOT, file)),
    checkedDist: [...new Set(reached.filter((name) => name === 'dist/vue.d.ts' || name === 'dist/jsx.d.ts'))],
    diagnostics: [...new Set(diagnostics.map((d) => {
      const where = d.file ? `${relative(ROOT, d.file.fileName)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : '';
      return `${where} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    }))],
  };
}

/**
 * web-test-runner plugin: lets browser tests ask Node, with `executeServerCommand(name)` from
 * `@web/test-runner-commands`, for `manifest-facts`, `package-exports` and `typings-diagnostics`.
 * Each answer is computed once per run: every engine asks, and the compiler takes seconds.
 */
export function packageFactsPlugin() {
  const answers = new Map();
  const commands = {
    'manifest-facts': () => ({
      schemaVersion: schemaPackageVersion(),
      schemaErrors: manifestSchemaErrors(),
      elements: elementsFromSource(),
    }),
    'package-exports': () => resolvedExports(),
    'typings-diagnostics': () => typingsDiagnostics(),
  };
  return {
    name: 'package-facts',
    executeCommand({ command }) {
      if (!(command in commands)) return undefined;
      if (!answers.has(command)) answers.set(command, commands[command]());
      return answers.get(command);
    },
  };
}
