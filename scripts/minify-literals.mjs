/**
 * Shrinks the CSS and HTML inside lit's css`` and html`` templates, which a JS minifier leaves
 * untouched. Conservative on purpose: it only drops comments and whitespace that cannot matter.
 */
const CSS_TEMPLATE = /\bcss`([^`]*)`/g;
const HTML_TEMPLATE = /\bhtml`([^`]*)`/g;

export function minifyCss(text) {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/\s*([{};,>])\s*/g, '$1')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .trim();
}

export function minifyHtml(text) {
  // Whitespace that spans a line break is layout of the source, not content: one space keeps
  // any separation between inline content without the indentation.
  return text.replace(/<!--(?![?\s]*lit)[\s\S]*?-->/g, '').replace(/\s*\n\s*/g, ' ');
}

export function minifyLiterals(source) {
  return source
    .replace(CSS_TEMPLATE, (_, body) => `css\`${minifyCss(body)}\``)
    .replace(HTML_TEMPLATE, (_, body) => `html\`${minifyHtml(body)}\``);
}
