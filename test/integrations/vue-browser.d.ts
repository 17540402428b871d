// Vue's browser ESM build (template compiler included) is what a page without a bundler imports;
// it ships no declarations of its own, but exports exactly what `vue` does.
declare module 'vue/dist/vue.esm-browser.prod.js' {
  export * from 'vue';
}
