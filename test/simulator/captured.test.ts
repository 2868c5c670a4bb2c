import {readdirSync, readFileSync} from 'node:fs';
import {test, type TestContext} from 'node:test';
import {fixturesRoot} from './support.js';

const capturedRoot = new URL('../../source/simulator/data/captured/', import.meta.url);

// A copy named without a version is 24.02.3's; `NAME-VERSION.json` is that version's `NAME.json`.
function fixtureOf(file: string): URL {
	const match = /^(?<name>.+?)-(?<version>\d+\.\d+\.\d+)\.json$/v.exec(file);
	return new URL(match ? `maxscale-${match.groups!['version']}/${match.groups!['name']}.json` : `maxscale-24.02.3/${file}`, fixturesRoot);
}

test('the simulator\'s captured answers are the real captures of test/fixtures, value for value and key order too', (t: TestContext) => {
	const files = readdirSync(capturedRoot).filter(file => file.endsWith('.json'));
	t.assert.ok(files.length >= 14, files.join(', '));
	for (const file of files) {
		const copy = readFileSync(new URL(file, capturedRoot), 'utf8');
		const real = readFileSync(fixtureOf(file), 'utf8');
		t.assert.strictEqual(JSON.stringify(JSON.parse(copy)), JSON.stringify(JSON.parse(real)), file);
	}
});
