/**
Data from MaxScale (user names, addresses, connection attributes, queries, log lines) is written
by whoever connects to the proxy. Control characters and escape sequences are shown visibly
instead of being sent to the operator's terminal.
*/
// C0 controls, DEL and C1 controls (U+0080–U+009F).
const controlPattern = /[\u0000-\u001F\u007F-\u009F]/g;

export function sanitize(text: string): string {
	return text.replaceAll(controlPattern, character => {
		const code = character.codePointAt(0) ?? 0;
		return String.raw`\x` + code.toString(16).padStart(2, '0');
	});
}
