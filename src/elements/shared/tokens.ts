import { unsafeCSS, type CSSResult } from 'lit';

/**
 * The defaults of the `--trtc-*` custom properties that more than one element (or rule) reads,
 * each written once. The elements' JSDoc `@cssprop` defaults restate them for the manifest;
 * test/package/manifest.test.ts checks that they agree with the styles as the browser reads them.
 */
const defaults = {
  font: "500 0.9375rem/1.4 system-ui, -apple-system, 'Segoe UI', 'PingFang SC', 'Microsoft YaHei', sans-serif",
  gap: '12px',
  accent: '#0052d9',
  accentHover: '#003cab',
  accentTextColor: '#fff',
  focusRingColor: '#7fb1ff',
  tileAspectRatio: '16 / 9',
  tileRadius: '12px',
  tileBackground: '#111827',
  tileShadow: '0 1px 3px rgb(0 0 0 / 0.35)',
  tileMutedTextColor: '#d1d5db',
} as const;

export type Token = keyof typeof defaults;

const kebabCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);

/** `var(--trtc-kebab-name, its default)`, to use in an element's `css` as `${tokens.accentHover}`. */
export const tokens = Object.fromEntries(
  Object.entries(defaults).map(([name, value]) => [name, unsafeCSS(`var(--trtc-${kebabCase(name)}, ${value})`)]),
) as Record<Token, CSSResult>;
