import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ErrorCode } from '@zhdj/shared';
import compression from 'compression';
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { join } from 'node:path';
import type { Duplex } from 'node:stream';
import { AppModule } from './app.module';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter';
import { createValidationPipe, refuseHostileShapes } from './common/validation';
import type { AppConfig } from './config/app.config';
import { WEB_DIST_DIR } from './config/paths';

export interface CreateAppOptions {
  logger?: LogLevel[] | false;
  /** Serve the built web app (off in API tests); a path serves the app built there instead of web/dist. */
  serveWeb?: boolean | string;
}

/** Builds the HTTP application exactly as production runs it; the tests use the same function. */
export async function createApp(config: AppConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: options.logger ?? ['warn', 'error'],
    bodyParser: false,
    abortOnError: false,
  });
  app.getHttpServer().on('clientError', answerClientError);
  app.set('trust proxy', config.trustProxy);
  app.disable('x-powered-by');
  app.use(
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
  // Static files are compressed; API responses are not: they are small, per-user and mostly on a LAN, and gzipping
  // each one costs more CPU than it saves (a reverse proxy can compress if wanted).
  // The middleware is not even mounted for them: it wraps every response it sees, which costs at every request.
  const compress = compression();
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/api') ? next() : compress(req, res, next)));
  app.useBodyParser('json', { limit: '256kb' });
  app.useBodyParser('urlencoded', { limit: '64kb', extended: false });
  app.use(refuseHostileShapes);
  // Only configured origins get CORS headers at all; any other gets none (not even the echoed Allow-Headers).
  const corsOrigins = new Set(config.corsOrigins);
  app.enableCors((req: Request, done: (err: Error | null, options: { origin: string | false; credentials?: boolean }) => void) => {
    const origin = req.header('origin');
    done(null, origin && corsOrigins.has(origin) ? { origin, credentials: false } : { origin: false });
  });
  // The API never sends cacheable personal data.
  app.use('/api', (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter());
  // On SIGTERM/SIGINT: stop accepting, finish the requests in flight, close the database, then exit 0 (Nest's default
  // re-raises the signal, so the process ended 'killed by SIGTERM' rather than cleanly).
  app.enableShutdownHooks([], { useProcessExit: true });

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

  if (options.serveWeb !== false) serveWeb(app, typeof options.serveWeb === 'string' ? options.serveWeb : WEB_DIST_DIR);
  return app;
}

/** Serves the built SPA: hashed assets cached for a year, index.html never cached, client routes fall back to it. */
function serveWeb(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) {
    new Logger('Web').warn(`No built web app at ${dir}: run "npm run build" to serve it`);
    return;
  }
  app.use(
    '/assets',
    express.static(join(dir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }),
  );
  // API requests skip the file system entirely (a stat per request was measurable under load).
  const files = express.static(dir, { index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => (req.path.startsWith('/api') ? next() : files(req, res, next)));
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || !req.accepts('html')) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
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
