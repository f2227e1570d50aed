// Lint: TypeScript and the React hooks rules, plus the boundaries between the core, the services
// and the mock (README "Boundaries"). `npm run lint` is part of `npm test`.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import importX from 'eslint-plugin-import-x'
import reactHooks from 'eslint-plugin-react-hooks'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import globals from 'globals'

const root = path.dirname(fileURLToPath(import.meta.url))

/** Every folder of `src/` that is neither the core, the main package's pages nor assets is a service. */
const NOT_SERVICES = new Set(['core', 'pages', 'assets'])
const services = fs
  .readdirSync(path.join(root, 'src'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !NOT_SERVICES.has(entry.name))
  .map((entry) => entry.name)

/** What of `src/` the mock may use: the contract and the pure helpers both sides share. */
const MOCK_MAY_IMPORT = ['./core/contract', './core/identity', './core/time', './core/api/transport.ts']

const zones = [
  ...services.map((service) => ({
    target: `./src/${service}`,
    from: './src',
    except: [`./${service}`, './core'],
    message: `A service imports the core, never another service, a main-package page or the app entry (src/${service}).`,
  })),
  ...services.map((service) => ({
    target: `./src/${service}`,
    from: './mock',
    message: 'A service talks to the backend through the core API client, never by importing the mock.',
  })),
  {
    target: './src/core',
    from: './src',
    except: ['./core'],
    message: 'The core imports no service, no page and not the app entry: they import it.',
  },
  { target: './src/core', from: './mock', message: 'The core never imports the mock (embedded mode plugs it in from src/app.ts).' },
  {
    target: './src/pages',
    from: './src',
    except: ['./pages', './core'],
    message: 'The main package reaches services by path (src/core/services.ts), never by importing them.',
  },
  { target: './src/pages', from: './mock', message: 'Pages talk to the backend through the core API client, never by importing the mock.' },
  {
    target: './src/app.config.ts',
    from: './mock',
    message: 'The app config never imports the mock.',
  },
  {
    target: './src/app.ts',
    from: './mock',
    except: ['./embedded'],
    message: 'The app entry may import only mock/embedded (the embedded build), nothing else of the mock.',
  },
  {
    target: './mock',
    from: './src',
    except: MOCK_MAY_IMPORT,
    message: "The mock may import only the core's contract, identity, time and the transport's types.",
  },
]

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      '.temp/**',
      '.swc/**',
      '.cache/**',
      'coverage/**',
      'artifacts/**',
      'bench/fixture/**',
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    plugins: { 'import-x': importX, 'react-hooks': reactHooks },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: path.join(root, 'tsconfig.json') })],
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'import-x/no-restricted-paths': ['error', { zones }],
      // An import the resolver cannot follow would slip past the boundaries: make it an error.
      'import-x/no-unresolved': ['error', { ignore: ['\\.(s?css|png)$'] }],
      'import-x/no-duplicates': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/shared/*'], message: 'The contract lives in docs/API.md and src/core/contract; nothing reads ../shared.' },
          ],
        },
      ],
    },
  },
  {
    // The build's globals (config/index.ts defineConstants).
    files: ['src/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          // For the app's old targets Babel compiles `v.pipe(...xs)` to a call with `v` as a value,
          // and webpack then keeps every valibot export in the main package (≈ 90 KB).
          selector: "CallExpression[callee.object.name='v'] > SpreadElement",
          message: 'No spread among the arguments of a valibot call: it ships all of valibot. Name each action instead.',
        },
      ],
    },
    languageOptions: {
      globals: { API_BASE: 'readonly', EMBEDDED_MOCK: 'readonly', LOGIN_WITH_WECHAT: 'readonly', DEMO_ACCOUNTS: 'readonly' },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['__tests__/**', 'bench/**'],
    languageOptions: { globals: { ...globals.jest } },
  },
)
