#!/usr/bin/env node
// React picks its build when first loaded; the production build renders 2–3× faster (ink-stack.md §6.1).
// Nothing imported statically below loads React or Ink: the interactive app is imported on demand.
import {parseArgv} from './config/argv.js';
import {mainFlags, metricsFlags, simulateFlags} from './config/flags.js';
import {renderMainHelp, renderMetricsHelp, renderSimulateHelp} from './config/help.js';
import {loadConfig} from './config/load-config.js';
import {parseSimulateOptions} from './config/parse-simulate.js';
import {PromptAbortedError, readPassword, readPasswordLine} from './config/password.js';
import {processTitle} from './config/process-title.js';
import {interactiveTerminalError} from './config/terminal.js';
import {installExitGuards, oneLine, UsageFailure} from './lifecycle.js';
import {helpLines} from './keymap.js';
import {exitQuietlyOnBrokenPipe, exitWhenWritten} from './output/exit.js';
import type {Config} from './config/types.js';
import {runInteractiveMode} from './start/interactive.js';
import {runMetricsMode} from './start/metrics.js';
import {runOnceMode} from './start/once.js';
import {runSimulateMode} from './start/simulate.js';
import {parseMetricsOptions} from './metrics/options.js';

process.env['NODE_ENV'] ??= 'production';
exitQuietlyOnBrokenPipe(process.stdout, process.stderr, code => process.exit(code));

const usageExit = 2;

async function main(argv: readonly string[]): Promise<number> {
	const cli = parseArgv(argv, mainFlags, ['simulate', 'metrics']);
	if (!cli.ok) {
		return usage(cli.error);
	}

	// Meow sets the title to the command's name; every user of the host can read the process list.
	process.title = processTitle(process.argv.slice(2));

	if (cli.command === 'simulate') {
		return simulate(cli.input);
	}

	if (cli.command === 'metrics') {
		return metrics(cli.input);
	}

	if (cli.flags['help'] === true || cli.flags['version'] === true) {
		return answer(cli.flags['help'] ? renderMainHelp({description: cli.description ?? 'maxtop', table: mainFlags, keyLines: helpLines()}) : `${cli.version ?? 'unknown'}\n`);
	}

	const loaded = await loadConfig(cli.flags, process.env);
	if (!loaded.ok) {
		return usage(loaded.error);
	}

	const {config} = loaded;
	// Ink's chalk reads FORCE_COLOR once, when Ink is first imported (start/ imports it lazily).
	if (config.color === 'always' && (process.env['FORCE_COLOR'] ?? '') === '') {
		process.env['FORCE_COLOR'] = '1';
	}

	if (config.mode === 'interactive') {
		const problem = interactiveTerminalError({stdinIsTTY: process.stdin.isTTY, stdoutIsTTY: process.stdout.isTTY, term: process.env['TERM']});
		if (problem) {
			return usage(problem);
		}
	}

	await prepare(config);
	if (config.mode === 'once') {
		return runOnceMode(config);
	}

	// A signal (SSH link dropped included) or an uncaught error must still give the terminal back.
	installExitGuards({isVerbose: config.verbose});
	return runInteractiveMode(config);
}

async function simulate(argv: readonly string[]): Promise<number> {
	const cli = parseArgv(argv, simulateFlags);
	if (!cli.ok) {
		return usage(`simulate: ${cli.error}`);
	}

	process.title = processTitle(process.argv.slice(2));

	if (cli.flags['help']) {
		return answer(renderSimulateHelp(simulateFlags));
	}

	const parsed = parseSimulateOptions(cli.flags);
	return parsed.ok ? runSimulateMode(parsed.value) : usage(`simulate: ${parsed.error}`);
}

async function metrics(argv: readonly string[]): Promise<number> {
	const cli = parseArgv(argv, metricsFlags);
	if (!cli.ok) {
		return usage(`metrics: ${cli.error}`);
	}

	if (cli.flags['help'] === true || cli.flags['version'] === true) {
		return answer(cli.flags['help'] ? renderMetricsHelp(metricsFlags) : `${cli.version ?? 'unknown'}\n`);
	}

	const parsed = parseMetricsOptions(cli.flags);
	if (!parsed.ok) {
		return usage(`metrics: ${parsed.error}`);
	}

	const loaded = await loadConfig(parsed.rest, process.env);
	if (!loaded.ok) {
		return usage(`metrics: ${loaded.error}`);
	}

	await prepare(loaded.config);
	return runMetricsMode(loaded.config, parsed.options);
}

/** The warnings said, and the password asked for with `-p ''`. */
async function prepare(config: Config): Promise<void> {
	for (const warning of config.warnings ?? []) {
		process.stderr.write(`maxtop: warning: ${warning}\n`);
	}

	if (!config.passwordPrompt) {
		return;
	}

	// The prompt goes to stderr so `--once > file` keeps it out of the output, as ssh does.
	const password = process.stdin.isTTY
		? await readPassword(process.stdin, process.stderr)
		: await readPasswordLine(process.stdin);
	for (const host of config.hosts) {
		host.connection.password = password;
	}
}

/** `--help` or `--version` wherever they stand on the line: meow answers them only alone. */
function answer(text: string): number {
	process.stdout.write(text);
	return 0;
}

function usage(message: string): number {
	process.stderr.write(`maxtop: ${message}\n`);
	return usageExit;
}

const isVerbose = process.argv.includes('--verbose');
let exitCode: number;
try {
	exitCode = await main(process.argv.slice(2));
} catch (error) {
	if (error instanceof PromptAbortedError) {
		exitCode = 130;
	} else if (error instanceof UsageFailure) {
		exitCode = usage(error.message);
	} else {
		process.stderr.write(`maxtop: ${oneLine(error)}\n`);
		if (isVerbose && error instanceof Error && error.stack) {
			process.stderr.write(error.stack + '\n');
		}

		exitCode = 1;
	}
}

// Exiting explicitly: a keep-alive socket or a timer left by a library must not keep a finished
// `--once` hanging. But only once a pipe has taken every byte: Node writes to a pipe
// asynchronously once its 64 KiB are full, and `process.exit()` drops what is still queued.
await exitWhenWritten(exitCode, {stdout: process.stdout, stderr: process.stderr}, code => process.exit(code));
