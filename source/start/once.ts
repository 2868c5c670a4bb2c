import type {Config} from '../config/types.js';
import {printReplay, runOnce} from '../output/once.js';
import {sparseListFields} from '../output/sparse-fields.js';
import {startDemo} from './demo.js';
import {closeRecorder, loadRecording, openRecorder} from './recording-files.js';

/** `--once`: print the table (or a recording) and exit. */
export async function runOnceMode(config: Config): Promise<number> {
	// A table on a terminal is cut to its width, as `ps` does; to a pipe or a file it stays whole.
	const width = config.format === 'table' && process.stdout.isTTY && process.stdout.columns > 0 ? process.stdout.columns : undefined;
	if (config.replay !== undefined) {
		printReplay(await loadRecording(config.replay), config, process.stdout, {width});
		return 0;
	}

	const simulator = config.demo ? await startDemo(config) : undefined;
	const recorder = config.record === undefined ? undefined : openRecorder(config.record);
	try {
		const {createClient} = await import('../api/client.js');
		return await runOnce(config, {
			createClient,
			stdout: process.stdout,
			stderr: process.stderr,
			width,
			...(recorder && {recorder}),
			...(config.sparseFields && {fields: sparseListFields}),
		});
	} finally {
		closeRecorder(recorder);
		await simulator?.close();
	}
}
