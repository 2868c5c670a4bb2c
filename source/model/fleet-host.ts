import {displayWidth} from './text.js';

/** A fleet key cut in the middle to `width` cells: the port and the name's start stay, so `…:18991` and `…:18992` differ. */
export function fitHostKey(key: string, width: number, isAscii = false): string {
	if (displayWidth(key) <= width || width < 4) {
		return key;
	}

	const mark = isAscii ? '~' : '…';
	const colon = key.lastIndexOf(':');
	const port = colon > 0 && /^:\d+$/v.test(key.slice(colon)) ? key.slice(colon) : '';
	if (port.length + 2 > width) {
		return key;
	}

	const head = [...key.slice(0, key.length - port.length)].slice(0, width - 1 - port.length).join('');
	return `${head}${mark}${port}`;
}
