#!/usr/bin/env node
/**
 * `npm run docs`: writes docs/api.md, the API reference, from custom-elements.json (run
 * `npm run analyze` first when the JSDoc changed). The elements come from the manifest, in the
 * order src/index.ts defines them; the types their attributes, methods and events name (event
 * details, states, options) are read from the package's own declarations with the TypeScript
 * compiler, so a detail's fields are documented where they are declared. CI regenerates the file
 * and fails when the committed one differs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUTPUT = join(ROOT, 'docs/api.md');
/** Types declared here are the package's vocabulary and get a section; others stay plain code. */
const DOCUMENTED_TYPE_SOURCES = ['src/room/', 'src/elements/', 'src/backends/loader.ts'];

const escapeCell = (text) => text.replace(/\|/g, '\\|').replace(/\r?\n\s*/g, ' ').trim();
const code = (text) => `\`${text.replace(/\s+/g, ' ').trim()}\``;

/** One Markdown table; empty when there are no rows. */
function table(head, rows) {
  if (rows.length === 0) return [];
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((row) => `| ${row.map(escapeCell).join(' | ')} |`), ''];
}

function expandedTypeText(checker, type) {
  const flags = ts.TypeFormatFlags.UseSingleQuotesForStringLiteralType;
  return (type.isUnion() ? type.types : [type]).map((part) => checker.typeToString(part, undefined, flags)).join(' | ');
}

/** Reads the package's exported declarations once: name → what the Types section says about it. */
function readTypes() {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const program = ts.createProgram([join(ROOT, 'src/index.ts')], { ...parsed.options, noEmit: true });
  const checker = program.getTypeChecker();
  const index = checker.getSymbolAtLocation(program.getSourceFile(join(ROOT, 'src/index.ts')));
  const types = new Map();
  for (const exported of checker.getExportsOfModule(index)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    if (!declaration) continue;
    const path = relative(ROOT, declaration.getSourceFile().fileName);
    if (!DOCUMENTED_TYPE_SOURCES.some((source) => path.startsWith(source))) continue;
    const description = ts.displayPartsToString(symbol.getDocumentationComment(checker));
    if (ts.isInterfaceDeclaration(declaration)) {
      const fields = declaration.members.filter(ts.isPropertySignature).map((member) => ({
        name: member.name.getText() + (member.questionToken ? '?' : ''),
        type: member.type?.getText() ?? 'unknown',
        description: ts.displayPartsToString(checker.getSymbolAtLocation(member.name)?.getDocumentationComment(checker) ?? []),
      }));
      types.set(exported.name, { kind: 'interface', description, fields });
    } else if (ts.isTypeAliasDeclaration(declaration) && !ts.isMappedTypeNode(declaration.type)) {
      // An alias of another alias (`RoomRole = TrtcRole`) is shown as what it stands for.
      const text = ts.isTypeReferenceNode(declaration.type)
        ? expandedTypeText(checker, checker.getTypeAtLocation(declaration.type))
        : declaration.type.getText().replace(/^\s*\|\s*/, '');
      // Only plain aliases (unions, function types); computed ones read better in the source.
      if (/[[\]{}]/.test(text) || text.includes('keyof')) continue;
      types.set(exported.name, { kind: 'alias', description, text });
    }
  }
  return types;
}

function typeNamesIn(text) {
  return [...new Set(text.match(/\b[A-Z][A-Za-z]+\b/g) ?? [])];
}

/** Renders the text of a type, linking each documented type it names to its section. */
function linkTypes(text, types, used) {
  if (!text) return '';
  const names = typeNamesIn(text).filter((name) => types.has(name));
  for (const name of names) used.add(name);
  const link = (name) => `[\`${name}\`](#${name.toLowerCase()})`;
  if (names.length === 1 && names[0] === text.trim()) return link(names[0]);
  if (names.length === 0) return code(text);
  return `${code(text)} (see ${names.map(link).join(', ')})`;
}

const isPublic = (member) => !member.static && (member.privacy ?? 'public') === 'public';

