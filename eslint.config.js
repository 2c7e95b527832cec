// Lint: typescript-eslint's recommended rules (no type-aware rules, to stay fast on 2 cores).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist.tmp-*/', 'data/', '.test-data/', 'bench/out/', 'coverage/', 'static/build/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', Blob: 'readonly', performance: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-empty': ['error', { allowEmptyCatch: true }],
      // Chinese text legitimately uses the ideographic space (U+3000)
      'no-irregular-whitespace': ['error', { skipStrings: true, skipJSXText: true, skipTemplates: true }],
    },
  },
  // client/: browser code (the staff editor bundle); TypeScript checks the DOM names (client/tsconfig.json)
  { files: ['client/**/*.ts'], rules: { 'no-undef': 'off' } },
);
