import type { FastifyInstance } from 'fastify';
import { PinoLogger } from 'nestjs-pino';
import type { Logger } from 'pino';

/**
 * One log line per answered request, written from a Fastify `onResponse` hook with the
 * application's one pino logger (the one nestjs-pino gives Nest's `Logger`): `req` (id, method,
 * URL, route parameters, headers), `res` (status, headers), `responseTime` in ms — the shape
 * pino-http wrote, with the same serializers and redaction (tokens in paths, Authorization and
 * Cookie headers). 5xx answers log at `error` as "request errored", the rest at `info`.
 *
 * Why not nestjs-pino's pino-http middleware: Nest runs middleware on Fastify through
 * `@fastify/middie`, and the middleware built a child logger (serializing the request) and an
 * AsyncLocalStorage scope for every request, logged or not — about 250 µs of CPU per request in
 * bench:checkin, with request logs off. Here nothing runs when `info` is off, and a logged request
 * costs one serialization. What goes: service log lines inside a request no longer repeat the
 * request; lines that concern a request (the exception filter's) name its id themselves.
 */
export function registerRequestLog(fastify: FastifyInstance, logger: Logger = PinoLogger.root): void {
  if (!logger.isLevelEnabled('info')) return;
  fastify.addHook('onResponse', (request, reply, done) => {
    if (request.url !== '/health') {
      // The logger's serializers (pino's standard ones wrapped around ours) read these as they read pino-http's.
      const line = { req: request, res: reply.raw, responseTime: Math.round(reply.elapsedTime) };
      if (reply.statusCode >= 500) logger.error(line, 'request errored');
      else logger.info(line, 'request completed');
    }
    done();
  });
}
