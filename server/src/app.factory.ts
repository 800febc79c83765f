import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ErrorCode } from '@zhdj/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from 'helmet';
import { createReadStream, existsSync, mkdirSync } from 'node:fs';
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { AppModule } from './app.module';
import { appLogger } from './common/app-logger';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { closeGracefullyOverTls, httpsServerOptions } from './common/https-server';
import { createValidationPipe, refuseHostileShapes } from './common/validation';
import type { AppConfig } from './config/app.config';
import { DEMO_MEDIA_DIR, WEB_DIST_DIR } from './config/paths';

export interface CreateAppOptions {
  logger?: LogLevel[] | false;
  /** Serve the built web app (off in API tests); a path serves the app built there instead of web/dist. */
  serveWeb?: boolean | string;
}

/** JSON bodies are small forms; the one upload (member import) is multipart and has its own limit. */
const BODY_LIMIT = 256 * 1024;

/**
 * Builds the HTTP application exactly as production runs it; the tests use the same function.
 *
 * Nest runs on Fastify rather than Express: on this machine a bare Nest route answers about five times as many
 * requests per second on Fastify, and that floor caps every API read (see README → Performance).
 */
const FORM_BODY = /^\s*application\/x-www-form-urlencoded/i;

export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Trust X-Forwarded-For from this many proxies in front (as Express's numeric 'trust proxy').
    trustProxy: (_address: string, hop: number) => hop < config.trustProxy,
    bodyLimit: BODY_LIMIT,
    // Like Node's own default: a request must arrive whole within five minutes (slow uploads on a phone included).
    requestTimeout: 300_000,
    clientErrorHandler: answerClientError,
    // A path that is not valid percent-encoded UTF-8 (/api/members/%E0%A4%A): Fastify answers it before any route, in
    // a shape of its own (code FST_ERR_BAD_URL), unless told to answer in the app's.
    frameworkErrors: (_error: Error, _req: FastifyRequest, reply: FastifyReply) =>
      void reply
        .headers(apiHeaders)
        .code(400)
        .type('application/json; charset=utf-8')
        .send({ statusCode: 400, code: ErrorCode.VALIDATION_FAILED, message: 'The address is not valid percent-encoded UTF-8' }),
    // Express matched '/x/' as '/x' and took path parameters of any length (a long junk token is a 404, not a 414).
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 1000 },
    // The app uses no Nest middleware (helmet and the rest are Fastify hooks below), and @fastify/middie's request hook
    // cost about 10% of the lightest request's CPU for nothing (README → Performance). Should a module ever apply
    // middleware, start-up fails loudly (Fastify has no use() without middie) rather than skipping it.
    skipMiddie: true,
    ...(config.tls ? httpsServerOptions(config.tls) : {}),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: options.logger === false ? false : appLogger(options.logger ?? ['warn', 'error']),
    abortOnError: false,
  });
  const fastify = app.getHttpAdapter().getInstance() as unknown as FastifyInstance;
  if (config.tls) closeGracefullyOverTls(fastify);
  // helmet's headers on every response, errors and 404s included, and no-store on the API (it never sends cacheable
  // personal data). helmet is asked once, at start-up, which headers this configuration sets (see staticHeaders), and
  // Fastify sends them with its own in one header block: helmet setting each on the raw response per request cost a
  // tenth of a light request's CPU.
  const securityHeaders = staticHeaders(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // Vant and Element Plus set inline styles on elements; no inline scripts are allowed.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'media-src': ["'self'", 'blob:', 'https:'],
          'connect-src': ["'self'"],
          'frame-ancestors': ["'none'"],
          'upgrade-insecure-requests': null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  const apiHeaders = { ...securityHeaders, 'cache-control': 'no-store' };
  fastify.addHook('onRequest', (req, reply, done) => {
    const api = req.url.startsWith('/api');
    reply.headers(api ? apiHeaders : securityHeaders);
    // Bodies are JSON (and the import's file, multipart). Nest also reads HTML-form bodies, which a page on any site can
    // post here without the browser asking first (no CORS preflight): refused before they are read.
    if (api && FORM_BODY.test(req.headers['content-type'] ?? '')) {
      void reply.code(415).type('application/json; charset=utf-8').send({ statusCode: 415, code: ErrorCode.VALIDATION_FAILED, message: 'Send the request body as JSON (Content-Type: application/json)' });
      return;
    }
    done();
  });
  // Runs once the body is parsed, before guards, pipes and handlers see the request.
  fastify.addHook('preValidation', (req, _reply, done) => refuseHostileShapes({ originalUrl: req.url, body: req.body }, null, (e) => done(e as Error | undefined)));
  // Only configured origins get CORS headers at all; any other gets none (not even the echoed Allow-Headers). With none
  // configured (the SPA is same-origin) no CORS hook runs at all: it cost about 5% of a light request's CPU.
  const corsOrigins = new Set(config.corsOrigins);
  if (corsOrigins.size) {
    app.enableCors({
      origin: (origin: string | undefined, done: (err: Error | null, allow: string | false) => void) => done(null, origin && corsOrigins.has(origin) ? origin : false),
      credentials: false,
    });
  }
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // On SIGTERM/SIGINT: stop accepting, finish the requests in flight, close the database, then exit 0 (Nest's default
  // re-raises the signal, so the process ended 'killed by SIGTERM' rather than cleanly).
  app.enableShutdownHooks([], { useProcessExit: true });

  if (config.apiDocs) {
    const doc = SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('zhdj — Smart Party Building API')
        .setDescription('Organisation-relationship transfers, booking and tailored study for a county. Errors: { statusCode, code, message, details? }.')
        .setVersion('0.1.0')
        .addBearerAuth()
        .build(),
    );
    SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/docs-json' });
  }

  await serveMedia(fastify, config);
  if (options.serveWeb !== false) await serveWeb(fastify, typeof options.serveWeb === 'string' ? options.serveWeb : WEB_DIST_DIR);
  return app;
}

