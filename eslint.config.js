// Lint that protects the architecture: typed rules, hooks rules, React Query rules, and
// boundaries that keep the SPA, the server and the sandbox from importing each other.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import pluginQuery from '@tanstack/eslint-plugin-query'
import globals from 'globals'
import path from 'node:path'

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: patterns, message }] }],
})

const featuresRoot = path.join(import.meta.dirname, 'src/web/features')

/** The feature folder a file lies in, or undefined outside src/web/features. */
function featureOf(file) {
  const relative = path.relative(featuresRoot, file)
  if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined
  return relative.split(path.sep)[0]
}

// Features are composed by routes, never by each other: a relative import that lands in another
// feature's folder is an error. (no-restricted-imports matches the import text, not where it
// resolves, so `../../outcomes/x` from inside runs would slip through it.)
const featureBoundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const own = featureOf(context.filename)
    if (own === undefined) return {}
    const check = (node) => {
      const source = node.source?.value
      if (typeof source !== 'string' || !source.startsWith('.')) return
      const target = featureOf(path.resolve(path.dirname(context.filename), source))
      if (target !== undefined && target !== own) {
        context.report({
          node: node.source,
          message: `The ${own} feature must not import the ${target} feature: compose them in a route (src/web/app/routes) and pass what one needs as props.`,
        })
      }
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    }
  },
}

export default tseslint.config(
  {
    ignores: [
      'dist',
      'dist-server',
      'dist-ssr',
      'node_modules',
      'bench/results',
      'test-results',
      'playwright-report',
      'screenshots',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // A switch with a default case has decided what the other cases do.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      // Numbers and booleans read fine in messages; objects and nullish values are the bugs.
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
      // `onClick={() => setOpen(false)}` and `return send()` as an early exit from a void handler
      // are idioms here, not confusions.
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['eslint.config.js', '.ci/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // In a test, `rows[0]!` failing is the test failing: the assertion is the check.
    files: ['**/*.test.{ts,tsx}'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  {
    // Playwright fixtures must destructure their dependencies, even when there are none.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: {
      'react-hooks': reactHooks,
      '@tanstack/query': pluginQuery,
      runboard: { rules: { 'feature-boundaries': featureBoundaries } },
    },
    rules: {
      'runboard/feature-boundaries': 'error',
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
