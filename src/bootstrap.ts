import { NestFactory } from '@nestjs/core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { registerRequestLog } from './common/logging/request-log';
import { AppModule, type AppOptions } from './app.module';
import { ACCOUNTS_CONSTRAINTS } from './accounts/accounts.errors';
import { ATTENDANCE_CONSTRAINTS } from './attendance/attendance.errors';
import { importsBusy } from './common/csv/csv-import';
import { csvWorkers } from './common/csv/csv-workers';
import { ErrorBodyDto, withErrorResponses } from './common/errors/error-body.dto';
import { mergeConstraintMaps } from './common/errors/error-codes';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { createValidationPipe } from './common/errors/validation';
import { registerSecurity } from './common/security/security';
import { checkBodyShape } from './common/http/body-shape';
import { pageErrors } from './web/page-errors';
import { ViewRenderer } from './web/view-renderer';
import { registerWorkspaceSecurity } from './web/workspace/session';
import { EVENTS_CONSTRAINTS } from './events/events.errors';
import { INVITATIONS_CONSTRAINTS } from './invitations/invitations.errors';
import { BRIDGE_POINTS_CONSTRAINTS } from './bridge-points/bridge-points.errors';
import { ORGANIZATIONS_CONSTRAINTS } from './organizations/organizations.errors';
import { PEOPLE_CONSTRAINTS } from './people/people.errors';
import { TRAINING_CONSTRAINTS } from './training/training.errors';
import { INDICATORS_CONSTRAINTS } from './indicators/indicators.errors';

/** Every module's constraint-to-field map (its `<module>.errors.ts`), handed to the one exception filter. */
export const CONSTRAINTS = mergeConstraintMaps(ORGANIZATIONS_CONSTRAINTS, PEOPLE_CONSTRAINTS, ACCOUNTS_CONSTRAINTS, EVENTS_CONSTRAINTS, INVITATIONS_CONSTRAINTS, BRIDGE_POINTS_CONSTRAINTS, ATTENDANCE_CONSTRAINTS, TRAINING_CONSTRAINTS, INDICATORS_CONSTRAINTS);

/** Builds the HTTP application exactly as production runs it; tests call this too. */
export async function createApp(options: AppOptions): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    // Believe X-Forwarded-For only from the listed proxies (TRUST_PROXY); by default the TCP peer is the client.
    trustProxy: options.config.trustProxy,
    bodyLimit: options.config.bodyLimits.bytes,
    // No Nest middleware here (request logs are a Fastify hook, common/logging/request-log.ts): without
    // middie, no Express-style middleware engine runs on every request for nothing.
    skipMiddie: true,
    // A well-formed x-request-id from a proxy is kept, otherwise a UUID; every log line and the response carry it.
    requestIdHeader: false,
    genReqId: (req: { headers: Record<string, string | string[] | undefined> }) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID();
    },
    // A URL that is not valid text (`/rsvp/%00%ff`) fails in Fastify's router, before Nest: answered
    // by the same filter as everything else (JSON for the API, the friendly page for page routes).
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => filter.catchFastify(error, request, reply as never),
  });
  // (Assigned once the app exists: the page renderer comes from its module graph.)
  // eslint-disable-next-line prefer-const
  let filter: HttpExceptionFilter;
  // CSV imports arrive as the raw body; decoding (and refusing non-UTF-8) is the importer's job.
  const csvTypes = ['text/csv', 'application/csv'];
  adapter.getInstance().addContentTypeParser(csvTypes, { parseAs: 'buffer', bodyLimit: options.config.csvLimits.bytes }, (_req, body, done) => done(null, body));
  // XLSX uploads (training's roster import) arrive as bytes too, under the same size limit.
  const xlsxTypes = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream'];
  adapter.getInstance().addContentTypeParser(xlsxTypes, { parseAs: 'buffer', bodyLimit: options.config.csvLimits.bytes }, (_req, body, done) => done(null, body));
  // An import that would find the queue for a CSV thread full is refused (503, Retry-After) before
  // its body is read: a burst of uploads is not held in memory only to be refused afterwards.
  const importTypes = new Set([...csvTypes, ...xlsxTypes]);
  // (These global hooks take a callback, not a promise: they run on every request, and most of the
  // time only to find they have nothing to do.)
  adapter.getInstance().addHook('onRequest', (request, reply, done) => {
    const type = request.headers['content-type']?.split(';')[0].trim().toLowerCase();
    if (!type || !importTypes.has(type) || !csvWorkers.full(options.config.csvLimits.maxWaiting)) return done();
    filter.catchFastify(importsBusy(), request, reply as never);
  });
  // Depth and array lengths of a parsed body are measured (iteratively) before any DTO work: a body
  // nested 2,500 deep or an array of 100,000 `{}` is a small 400, not a stack overflow or seconds of validation.
  adapter.getInstance().addHook('preValidation', (request, reply, done) => {
    const refusal = checkBodyShape(request.body, options.config.bodyLimits);
    if (!refusal) return done();
    filter.catchFastify(refusal, request, reply as never);
  });
  adapter.getInstance().addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    done(null, payload);
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(options), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  registerRequestLog(adapter.getInstance());
  app.useGlobalPipes(createValidationPipe());
  // Also catches Fastify's own errors (malformed JSON, oversized body), which Nest routes through filters.
  const views = app.get(ViewRenderer, { strict: false });
  filter = new HttpExceptionFilter(CONSTRAINTS, pageErrors(views));
  app.useGlobalFilters(filter);
  await registerWorkspaceSecurity(app, options.config, (error, request, reply) => filter.catchFastify(error, request, reply as never));
  await registerSecurity(app, options.config, (error, request, reply) => filter.catchFastify(error, request, reply as never));

  const doc = new DocumentBuilder()
    .setTitle('hoinghi API')
    .setDescription('Quản lý hội nghị và tập huấn — conference and training management for provincial IT administration. Log in with POST /api/auth/login and send the token as a bearer token.')
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => withErrorResponses(SwaggerModule.createDocument(app, doc, { extraModels: [ErrorBodyDto] })), { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
