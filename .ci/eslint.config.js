// ESLint flat config, kept under .ci/ so the repository's top level stays as the README describes.
// Run through `npm run lint` (eslint --config .ci/eslint.config.js .).
import tseslint from 'typescript-eslint';

const layer = (from, forbidden, why) => ({
  files: [`${from}/**/*.ts`],
  rules: {
    'no-restricted-imports': ['error', { patterns: forbidden.map((group) => ({ group: [group], message: why })) }],
  },
});

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', '.data/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
    },
  },
  // Tests read loosely typed JSON answers.
  { files: ['test/**/*.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  // Imports flow functions -> shared and infra -> shared/contracts; never back, and nothing imports test/.
  layer('shared', ['**/functions/**', '**/infra/**', '**/test/**'], 'shared/ is domain code: it never imports functions/, infra/ or test/'),
  layer('functions', ['**/infra/**', '**/test/**'], 'handlers never import infra/ or test/'),
  layer('infra', ['**/functions/**', '**/test/**'], 'infra names handler files by path; it never imports them or test/'),
);
