export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.d.ts', 'src/backends/**'],
  outdir: '.',
  litelement: true,
};
