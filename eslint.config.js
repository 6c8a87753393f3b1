// @ts-check
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { noImportCycle } from './eslint-rules/no-import-cycle.js';
import { featureBoundaries } from './eslint-rules/feature-boundaries.js';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const nodeOnlyPackages = ['better-sqlite3', 'drizzle-orm/better-sqlite3', 'serialport', 'node-hid', 'pino', 'electron', 'cockatiel'];

/**
 * The layering rule (VS Code style): renderer → shared ← main.
 * - src/shared: pure; no Node, no Electron, nothing from main or renderer.
 * - src/renderer: browser only; shared and itself.
 * - src/main: may use shared, never the renderer.
 */
const greentill = { rules: { 'no-import-cycle': noImportCycle, 'feature-boundaries': featureBoundaries } };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-artifacts/**', 'bench/results*', '.tmp/**', 'bench/.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // One private-field style (issue #14): ECMAScript `#fields`, enforced at run time, not TypeScript's `private`.
      'no-restricted-syntax': [
        'error',
        { selector: 'PropertyDefinition[accessibility="private"]', message: 'Use a #private field, not TypeScript `private`.' },
        { selector: 'TSParameterProperty[accessibility="private"]', message: 'Declare a #private field and assign it, not a `private` parameter property.' },
        { selector: 'MethodDefinition[accessibility="private"][kind!="constructor"]', message: 'Use a #private method, not TypeScript `private`.' },
      ],
    },
  },
  {
    // No import cycles (issue #14): a cycle means two modules are one concept, or a helper lives in the wrong place.
    files: ['src/**/*.{ts,tsx}'],
    plugins: { greentill },
    rules: { 'greentill/no-import-cycle': 'error' },
  },
  {
    // Feature boundaries (issue #14): entries → core → features → platform, and features only through their declared dependencies.
    files: ['src/main/**/*.ts'],
    plugins: { greentill },
    rules: { 'greentill/feature-boundaries': 'error' },
  },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nodeOnlyPackages].map((name) => ({ name, message: 'src/shared must run in the renderer too: no Node or Electron.' })),
          patterns: [
            { group: ['**/main/**', '**/main', '**/renderer/**', '**/renderer'], message: 'src/shared imports nothing from main or renderer.' },
            { group: ['drizzle-orm/better-sqlite3*', '@serialport/*'], message: 'src/shared must run in the renderer too.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname', 'window', 'document'],
    },
  },
  {
    // The rules of hooks, and effects that name what they read (issue #14).
    files: ['src/renderer/**/*.tsx', 'src/renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  {
    files: ['src/renderer/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...nodeOnlyPackages].map((name) => ({
            name,
            message: 'The renderer reaches Node, SQLite and devices only through the IPC contract.',
          })),
          patterns: [
            { group: ['**/main/**', '**/main'], message: 'The renderer may import only renderer and shared code; call the main process through the contract.' },
            // The core reads licences (issue #15): the screen forwards the raw scan and shows the core's answer.
            { group: ['**/shared/id/aamva'], importNames: ['parseAamva'], message: 'The core parses licences: send the raw barcode with customer-check-in.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'require', '__dirname'],
    },
  },
  {
    // What the servers share (their PostgreSQL under the migration discipline): servers' code, never a register's.
    files: ['src/server-kit/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/main', '**/renderer/**', '**/renderer', '**/store-server/**', '**/store-server', '**/relay/**', '**/relay'],
              message: 'The server kit imports only src/shared and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // Staff PIN hashing: a register hashes and checks its staff's PINs, and the store server checks an admin's PIN
    // against the store's roster (the hash a register made) before it makes a pairing code or retires a register.
    files: ['src/staff-pin/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/main', '**/renderer/**', '**/renderer', '**/store-server/**', '**/store-server', '**/relay/**', '**/relay'],
              message: 'Staff PIN hashing imports only src/shared and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // Metrc's API from Node (issue #20): used by a register reporting on its own and by the store server's single reporter,
    // so it imports only src/shared and itself — nothing of a register, nothing of a server.
    files: ['src/metrc/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/main/**',
                '**/main',
                '**/renderer/**',
                '**/renderer',
                '**/store-server/**',
                '**/store-server',
                '**/relay/**',
                '**/relay',
                '**/server-kit/**',
              ],
              message: 'The Metrc client imports only src/shared and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    // The store server (issue #20) is its own process: it shares the contract and the pure rules, nothing of a register.
    files: ['src/store-server/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/main/**', '**/main', '**/renderer/**', '**/renderer'], message: 'The store server imports only src/shared and itself.' }] },
      ],
    },
  },
  {
    // The order relay (issue #21) is its own internet-facing process: like the store server, only src/shared and itself.
    files: ['src/relay/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/main/**', '**/main', '**/renderer/**', '**/renderer', '**/store-server/**', '**/store-server'],
              message: 'The relay imports only src/shared and itself.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/main/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**', '**/renderer'], message: 'The main process never imports the renderer.' }] }],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