/**
 * Serves the study videos (and any other file a module names as `/media/…`) from MEDIA_DIR, with range requests so a
 * phone can seek and resume without downloading the whole film. Files are looked up per request, so a video copied
 * into the folder is served at once. With the demo on, the short videos that come with it (server/demo-media) are
 * served too, after MEDIA_DIR's own. Not behind a log-in: a video element cannot send the bearer token, and these are
 * published study materials, not personal data.
 */
async function serveMedia(fastify: FastifyInstance, config: AppConfig): Promise<void> {
  try {
    mkdirSync(config.mediaDir, { recursive: true });
  } catch (e) {
    new Logger('Media').warn(`MEDIA_DIR ${config.mediaDir} cannot be created: ${(e as Error).message}`);
  }
  const roots = [config.mediaDir, ...(config.demoSeed ? [DEMO_MEDIA_DIR] : [])].filter((dir, i, all) => existsSync(dir) && all.indexOf(dir) === i);
  if (!roots.length) return;
  await fastify.register(async (media) => {
    await media.register(fastifyStatic, { root: roots, prefix: '/media/', wildcard: true, index: false, dotfiles: 'ignore', acceptRanges: true, maxAge: '1h', decorateReply: false });
  });
}

/**
 * Serves the built SPA: hashed assets cached for a year, index.html never cached, client routes fall back to it.
 * It lives in its own Fastify scope so that compression applies to these files only: API responses are small,
 * per-user and mostly on a LAN, and gzipping each one costs more CPU than it saves (a reverse proxy can if wanted).
 */
async function serveWeb(fastify: FastifyInstance, dir: string): Promise<void> {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Web').warn(`No built web app at ${dir}: run "npm run build" to serve it`);
    return;
  }
  await fastify.register(async (web) => {
    await web.register(fastifyCompress, { global: true });
    // The build's files are known at start-up, so each gets its own route (no per-request file-system look-up). The
    // build writes each text file's Brotli and gzip forms beside it (web/vite.config.ts): those are sent as they are,
    // chosen by Accept-Encoding; a file without them (small ones, images) is compressed here when it pays.
    const precompressed = ['**/*.br', '**/*.gz'];
    await web.register(fastifyStatic, { root: join(dir, 'assets'), prefix: '/assets/', wildcard: false, preCompressed: true, globIgnore: precompressed, immutable: true, maxAge: '365d', index: false });
    await web.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, preCompressed: true, maxAge: '1h', index: false, decorateReply: false, globIgnore: ['assets/**', ...precompressed] });
    // Anything else: a page of the SPA (client-side routes) when a browser asks for one; a 404 otherwise — API
    // routes and missing assets included, so a stale script URL is not answered with HTML.
    web.get('/*', (req: FastifyRequest, reply: FastifyReply) => {
      const path = req.url.split('?')[0];
      if (path.startsWith('/api/') || path === '/api' || path.startsWith('/assets/') || path.startsWith('/media/') || !acceptsHtml(req)) return reply.callNotFound();
      return reply.header('Cache-Control', 'no-cache').type('text/html; charset=utf-8').send(createReadStream(index));
    });
  });
}

/** Whether the Accept header admits HTML (no header admits anything), as a browser navigating to a page sends. */
function acceptsHtml(req: FastifyRequest): boolean {
  const accept = req.headers.accept;
  return !accept || /(^|,)\s*(text\/html|text\/\*|\*\/\*)/.test(accept);
}

/**
 * Requests Node's HTTP parser refuses before Express sees them — a URL or headers over the size limit, a malformed
 * request line — get the one error shape too, instead of an empty 431/400.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  if (err.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    socket.end('HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n');
    return;
  }
  const overflow = err.code === 'HPE_HEADER_OVERFLOW';
  const status = overflow ? 431 : 400;
  const body = JSON.stringify({
    statusCode: status,
    code: overflow ? ErrorCode.PAYLOAD_TOO_LARGE : ErrorCode.VALIDATION_FAILED,
    message: overflow ? 'The URL or the request headers are too long' : 'Malformed request',
  });
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * The headers a helmet middleware sets, read by running it once against a recording response. This configuration has
 * no per-request part (no CSP nonce, no function directive), so every response gets the same ones; should helmet
 * ever answer asynchronously or fail, start-up stops here rather than serving without them.
 */
function staticHeaders(middleware: ReturnType<typeof helmet>): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number | readonly string[]) => void (headers[name.toLowerCase()] = String(value)),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  let finished = false;
  middleware({} as IncomingMessage, recorder as unknown as ServerResponse, (e?: unknown) => {
    if (e) throw e;
    finished = true;
  });
  if (!finished || !headers['content-security-policy']) throw new Error('helmet did not set its headers synchronously');
  return headers;
}
