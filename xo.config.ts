import {fixupConfigRules} from '@eslint/compat';
import xoReact from 'eslint-config-xo-react';
import {type FlatXoConfig} from 'xo';

const xoConfig: FlatXoConfig = [
	...fixupConfigRules(xoReact()),
	{prettier: false},
	// Copies of real servers' answers and of the API reference, kept verbatim.
	{ignores: ['dist/**', 'build/**', 'test/fixtures/**', 'docs/maxscale-api.md', 'docs/real-maxscale.md']},
	{
		rules: {
			// Control characters are the subject matter of the sanitizer and its tests.
			'no-control-regex': 'off',
			'unicorn/no-hex-escape': 'off',
			'unicorn/escape-case': 'off',
			'unicorn/prevent-abbreviations': 'off',
			'unicorn/no-process-exit': 'off',
			'unicorn/no-array-reduce': 'off',
			'unicorn/prefer-top-level-await': 'off',
			'unicorn/no-null': 'off',
			'no-await-in-loop': 'off',
			'@typescript-eslint/naming-convention': 'off',
			'@typescript-eslint/promise-function-async': 'off',
			'@typescript-eslint/strict-boolean-expressions': 'off',
			// node:test's test() and describe() return promises the runner itself awaits.
			'@typescript-eslint/no-floating-promises': ['error', {
				checkThenables: true, ignoreVoid: true, ignoreIIFE: true, allowForKnownSafeCalls: [{from: 'package', name: ['test', 'it', 'describe', 'suite'], package: 'node:test'}],
			}],
			// A switch over a closed set names every member and has no `default`, so a new member (a mode,
			// a tone, a bounded field) fails lint until each switch decides what to do with it. Open sets
			// (strings) keep their `default`.
			'@typescript-eslint/switch-exhaustiveness-check': ['error', {allowDefaultCaseForExhaustiveSwitch: false, requireDefaultForNonUnion: true}],
			complexity: 'off',
			'max-depth': 'off',
			'max-params': 'off',
			'no-bitwise': 'off',
			'react/boolean-prop-naming': 'off',
			'react/require-default-props': 'off',
			'react/no-array-index-key': 'off',
			'n/prefer-global/process': 'off',
			'n/prefer-global/buffer': 'off',
			'capitalized-comments': 'off',
			// Style rules that fight readable tests and parsers more than they help here.
			'node-test/no-conditional-assertion': 'off',
			'node-test/prefer-test-context-assert': 'off',
			'node-test/no-compound-assertion': 'off',
			'unicorn/no-await-expression-member': 'off',
			'require-unicode-regexp': 'off',
			'unicorn/single-line-block-comment-style': 'off',
			'unicorn/no-array-sort': 'off',
			'unicorn/consistent-boolean-name': 'off',
			'@stylistic/max-len': 'off',
			'unicorn/no-immediate-mutation': 'off',
			'@stylistic/no-mixed-operators': 'off',
			'unicorn/max-nested-calls': 'off',
			'@stylistic/array-element-newline': 'off',
			'unicorn/prefer-simple-condition-first': 'off',
			'regexp/prefer-named-capture-group': 'off',
			'unicorn/no-return-array-push': 'off',
			'regexp/no-control-character': 'off',
			'unicorn/no-break-in-nested-loop': 'off',
			'@typescript-eslint/no-dynamic-delete': 'off',
			'unicorn/consistent-class-member-order': 'off',
			'unicorn/prefer-minimal-ternary': 'off',
			'unicorn/prefer-iterator-to-array': 'off',
			'unicorn/no-computed-property-existence-check': 'off',
			'prefer-destructuring': 'off',
			'@typescript-eslint/strict-void-return': 'off',
			// Test helpers live under test/helpers and are imported by the tests.
			'node-test/no-import-test-files': 'off',
		},
	},
	// Tests and scripts are type-checked by tsconfig.test.json (`npm run typecheck`); without it XO
	// would give them a generated project whose ES2022 library lacks `toSorted` and `findLast`, and
	// every value from those calls would reach the no-unsafe-* rules as an unresolved type.
	{
		files: ['test/**/*.{ts,tsx}', 'scripts/**/*.ts'],
		languageOptions: {
			parserOptions: {projectService: false, project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname},
		},
	},
	// The layers (house style): model/ is pure and stands alone, api/ speaks MaxScale in model/'s
	// terms, state/ reduces and builds the frame from model/, ui/ draws what state/ hands it. Paths
	// are relative to this file, not to the cwd.
	{
		files: ['source/**'],
		settings: {
			// eslint-config-xo lists the extensions without their dot, so import-x's module map
			// recognises no file and `no-cycle` would never see an edge.
			'import-x/extensions': ['.ts', '.tsx', '.js'],
		},
		rules: {
			'import-x/no-restricted-paths': ['error', {
				basePath: import.meta.dirname,
				zones: [
					{
						target: './source/model', from: './source', except: ['./model'], message: 'model/ imports nothing of the project\'s other folders.',
					},
					{
						target: './source/api', from: './source', except: ['./api', './model'], message: 'api/ imports only model/.',
					},
					{target: './source/ui', from: ['./source/api', './source/poller', './source/simulator'], message: 'ui/ never imports api/, poller/ or simulator/.'},
					{target: './source/state', from: ['./source/ui', './source/hooks', './source/api', './source/poller', './source/simulator'], message: 'state/ never imports ui/, hooks/, api/, poller/ or simulator/.'},
				],
			}],
			'import-x/no-cycle': ['error', {ignoreExternal: true}],
		},
	},
	{
		files: ['package.json'],
		rules: {
			// TypeScript 7 breaks typescript-eslint, so it is pinned to 6.0.x.
			'package-json/dependency-version-range': 'off',
			// The bin's #! line passes Node options through `env -S` (scripts/node-flags.ts).
			'package-json/require-bin-shebang': 'off',
			// npm ships the bin anyway; naming it keeps the allowlist readable (an empty one reads as "nothing").
			'package-json/no-redundant-files': 'off',
		},
	},
];

export default xoConfig;
