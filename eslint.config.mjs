// The lint every workspace shares (`npm run lint`, run by CI after the type-check): ESLint's and typescript-eslint's
// recommended rules, and eslint-plugin-vue's essential ones (mistakes, not layout: the code has no formatter to
// argue with). Without type information, so that it stays a few seconds: tsc already checks the types.
import js from '@eslint/js';
import pluginVue from 'eslint-plugin-vue';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', 'data/**', 'bench/.data/**', 'bench/results/**', 'web/test-results/**', 'web/playwright-report/**', '**/coverage/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/essential'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['web/src/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['server/**', 'shared/**', 'bench/**', 'web/scripts/**', 'web/e2e/**', '*.mjs', 'web/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // The members' screens ask and tell through helpers that name Vant's dialog and say its toasts to screen readers
    // (composables/asked.ts, member-toast.ts); Vant's own would bring back a dialog with no name and silent toasts.
    files: ['web/src/**'],
    ignores: ['web/src/composables/asked-dialog.ts', 'web/src/composables/member-toast.ts', 'web/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vant',
              importNames: ['showConfirmDialog', 'showDialog', 'showToast', 'showSuccessToast', 'showFailToast'],
              message: 'Ask with asked() from @/composables/asked and tell with @/composables/member-toast: they name the dialog and say toasts to screen readers.',
            },
          ],
        },
      ],
    },
  },
  {
    // Element Plus's v-loading puts its mask inside the element it is on: on a list, a <div> among the <li>s, which
    // screen readers and axe (list: serious) take as a broken list while the mask fades out. It goes on a box around.
    files: ['web/src/**/*.vue'],
    rules: {
      'vue/no-restricted-syntax': [
        'error',
        {
          selector: "VElement[rawName=/^(ul|ol|dl)$/] > VStartTag > VAttribute[directive=true][key.name.name='loading']",
          message: 'Put v-loading on a <div> around the list: its mask would be a child of the list.',
        },
      ],
    },
  },
  {
    // Functions that puppeteer runs in the page it drives.
    files: ['bench/longtasks.mjs'],
    languageOptions: { globals: globals.browser },
  },
  {
    // Tests read JSON answers loosely: a response body typed `any` there is the point, not a shortcut.
    files: ['**/*.spec.ts', 'server/test/**', 'web/e2e/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    rules: {
      // A letter's paragraphs open with two ideographic spaces (U+3000), as a Chinese letter is written.
      'no-irregular-whitespace': ['error', { skipTemplates: true }],
      // An interface that only extends one other is how a library's type is augmented (vue-i18n's
      // DefineLocaleMessage extends our messages); an empty interface with no supertype is still refused.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // `_`-prefixed names are kept on purpose (a parameter a signature needs, a value taken out of a rest).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
);
