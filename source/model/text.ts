import stringWidth from 'string-width';

const ellipsis = '…';

/** Terminal cells a string takes (wide CJK and emoji count 2, combining marks 0). */
export function displayWidth(text: string): number {
	// Fast path: most values are printable ASCII.
	if (/^[\u0020-\u007E]*$/.test(text)) {
		return text.length;
	}

	return stringWidth(text);
}

/**
Cut or pad `text` to exactly `width` cells. Cut values end with an ellipsis (`...`-free `~` in
ASCII mode) so the operator sees that something was cut.
*/
export function fitWidth(text: string, width: number, options: {align?: 'left' | 'right'; ascii?: boolean} = {}): string {
	if (width <= 0) {
		return '';
	}

	let cut = text;
	let cells = displayWidth(text);
	if (cells > width) {
		const mark = options.ascii ? '~' : ellipsis;
		cut = '';
		cells = 0;
		for (const character of text) {
			const characterWidth = displayWidth(character);
			if (cells + characterWidth > width - 1) {
				break;
			}

			cut += character;
			cells += characterWidth;
		}

		cut += mark;
		cells += 1;
	}

	const padding = ' '.repeat(Math.max(0, width - cells));
	return options.align === 'right' ? padding + cut : cut + padding;
}
