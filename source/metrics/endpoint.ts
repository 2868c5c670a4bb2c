import http, {type IncomingMessage, type ServerResponse} from 'node:http';
import https from 'node:https';
import type {AddressInfo} from 'node:net';
import type {Registry, RegistryContentType} from 'prom-client';
import {createBasicAuth, type WebConfig} from './web-config.js';

export type Endpoint = {url: string; close(): Promise<void>};

export type EndpointOptions = {
	listen: {host?: string; port: number};
	web: WebConfig;
	text: Registry<RegistryContentType>;
	openMetrics: Registry<RegistryContentType>;
	/** The landing page's line about what is watched. */
	title: string;
};

/**
`GET /metrics` from what the poller already holds (a scrape never asks MaxScale anything), in
OpenMetrics when the scraper's Accept asks for it (Prometheus does), else in the text format; a
small landing page at `/`, as the Go exporters have.
*/
export async function startEndpoint(options: EndpointOptions): Promise<Endpoint> {
	const {web} = options;
	const isAuthorized = web.users ? createBasicAuth(web.users) : undefined;
	const handle = async (request: IncomingMessage, response: ServerResponse) => {
		if (request.method !== 'GET' && request.method !== 'HEAD') {
			response.writeHead(405, {allow: 'GET, HEAD'}).end();
			return;
		}

		if (isAuthorized && !await isAuthorized(request.headers.authorization)) {
			response.writeHead(401, {'www-authenticate': 'Basic realm="maxtop"', 'content-type': 'text/plain'}).end('Unauthorized\n');
			return;
		}

		const {pathname} = new URL(request.url ?? '/', 'http://localhost');
		if (pathname === '/metrics') {
			const registry = (request.headers.accept ?? '').includes('application/openmetrics-text') ? options.openMetrics : options.text;
			const body = await registry.metrics();
			response.writeHead(200, {'content-type': registry.contentType}).end(request.method === 'HEAD' ? undefined : body);
			return;
		}

		if (pathname === '/') {
			response.writeHead(200, {'content-type': 'text/html; charset=utf-8'}).end(landingPage(options.title));
			return;
		}

		response.writeHead(404, {'content-type': 'text/plain'}).end('Not Found\n');
	};

	const listener = (request: IncomingMessage, response: ServerResponse) => {
		handle(request, response).catch((error: unknown) => {
			response.writeHead(500, {'content-type': 'text/plain'}).end(`${error instanceof Error ? error.message : String(error)}\n`);
		});
	};

	const server = web.tls
		? https.createServer({
			key: web.tls.key, cert: web.tls.cert, ...(web.tls.ca && {ca: web.tls.ca}), requestCert: web.tls.requestCert, rejectUnauthorized: web.tls.requestCert, ...(web.tls.minVersion && {minVersion: web.tls.minVersion}),
		}, listener)
		: http.createServer(listener);
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.listen.port, options.listen.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address() as AddressInfo;
	const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
	return {
		url: `${web.tls ? 'https' : 'http'}://${host}:${address.port}`,
		async close() {
			server.closeAllConnections();
			await new Promise(resolve => {
				server.close(resolve);
			});
		},
	};
}

function landingPage(title: string): string {
	const escaped = title.replaceAll('&', '&amp;').replaceAll('<', '&lt;');
	return `<!doctype html>\n<html><head><title>maxtop metrics</title></head><body>\n<h1>maxtop metrics</h1>\n<p>${escaped}</p>\n<p><a href="/metrics">Metrics</a></p>\n</body></html>\n`;
}
