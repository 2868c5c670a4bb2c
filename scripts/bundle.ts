/*
`npm run build` ends here: the command users run, `dist/maxtop.js`, loads `dist/maxtop-main.js`,
one esbuild bundle of source/cli.tsx with its dependencies and production React. Loading Ink, React and our ~150
modules one file at a time cost Node's module loader more than the rest of start-up: against
a simulator with 1,000 sessions the first full frame came 640 ms after start from tsc's
`dist/cli.js`, 430 ms from the bundle (npm run bench). tsc's per-module output stays in dist/
for the benchmark and the soak, which drive the app's parts directly.
*/
import {readFileSync, writeFileSync, mkdirSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {cliNodeFlags} from './node-flags.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export type BundleOptions = {
	outfile: string;
	/** An esbuild target such as `node22`. */
	target: string;
	define?: Record<string, string>;
};

export async function bundleCli(options: BundleOptions): Promise<void> {
	// Ink's optional devtools import is hoisted to a static one by the bundler; a stub keeps it out.
	const stub = path.join(path.dirname(options.outfile), '.stub-devtools.js');
	mkdirSync(path.dirname(options.outfile), {recursive: true});
	writeFileSync(stub, 'export default {};\nexport const connectToDevTools = () => {};\n');
	await build({
		entryPoints: [path.join(root, 'source/cli.tsx')],
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: options.target,
		jsx: 'automatic',
		outfile: options.outfile,
		alias: {'react-devtools-core': stub},
		define: {'process.env.NODE_ENV': '"production"', ...options.define},
		// Bundled CommonJS dependencies still `require` Node's builtins.
		banner: {js: 'import {createRequire as __maxtopCreateRequire} from \'node:module\'; const require = __maxtopCreateRequire(import.meta.url);'},
		legalComments: 'none',
		// The bundle is production-only; cli.tsx's runtime default for NODE_ENV is then a no-op.
		logOverride: {'assign-to-define': 'silent'},
		logLevel: 'warning',
	});
}

/**
The command: a few lines that turn on Node's compile cache, then load the bundle beside it.
*/
export const cliLauncher = path.join(root, 'dist/maxtop.js');
const cliBundle = path.join(root, 'dist/maxtop-main.js');

// `env -S` splits the options from `node` (GNU coreutils 8.30+, BSD and macOS env; every
// distribution that runs Node 22 has it). The compile cache (Node's own, in the temporary
// directory; NODE_DISABLE_COMPILE_CACHE=1 turns it off) must be on before the bundle is compiled,
// hence a launcher: it took ~80 ms off the first frame, the bundle being 2.9 MB of JavaScript.
const launcher = `#!/usr/bin/env -S node ${cliNodeFlags.join(' ')}
import module from 'node:module';

// Node 22.8 and later; a quiet no-op where it cannot write its cache.
module.enableCompileCache?.();
await import('./maxtop-main.js');
`;

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	await bundleCli({outfile: cliBundle, target: 'node22'});
	const text = readFileSync(cliBundle, 'utf8');
	writeFileSync(cliBundle, text.replace(/^#!.*\n/v, ''));
	writeFileSync(cliLauncher, launcher, {mode: 0o755});
}
