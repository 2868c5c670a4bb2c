import {createElement} from 'react';
import {render} from 'ink-testing-library';
import {App, type AppOptions} from '../../source/app.js';
import {createFakeClient, type FakeClient} from '../helpers/fake-client.js';
import {createFakePoller, type FakePoller} from '../helpers/fake-poller.js';

export const host = '127.0.0.1:8989';

export type Harness = ReturnType<typeof render> & {
	poller: FakePoller;
	client: FakeClient;
	clients: Map<string, FakeClient>;
	clock: {ms: number};
	exits: number[];
};

export type HarnessOptions = Partial<AppOptions> & {
	size?: {columns: number; rows: number};
	/**
	Fleet keys; the first one gets `client`.
	*/
	hosts?: string[];
};

/**
The whole app with a fake poller, fake clients and a fake clock. Test files are `.ts` with
`createElement`: tsx applies `jsx: react-jsx` only to files the tsconfig includes (`source/`).
*/
export function renderApp(options: HarnessOptions = {}): Harness {
	const poller = createFakePoller(host);
	const hosts = options.hosts ?? [host];
	const clients = new Map<string, FakeClient>(hosts.map(name => [name, createFakeClient(`http://${name}`)]));
	const clock = {ms: Date.UTC(2024, 0, 5, 12, 0, 0)};
	const exits: number[] = [];
	const {size, hosts: _hosts, ...appOptions} = options;
	const instance = render(createElement(App, {
		clients,
		createPoller: poller.create,
		options: {
			intervalSeconds: 1, sort: 'memory', readOnly: false, ...appOptions,
		},
		size: size ?? {columns: 100, rows: 24},
		now: () => clock.ms,
		onExit(code) {
			exits.push(code);
		},
	}));
	return {
		...instance, poller, client: clients.get(hosts[0] ?? host)!, clients, clock, exits,
	};
}

export function frame(app: {lastFrame: () => string | undefined}): string {
	return app.lastFrame() ?? '';
}

export function frameLines(app: {lastFrame: () => string | undefined}): string[] {
	return frame(app).split('\n');
}
