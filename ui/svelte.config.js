// Read by the Vite plugin, svelte-check and eslint-plugin-svelte alike, so all three
// compile components the same way. No preprocessor: Svelte 5 strips TypeScript itself.
/** @type {import('@sveltejs/vite-plugin-svelte').SvelteConfig} */
export default {
  compilerOptions: {
    runes: true,
  },
};