function describeElement(element, types, used) {
  const lines = [`## \`<${element.tagName}>\``, ''];
  if (element.summary) lines.push(`**${element.summary.trim()}**`, '');
  if (element.description) lines.push(element.description.trim(), '');
  lines.push(`Class: \`${element.name}\``, '');

  const fields = (element.members ?? []).filter((member) => member.kind === 'field' && isPublic(member));
  const attributes = element.attributes ?? [];
  const rows = [];
  for (const attribute of attributes) {
    const field = fields.find((candidate) => candidate.name === attribute.fieldName);
    const setByElement = field?.readonly;
    rows.push([
      code(attribute.name),
      field ? code(field.name) : '',
      linkTypes(attribute.type?.text ?? field?.type?.text ?? '', types, used),
      setByElement ? '(set by the element)' : attribute.default ? code(attribute.default) : '',
      attribute.description ?? field?.description ?? '',
    ]);
  }
  for (const field of fields) {
    if (attributes.some((attribute) => attribute.fieldName === field.name)) continue;
    rows.push([
      '',
      code(field.name) + (field.readonly ? ' (read-only)' : ''),
      linkTypes(field.type?.text ?? '', types, used),
      field.default ? code(field.default) : '',
      field.description ?? '',
    ]);
  }
  if (rows.length > 0) {
    lines.push('### Attributes and properties', '');
    lines.push(...table(['Attribute', 'Property', 'Type', 'Default', 'Description'], rows));
  }

  const methods = (element.members ?? []).filter((member) => member.kind === 'method' && isPublic(member));
  if (methods.length > 0) {
    lines.push('### Methods', '');
    lines.push(
      ...table(
        ['Method', 'Returns', 'Description'],
        methods.map((method) => {
          const parameters = (method.parameters ?? [])
            .map((parameter) => `${parameter.name}${parameter.optional || parameter.default ? '?' : ''}: ${parameter.type?.text ?? 'unknown'}`)
            .join(', ');
          const signature = linkTypes(`${method.name}(${parameters})`, types, used);
          return [signature, linkTypes(method.return?.type?.text ?? 'void', types, used), method.description ?? ''];
        }),
      ),
    );
  }

  const events = element.events ?? [];
  if (events.length > 0) {
    lines.push('### Events', '', 'All bubble and are composed (they cross shadow roots), so a page can listen on `document`.', '');
    lines.push(
      ...table(
        ['Event', 'Detail', 'Description'],
        events.map((event) => {
          const detail = /^CustomEvent<(.+)>$/.exec(event.type?.text ?? '')?.[1] ?? event.type?.text ?? '';
          return [code(event.name), linkTypes(detail, types, used), event.description ?? ''];
        }),
      ),
    );
  }

  const sections = [
    ['Slots', ['Slot', 'Description'], (element.slots ?? []).map((slot) => [slot.name ? code(slot.name) : '(default)', slot.description ?? ''])],
    ['CSS parts', ['Part', 'Description'], (element.cssParts ?? []).map((part) => [code(part.name), part.description ?? ''])],
    [
      'CSS custom properties',
      ['Property', 'Default', 'Description'],
      (element.cssProperties ?? []).map((property) => [code(property.name), property.default ? code(property.default) : '', property.description ?? '']),
    ],
  ];
  for (const [title, head, sectionRows] of sections) {
    if (sectionRows.length === 0) continue;
    lines.push(`### ${title}`, '', ...table(head, sectionRows));
  }
  return lines;
}

/** The Types section: every documented type an element names, and the types those name in turn. */
function describeTypes(types, used) {
  const closure = new Set();
  const visit = (name) => {
    if (closure.has(name)) return;
    closure.add(name);
    const type = types.get(name);
    const texts = type.kind === 'alias' ? [type.text] : type.fields.map((field) => field.type);
    for (const next of texts.flatMap(typeNamesIn)) if (types.has(next)) visit(next);
  };
  for (const name of used) visit(name);

  const lines = ['## Types', '', "The types named above, as the package declares them (`import type { … } from 'trtc-live-elements'`).", ''];
  const ignored = new Set();
  for (const name of [...closure].sort()) {
    const type = types.get(name);
    lines.push(`### ${name}`, '');
    if (type.description) lines.push(type.description.trim(), '');
    if (type.kind === 'alias') lines.push(linkTypes(type.text, types, ignored), '');
    else {
      const rows = type.fields.map((field) => [code(field.name), linkTypes(field.type, types, ignored), field.description]);
      lines.push(...table(['Field', 'Type', 'Description'], rows));
    }
  }
  return lines;
}

function renderApiDocs() {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8'));
  const declarations = new Map();
  for (const module of manifest.modules) {
    for (const declaration of module.declarations ?? []) if (declaration.customElement) declarations.set(declaration.name, declaration);
  }
  const order = manifest.modules
    .flatMap((module) => module.exports ?? [])
    .filter((entry) => entry.kind === 'custom-element-definition')
    .map((entry) => declarations.get(entry.declaration.name))
    .filter(Boolean);

  const types = readTypes();
  const used = new Set();
  const body = order.flatMap((element) => describeElement(element, types, used));
  const lines = [
    '# API reference',
    '',
    '<!-- Generated by scripts/api-docs.mjs from custom-elements.json and the package\'s types: edit the JSDoc, then run `npm run analyze && npm run docs`. -->',
    '',
    'Every element of `trtc-live-elements`: attributes and the properties behind them, methods, events and their detail, slots, CSS parts and custom properties. Booleans are on when present, except that the text `"false"` counts as off.',
    '',
    ...order.map((element) => `- [\`<${element.tagName}>\`](#${element.tagName})`),
    '- [Types](#types)',
    '',
    ...body,
    ...describeTypes(types, used),
  ];
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, renderApiDocs());
  console.log(`wrote ${relative(ROOT, OUTPUT)}`);
}
