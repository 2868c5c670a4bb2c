import {render, type RenderOptions} from 'ink';
import {App, type AppProps} from './app.js';
import {exitInProgress, InternalError, onTerminalRestore} from './lifecycle.js';

export type InteractiveDeps = Pick<AppProps, 'clients' | 'createPoller' | 'options' | 'onQuit' | 'onQuitNotes'> & {
	stdout?: RenderOptions['stdout'];
	stdin?: RenderOptions['stdin'];
};

/** How the monitor renders; the benchmark renders with the same frame rate. */
export const renderOptions = {
	// Like htop: the table never scrolls the operator's shell history away (ink-stack §1.7).
	alternateScreen: true,
	incrementalRendering: true,
	// Ctrl-C is a key binding, so quitting always goes through the same clean exit.
	exitOnCtrlC: false,
	patchConsole: false,
	// A key waits for the frame throttle when another frame (a list, the clock) was drawn just
	// before it: at most 17 ms at 60 frames a second, 34 ms at Ink's default 30. Frames come from
	// changes only, so the rate is reached only while keys and lists arrive together.
	maxFps: 60,
} satisfies RenderOptions;

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
		{stdout, stdin, ...renderOptions},
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
