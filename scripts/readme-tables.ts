/*
The readme's flag and key tables are generated from the program's own tables
(`source/config/flags.ts`, `source/keymap.ts`), so they cannot drift: `npm run readme` rewrites
the marked sections, and `test/readme.test.ts` fails when they differ.
*/
import {readFileSync, writeFileSync} from 'node:fs';
import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {
	groupTitles,
	mainFlags,
	metricsFlags,
	simulateFlags,
	type FlagSpec,
} from '../source/config/flags.js';
import {isNegatedSwitch, typedName} from '../source/config/help.js';
import {keyGroupTitles, keymap} from '../source/keymap.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const readmePath = path.join(root, 'readme.md');

// A table reads | as a column break, even in a code span; prose also reads [x] as a link label.
const code = (text: string) => text.replaceAll('|', String.raw`\|`);
export const cell = (text: string) => code(text).replaceAll('[', String.raw`\[`).replaceAll(']', String.raw`\]`);

function flagRows(flags: readonly FlagSpec[]): string[] {
	const lines: string[] = [];
	for (const group of Object.keys(groupTitles) as Array<keyof typeof groupTitles>) {
		const inGroup = flags.filter(flag => flag.group === group);
		if (inGroup.length === 0) {
			continue;
		}

		lines.push(`| **${groupTitles[group]}** | | |`);
		for (const flag of inGroup) {
			const names = [flag.short ? `-${flag.short}` : undefined, `--${typedName(flag)}`].filter(Boolean).join(', ');
			const value = flag.value ? ` ${flag.value}` : '';
			// `--no-tokens` is off unless typed: its default column would only confuse.
			const fallback = [isNegatedSwitch(flag) ? '' : (flag.default ?? ''), flag.env ? `env ${flag.env}` : ''].filter(Boolean).join('; ');
			lines.push(`| \`${code(names + value)}\` | ${cell(flag.description)} | ${cell(fallback)} |`);
		}
	}

	return lines;
}

export function flagsMarkdown(): string {
	return [
		'| flag | what it does | default |',
		'|---|---|---|',
		...flagRows(mainFlags),
		'',
		'`maxtop simulate` takes:',
		'',
		'| flag | what it does | default |',
		'|---|---|---|',
		...flagRows(simulateFlags),
		'',
		'`maxtop metrics` (see [Many proxies: Prometheus](#many-proxies-prometheus)) takes the connection flags, `--interval`, `--max-server-share`, the demo flags, and:',
		'',
		'| flag | what it does | default |',
		'|---|---|---|',
		...flagRows(metricsFlags.filter(flag => flag.group === 'metrics')),
	].join('\n');
}

export function keysMarkdown(): string {
	const lines = ['| key | where | what it does |', '|---|---|---|'];
	for (const group of Object.keys(keyGroupTitles) as Array<keyof typeof keyGroupTitles>) {
		const inGroup = keymap.filter(binding => binding.group === group && !binding.keys.includes('text'));
		if (inGroup.length === 0) {
			continue;
		}

		lines.push(`| **${keyGroupTitles[group]}** | | |`);
		for (const binding of inGroup) {
			const keys = binding.keys.map(key => `\`${code(key)}\``).join(' ');
			const where = binding.modes.length >= 6 ? 'anywhere' : binding.modes.join(', ');
			lines.push(`| ${keys} | ${where} | ${cell(binding.help)} |`);
		}
	}

	return lines.join('\n');
}

export function withTables(readme: string): string {
	const replace = (text: string, name: string, body: string) => {
		const start = `<!-- ${name}:start -->`;
		const end = `<!-- ${name}:end -->`;
		const from = text.indexOf(start);
		const to = text.indexOf(end);
		if (from === -1 || to === -1) {
			throw new Error(`readme.md has no ${start} … ${end} section`);
		}

		return `${text.slice(0, from + start.length)}\n${body}\n${text.slice(to)}`;
	};

	return replace(replace(readme, 'flags', flagsMarkdown()), 'keys', keysMarkdown());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	writeFileSync(readmePath, withTables(readFileSync(readmePath, 'utf8')));
	console.log('readme.md: flag and key tables regenerated');
}
