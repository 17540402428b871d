// The manifest describes the elements; the controller and backends are documented by their types.
export default {
  globs: ['src/elements/**/*.ts', 'src/index.ts'],
  exclude: ['src/**/*.d.ts', 'src/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
};
