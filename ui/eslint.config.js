import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

// Folder rules (see README.md). `no-restricted-imports` options are replaced, not merged,
// by a later matching block, so each block below lists every pattern that applies to it.
const ipcOnly = [
  {
    group: ['@tauri-apps/*'],
    message: 'Only ui/src/ipc/ may talk to Tauri. Add a typed wrapper there and import that.',
  },
  {
    group: ['**/ipc/bindings', '**/ipc/bindings.ts', '$ipc/bindings', '$ipc/bindings.ts'],
    message:
      'The generated bindings are private to ui/src/ipc/. Import a wrapper from $ipc instead.',
  },
];
const noFeatures = {
  group: ['**/features/**', '$features/*'],
  message: 'Shared code must not depend on a feature. Move the shared part into $lib.',
};

export default defineConfig(
  { ignores: ['dist/', 'node_modules/', 'src/ipc/bindings.ts'] },
  js.configs.recommended,
  ts.configs.recommendedTypeChecked,
  svelte.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        parser: ts.parser,
        svelteConfig,
      },
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      // Every IPC call returns a promise; a forgotten one hides an error from the user.
      '@typescript-eslint/no-floating-promises': 'error',
      eqeqeq: ['error', 'always'],
      // This rule is for SvelteKit's resolve(); Landa uses a hash router without base paths.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    files: ['src/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: ipcOnly }] },
  },
  {
    files: ['src/lib/**', 'src/shell/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...ipcOnly, noFeatures] }] },
  },
  {
    files: ['src/ipc/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noFeatures] }] },
  },
  {
    files: ['*.config.js', '*.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js'],
    ...ts.configs.disableTypeChecked,
  },
);
