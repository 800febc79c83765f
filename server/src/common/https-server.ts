import type { FastifyInstance } from 'fastify';
import { createServer, type Server } from 'node:http';
import type { Http2SecureServer, ServerHttp2Session } from 'node:http2';
import type { TlsConfig } from '../config/tls.config';

/**
 * Fastify's server options for HTTPS: HTTP/2 for browsers (one connection carries every file of a screen at once,
 * where HTTP/1.1 fetches six at a time), HTTP/1.1 over TLS for clients that do not speak it (scripts, probes, older
 * libraries). TLS 1.2 at least, as the national and browser baselines require.
 */
export function httpsServerOptions(tls: TlsConfig) {
  return { http2: true as const, https: { allowHTTP1: true, key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2' as const } };
}

/**
 * Makes shutdown over TLS as graceful as over plain HTTP: requests in flight finish, idle connections close, and the
 * server then closes. Node's plain HTTP server closes idle keep-alive connections itself; its HTTP/2 server does not:
 * an idle browser session (kept open for 72 s) or an idle HTTP/1.1 connection held the process up after SIGTERM, and
 * Fastify's `forceCloseConnections` cut HTTP/1.1 requests still being answered. So: each HTTP/2 session is asked to
 * close (it refuses new streams and ends after its open ones), idle HTTP/1.1 connections are closed at once, and each
 * that finishes a response while closing is closed as soon as it falls idle.
 */
export function closeGracefullyOverTls(fastify: FastifyInstance): void {
  // closeIdleConnections: Node's HTTP/1.1 handling inside its HTTP/2 server (allowHTTP1) has it from Node 20 on.
  const server = fastify.server as unknown as Http2SecureServer & { closeIdleConnections?(): void };
  const sessions = new Set<ServerHttp2Session>();
  server.on('session', (session: ServerHttp2Session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    for (const session of sessions) session.close();
    server.closeIdleConnections?.();
    done();
  });
  fastify.addHook('onResponse', (_req, _reply, done) => {
    if (closing) setImmediate(() => server.closeIdleConnections?.());
    done();
  });
}

/**
 * A plain-HTTP listener that sends every request to the same path at the public HTTPS address (port 80 in front of
 * 443, so a typed or printed http:// address still works). The target is the configured PUBLIC_BASE_URL, never the
 * request's Host header, so the redirect cannot be pointed elsewhere. GET and HEAD get 301; other methods 308, which
 * keeps the method and body.
 */
export function startHttpRedirect(port: number, publicBaseUrl: string, host?: string): Promise<Server> {
  const server = createServer((req, res) => {
    const path = req.url?.startsWith('/') ? req.url : '/';
    const status = req.method === 'GET' || req.method === 'HEAD' ? 301 : 308;
    res.writeHead(status, { Location: publicBaseUrl + path, 'Content-Length': 0, Connection: 'close' });
    res.end();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
