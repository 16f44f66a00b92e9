import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Files that may touch Express, the database or the file system. Everything else in a
// capability folder is pure domain logic (STYLE.md), and lint keeps it that way.
const effectfulFiles = [
  'server/*.ts',
  'server/http/**',
  'server/db/**',
  'server/**/routes.ts',
  'server/**/service.ts',
  'server/**/queries.ts',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', '.demo-data/**', 'dist/**'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      'max-lines': ['warn', { max: 300, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['server/**/*.ts'],
    ignores: effectfulFiles,
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['express', 'pg', '@electric-sql/*', 'node:fs', 'node:fs/*', 'fs', '**/db/*', '**/queries.js', '**/service.js', '**/routes.js'],
            allowTypeImports: true,
            message: 'Pure files (scoring, suppression, presenters, schemas) may not touch Express, SQL, files or services.' },
        ],
      }],
    },
  },
  {
    // Effectful files only: a later block for the same file would replace the pure-file rule above.
    files: effectfulFiles,
    ignores: ['server/app.ts', 'server/**/queries.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/routes.js'], message: 'Only app.ts wires route tables.' }],
      }],
    },
  },
  {
    files: ['server/**/queries.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{ group: ['**/service.js', '**/routes.js'], message: 'Queries never import services or routes.' }],
      }],
    },
  },
  {
    files: ['public/js/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser, Survey: 'readonly', SurveyUI: 'readonly', Chart: 'readonly' },
    },
  },
  {
    // Bundled with its package by server/assets/service.ts.
    files: ['public/js/token.js'],
    languageOptions: { sourceType: 'module' },
  },
  {
    files: ['eslint.config.js', '**/*.cjs'],
    languageOptions: { globals: globals.node },
  },
);
