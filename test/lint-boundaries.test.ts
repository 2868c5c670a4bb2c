/*
The layers are kept by lint (xo.config.ts). These lint a real file of a folder with one import
added, through xo's own API and the project's configuration, and look for the rule's name. The
file must exist: type-aware lint only parses files its TypeScript project knows.
*/
import {test} from 'node:test';
import assert from 'node:assert/strict';
import {readdir, readFile} from 'node:fs/promises';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {Xo} from 'xo';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const xo = new Xo({cwd: root});

/**
The rules that fire on `file` with `importLine` put before its own text.
*/
async function ruleIds(file: string, importLine: string): Promise<string[]> {
	const filePath = path.join(root, file);
	const code = importLine + '\n' + await readFile(filePath, 'utf8');
	const {results} = await xo.lintText(code, {filePath});
	return results.flatMap(result => result.messages.map(message => message.ruleId ?? message.message));
}

const boundary = 'import-x/no-restricted-paths';
const cycleRule = 'import-x/no-cycle';

test('model/ may not import another folder of the project', async () => {
	assert.ok((await ruleIds('source/model/group.ts', 'import \'../api/client.js\';')).includes(boundary));
	assert.ok((await ruleIds('source/model/group.ts', 'import \'../state/reducer.js\';')).includes(boundary));
	assert.ok(!(await ruleIds('source/model/group.ts', 'import \'./text.js\';')).includes(boundary));
});

test('ui/ may not import the poller, the client or the simulator, but may import model/ and state/', async () => {
	for (const forbidden of ['../poller/index.js', '../api/client.js', '../simulator/index.js']) {
		assert.ok((await ruleIds('source/ui/text-line.tsx', `import '${forbidden}';`)).includes(boundary), forbidden);
	}

	for (const allowed of ['../model/types.js', '../state/selectors.js']) {
		assert.ok(!(await ruleIds('source/ui/text-line.tsx', `import '${allowed}';`)).includes(boundary), allowed);
	}
});

test('state/ may not import the UI, hooks, the client, the poller or the simulator, but may import model/', async () => {
	for (const forbidden of ['../ui/look.js', '../hooks/use-commands.js', '../api/client.js', '../poller/index.js', '../simulator/index.js']) {
		assert.ok((await ruleIds('source/state/tone.ts', `import '${forbidden}';`)).includes(boundary), forbidden);
	}

	assert.ok(!(await ruleIds('source/state/tone.ts', 'import \'../model/types.js\';')).includes(boundary));
});

test('api/ may import model/ but nothing else of the project', async () => {
	assert.ok(!(await ruleIds('source/api/errors.ts', 'import \'../model/normalize.js\';')).includes(boundary));
	assert.ok((await ruleIds('source/api/errors.ts', 'import \'../state/reducer.js\';')).includes(boundary));
	assert.ok((await ruleIds('source/api/errors.ts', 'import \'../poller/index.js\';')).includes(boundary));
});

test('an import that closes a cycle fails', async () => {
	// churn.ts imports group.ts, so group.ts importing churn.ts back closes a loop.
	assert.ok((await ruleIds('source/model/group.ts', 'import \'./churn.js\';')).includes(cycleRule));
	assert.ok(!(await ruleIds('source/model/group.ts', '')).includes(cycleRule));
});

/**
Every relative import in `source/`, type-only ones included: `import-x/no-cycle` skips those, so a
loop such as `header-lines.ts` → `fleet-lines.ts` → (type) `header-lines.ts` needs this check.
*/
async function importGraph(): Promise<Map<string, string[]>> {
	const graph = new Map<string, string[]>();
	const files = (await readdir(path.join(root, 'source'), {recursive: true})).filter(file => /\.tsx?$/v.test(file));
	for (const file of files) {
		const text = await readFile(path.join(root, 'source', file), 'utf8');
		const targets = [...text.matchAll(/^(?:import|export)\b[^;]*? from '(\.[^']+)'/gmv)].map(match => {
			const target = path.join(path.dirname(file), match[1]!).replace(/\.js$/v, '');
			return [`${target}.ts`, `${target}.tsx`, path.join(target, 'index.ts')].find(candidate => files.includes(candidate)) ?? target;
		});
		graph.set(file, targets);
	}

	return graph;
}

function findCycle(graph: Map<string, string[]>): string[] | undefined {
	const done = new Set<string>();
	const trail: string[] = [];
	const visit = (file: string): string[] | undefined => {
		const index = trail.indexOf(file);
		if (index !== -1) {
			return [...trail.slice(index), file];
		}

		if (done.has(file)) {
			return undefined;
		}

		trail.push(file);
		for (const target of graph.get(file) ?? []) {
			const cycle = visit(target);
			if (cycle) {
				return cycle;
			}
		}

		trail.pop();
		done.add(file);
		return undefined;
	};

	for (const file of graph.keys()) {
		const cycle = visit(file);
		if (cycle) {
			return cycle;
		}
	}

	return undefined;
}

test('source/ has no import cycle, not even through type imports', async () => {
	const graph = await importGraph();
	assert.ok(graph.size > 100, 'the scan found the source files');
	assert.equal(findCycle(graph)?.join(' → '), undefined);
	graph.set('model/group.ts', [...graph.get('model/group.ts')!, 'model/churn.ts']);
	assert.ok(findCycle(graph), 'the check sees a loop when there is one');
});
