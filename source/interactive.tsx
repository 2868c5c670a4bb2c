import {render, type RenderOptions} from 'ink';
import type {MaxScaleClient} from './api/types.js';
import {App, type AppOptions} from './app.js';
import type {Preferences} from './config/preferences.js';
import {exitInProgress, InternalError, onTerminalRestore} from './lifecycle.js';
import type {Poller, PollerListener} from './poller/types.js';

export type InteractiveDeps = {
	clients: ReadonlyMap<string, MaxScaleClient>;
	createPoller: (listener: PollerListener) => Poller;
	options: AppOptions;
	stdout?: RenderOptions['stdout'];
	stdin?: RenderOptions['stdin'];
	onQuit?: (preferences: Preferences) => void;
	onQuitNotes?: (lines: string[]) => void;
};

/** Runs the live monitor until the operator quits; resolves with the exit code. */
export async function runInteractive(deps: InteractiveDeps): Promise<number> {
	let code = 0;
	const instance = render(
		<App
			clients={deps.clients}
			createPoller={deps.createPoller}
			options={deps.options}
			onQuit={deps.onQuit}
			onQuitNotes={deps.onQuitNotes}
			onExit={exitCode => {
				code = exitCode;
			}}
		/>,
		{
			stdout: deps.stdout,
			stdin: deps.stdin,
			// Like htop: the table never scrolls the operator's shell history away (ink-stack §1.7).
			alternateScreen: true,
			incrementalRendering: true,
			// Ctrl-C is a key binding, so quitting always goes through the same clean exit.
			exitOnCtrlC: false,
			patchConsole: false,
		},
	);
	const releaseTerminal = onTerminalRestore(() => {
		instance.unmount();
	});
	try {
		await instance.waitUntilExit();
	} catch (error) {
		throw new InternalError(error);
	} finally {
		releaseTerminal();
	}

	// A signal unmounted the app: the exit guard ends the process with its own code.
	await exitInProgress();
	return code;
}
