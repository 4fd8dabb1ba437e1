// Lint that protects the architecture: typed rules, hooks rules, React Query rules, and
// boundaries that keep the SPA, the server and the sandbox from importing each other.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import pluginQuery from '@tanstack/eslint-plugin-query'
import globals from 'globals'

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
})

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-server',
      'node_modules',
      'bench/results',
      'test-results',
      'playwright-report',
      'screenshots',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['eslint.config.js', '.ci/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Playwright fixtures must destructure their dependencies, even when there are none.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, '@tanstack/query': pluginQuery },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...pluginQuery.configs.recommended.rules,
      ...restrict(
        ['**/server/**', '**/sandbox/**'],
        'The SPA talks to the server over /api only; share code through src/shared.',
      ),
    },
  },
  {
    files: ['src/server/**/*.ts'],
    rules: restrict(['**/web/**'], 'The server must not import SPA code.'),
  },
  {
    files: ['src/sandbox/**/*.ts'],
    rules: restrict(
      ['**/web/**', '**/server/**', '**/shared/**'],
      'The sandbox stands in for the vendors: it must not know Runboard’s own code.',
    ),
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict(
      ['**/web/**', '**/server/**', '**/sandbox/**'],
      'Shared code depends on nothing of ours.',
    ),
  },
)
