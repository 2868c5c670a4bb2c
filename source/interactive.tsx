import {render, type RenderOptions} from 'ink';
import {App, type AppProps} from './app.js';
import {exitInProgress, InternalError, onTerminalRestore} from './lifecycle.js';

export type InteractiveDeps = Pick<AppProps, 'clients' | 'createPoller' | 'options' | 'onQuit' | 'onQuitNotes'> & {
	stdout?: RenderOptions['stdout'];
	stdin?: RenderOptions['stdin'];
};

/** Runs the live monitor until the operator quits; resolves with the exit code. */
export async function runInteractive({stdout, stdin, ...app}: InteractiveDeps): Promise<number> {
	let code = 0;
	const instance = render(
		<App
			{...app}
			onExit={exitCode => {
				code = exitCode;
			}}
		/>,
		{
			stdout,
			stdin,
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
