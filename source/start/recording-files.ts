import {describeFsError} from '../config/maxctrl-cnf.js';
import {sanitize} from '../model/sanitize.js';
import type {PollerListener} from '../poller/types.js';
import {
	createRecorder,
	inspectRecording,
	RecordingRefused,
	skippedNote,
	type RecordedFrame,
	type Recorder,
} from '../output/recording.js';
import {oneLine, UsageFailure} from '../lifecycle.js';

/** Skipped lines are said before the TUI takes the alternate screen, so the note is still there after it. */
export async function loadRecording(file: string): Promise<RecordedFrame[]> {
	const recording = await inspectRecording(file).catch((error: unknown) => {
		const {code} = (error as NodeJS.ErrnoException);
		throw new UsageFailure(code ? `--replay: cannot read ${file}: ${describeFsError(error)}` : `--replay: ${oneLine(error)}`);
	});

	const note = skippedNote(file, recording);
	if (note !== undefined) {
		process.stderr.write(`maxtop: --replay: ${sanitize(note)}\n`);
	}

	return recording.frames;
}

export function openRecorder(file: string): Recorder {
	try {
		return createRecorder(file);
	} catch (error) {
		throw new UsageFailure(error instanceof RecordingRefused ? `--record: ${error.message}` : `--record: cannot open ${file}: ${describeFsError(error)}`);
	}
}

export function closeRecorder(recorder: Recorder | undefined): void {
	recorder?.close();
	const failure = recorder?.failure();
	if (failure !== undefined) {
		process.stderr.write(`maxtop: --record: ${sanitize(failure)}\n`);
	}
}

export function recordingListener(listener: PollerListener, recorder: Recorder): PollerListener {
	return {
		...listener,
		sessions(snapshot) {
			recorder.record(snapshot);
			listener.sessions(snapshot);
		},
	};
}
