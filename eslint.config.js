import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '.tmp',
      'dist',
      'dist-*',
      'node_modules',
      'playwright-report',
      'test-results',
      'coverage',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // The layers: the model is pure and imports nothing of the project outside itself.
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'The model imports no React.' },
            {
              group: [
                '**/machine/**',
                '**/store/**',
                '**/view/**',
                '**/embed/**',
                '**/commands/**',
              ],
              message: 'The model imports nothing of the other layers.',
            },
            { group: ['d3-*', 'xstate', 'zustand'], message: 'The model is plain TypeScript.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'setTimeout',
        'setInterval',
        'requestAnimationFrame',
      ],
    },
  },
  {
    files: ['src/machine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'The machine imports no React.' },
            {
              group: ['**/view/**', '**/store/**', '**/embed/**', '**/commands/**'],
              message: 'The machine imports only the model.',
            },
          ],
        },
      ],
    },
  },
  {
    // The store owns the settings; it hears the hop through an interface (urlSync's HopSource).
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'The store imports no React.' },
            {
              group: ['**/view/**', '**/embed/**', '**/machine/**', '**/commands/**'],
              message: 'The store imports only the model.',
            },
          ],
        },
      ],
    },
  },
  {
    // The commands: every entry point (view, embed) performs them; they act on the two owners.
    files: ['src/commands/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'The commands import no React.' },
            {
              group: ['**/view/**', '**/embed/**'],
              message: 'The commands import only the model, the machine and the store.',
            },
          ],
        },
      ],
    },
  },
  {
    // The embed bridge runs beside the view, not inside it: what it does, it does through the
    // commands, so the widget has no commands of its own.
    files: ['src/embed/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'react/*'],
              message: 'The embed layer imports no React.',
            },
            {
              group: ['**/view/**'],
              message: 'The embed layer imports no view: it reaches the page through the commands.',
            },
          ],
        },
      ],
    },
  },
  {
    // Scripts other sites include (a deck plugin): built on their own as classic scripts, so
    // they take only the embed protocol's dependency-free halves, never the app.
    files: ['src/integrations/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*'], message: 'Integrations import no React.' },
            {
              group: [
                '**/view/**',
                '**/store/**',
                '**/machine/**',
                '**/commands/**',
                '**/model/**',
                '**/embed/*',
                '!**/embed/hostMessages',
                '!**/embed/paging',
              ],
              message: 'Integrations import only embed/hostMessages and embed/paging.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.{js,mjs,ts}', '*.config.{js,ts}', 'e2e/**/*.ts', 'bench/**/*.{mjs,ts}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
