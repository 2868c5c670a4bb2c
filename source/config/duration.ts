const unitMs: Record<string, number> = {
	ms: 1, s: 1000, m: 60_000, h: 3_600_000,
};

/**
`10s`, `500ms`, `2m`, `1h` or a bare number of milliseconds (maxctrl's `--timeout` syntax).
maxctrl 2.5+ multiplies `h` by 24·60·1000 (a day in minutes); here an hour is an hour.
*/
export function parseDuration(text: string): {ok: true; ms: number} | {ok: false; error: string} {
	const match = /^\s*(?<amount>\d+(?:\.\d+)?)\s*(?:(?<unit>ms|[hms])\s*)?$/iv.exec(text);
	if (!match) {
		return {ok: false, error: `'${text}' is not a duration (use e.g. 500ms, 10s, 2m, 1h or milliseconds)`};
	}

	const {amount, unit} = match.groups!;
	const ms = Number(amount) * unitMs[(unit ?? 'ms').toLowerCase()]!;
	return !Number.isFinite(ms) || ms > 2_147_483_647 ? {ok: false, error: `'${text}' is too long`} : {ok: true, ms: Math.round(ms)};
}
