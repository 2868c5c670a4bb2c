import {test, afterEach} from 'node:test';
import assert from 'node:assert/strict';
import {createElement, useEffect, useState} from 'react';
import {Text, useInput} from 'ink';
import {cleanup, render} from 'ink-testing-library';
import {keys, press, waitForText} from './ink.js';

afterEach(() => {
	cleanup();
});

/**
Counts what it is sent, while a timer changes the frame all the time, as a live table's polls do.
*/
function Ticking() {
	const [ticks, setTicks] = useState(0);
	const [seen, setSeen] = useState<string[]>([]);
	useEffect(() => {
		const timer = setInterval(() => {
			setTicks(count => count + 1);
		}, 1);
		return () => {
			clearInterval(timer);
		};
	}, []);
	useInput((input, key) => {
		setSeen(list => [...list, key.escape ? 'esc' : `${key.meta ? 'alt+' : ''}${input}`]);
	});
	return createElement(Text, null, `tick ${ticks} seen ${seen.join(',')}.`);
}

test('press: a key after Esc is its own key even while polls keep changing the frame', async () => {
	const app = render(createElement(Ticking));
	await waitForText(app, 'tick 2');
	await press(app, keys.escape, 'W', keys.escape, 'x');
	const frame = await waitForText(app, 'x.');
	assert.match(frame, /seen esc,W,esc,x\./v);
});
