import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { type ErrorBody, type ErrorDetail, MAX_DETAILS, Unavailable } from './api-error';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from './database-unavailable';
import { CommonError, type ConstraintMap } from './error-codes';

/** PostgreSQL error codes a client can cause, and what they mean for the client. */
const PG_ERRORS: Record<string, { status: number; message: string; code: CommonError }> = {
  '23505': { status: 409, message: 'Already exists', code: CommonError.UniqueViolation },
  '23503': { status: 409, message: 'Refers to or is referred to by another record', code: CommonError.ForeignKeyViolation },
  '23001': { status: 409, message: 'Still referred to by another record', code: CommonError.ForeignKeyViolation },
  '23514': { status: 400, message: 'Violates a rule of the data', code: CommonError.CheckViolation },
  '23502': { status: 400, message: 'A required value is missing', code: CommonError.NotNullViolation },
  '22P02': { status: 400, message: 'Malformed value', code: CommonError.InvalidValue },
  '22001': { status: 400, message: 'Value too long', code: CommonError.InvalidValue },
  '22003': { status: 400, message: 'Number out of range', code: CommonError.InvalidValue },
  '22007': { status: 400, message: 'Malformed date or time', code: CommonError.InvalidValue },
  '22008': { status: 400, message: 'Date or time out of range', code: CommonError.InvalidValue },
  '22021': { status: 400, message: 'Text contains a character that cannot be stored (e.g. a NUL byte)', code: CommonError.InvalidValue },
  '22P05': { status: 400, message: 'Text contains a character that cannot be stored', code: CommonError.InvalidValue },
  '54000': { status: 400, message: 'Value too large', code: CommonError.InvalidValue },
};

/** The generic code of a status, for errors whose thrower named none. */
export function codeForStatus(status: number): CommonError {
  switch (status) {
    case 401:
      return CommonError.Unauthorized;
    case 403:
      return CommonError.Forbidden;
    case 404:
      return CommonError.NotFound;
    case 405:
      return CommonError.MethodNotAllowed;
    case 409:
      return CommonError.Conflict;
    case 413:
      return CommonError.RequestTooLarge;
    case 415:
      return CommonError.UnsupportedMediaType;
    case 429:
      return CommonError.RateLimited;
    case 502:
    case 503:
    case 504:
      return CommonError.Unavailable;
    default:
      return status >= 500 ? CommonError.Internal : CommonError.RequestInvalid;
  }
}

/**
 * The HTML answer to an error on a page route (a person's browser, not an API client), or null:
 * e.g. a mangled or over-long token in `/rsvp/…` that never reached the page's controller.
 */
export type PageErrors = (request: RequestLike, status: number) => { status: number; html: string } | null;
interface RequestLike {
  /** Fastify's request id (the x-request-id the answer carries), named in log lines about the request. */
  id?: string;
  url?: string;
  headers?: Record<string, unknown>;
}
interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(payload: unknown): unknown;
}

/**
 * Turns anything thrown while handling a request into the house error body; a 500 only for our own bugs.
 * `constraints` (every module's map, merged in bootstrap) names the field and code of a violated constraint.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  /** `pages`: the HTML answer for a request to a page route (the web module's), else JSON. */
  constructor(
    private readonly constraints: ConstraintMap = {},
    private readonly pages?: PageErrors,
  ) {}

  catch(exception: unknown, host: ArgumentsHost) {
    this.respond(exception, host.switchToHttp().getRequest(), host.switchToHttp().getResponse());
  }

  /** Fastify's `frameworkErrors`: errors its router raises before Nest sees the request (a URL that is not valid text). */
  catchFastify(error: Error, request: RequestLike, reply: ReplyLike): void {
    this.respond(error, request, reply);
  }

  private respond(exception: unknown, request: RequestLike, reply: ReplyLike): void {
    const body = this.toBody(exception);
    const unavailable = body.statusCode === 503;
    // Service log lines do not carry the request (see common/logging/request-log.ts): these name it.
    const req = `request ${request.id ?? '-'}`;
    if (unavailable && isDatabaseUnavailable(exception)) {
      // One line, no stack: during an outage every request ends here.
      this.logger.warn(`${req}: database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
    } else if (exception instanceof Unavailable) {
      this.logger.warn(`${req}: busy: ${exception.message}`); // (ours, on purpose: no stack)
    } else if (body.statusCode >= 500) this.logger.error(`${req}: ${exception instanceof Error ? exception.stack : String(exception)}`);
    if (unavailable) reply.header('retry-after', String(exception instanceof Unavailable ? exception.retryAfterSeconds : DATABASE_RETRY_AFTER_SECONDS));
    const page = this.pages?.(request, body.statusCode);
    if (page) {
      reply.status(page.status).header('content-type', 'text/html; charset=utf-8').header('cache-control', 'no-store').send(page.html);
      return;
    }
    reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  /** The error body, listing at most MAX_DETAILS details (a 100,000-item body must not answer 39 MB). */
  toBody(exception: unknown): ErrorBody {
    const body = this.fullBody(exception);
    if (body.details.length <= MAX_DETAILS) return body;
    return { ...body, details: body.details.slice(0, MAX_DETAILS), detailsTruncated: body.details.length - MAX_DETAILS };
  }

  private fullBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      let message = exception.message;
      let details: ErrorDetail[] = [];
      // Fastify's own 4xx errors (malformed JSON, …) reach us wrapped by the adapter, the original as `cause`.
      let code: string = status === 400 && isFrameworkError(exception.cause) ? CommonError.RequestMalformed : codeForStatus(status);
      if (typeof res === 'object' && res !== null) {
        const r = res as { message?: unknown; details?: ErrorDetail[]; code?: unknown };
        if (typeof r.message === 'string') message = r.message;
        else if (Array.isArray(r.message)) message = r.message.join('; ');
        if (Array.isArray(r.details)) details = r.details;
        if (typeof r.code === 'string' && r.code.includes('.')) code = r.code;
        // @nestjs/terminus: { status: 'error', error: { redis: { status: 'down', message } } }
        const health = res as { status?: string; error?: Record<string, { message?: string; status?: string }> };
        if (health.status === 'error' && health.error && typeof health.error === 'object') {
          message = `Unavailable: ${Object.keys(health.error).join(', ')}`;
          details = Object.entries(health.error).map(([field, v]) => ({ field, message: v.message ?? v.status ?? 'down' }));
        }
      } else if (typeof res === 'string') message = res;
      return { statusCode: status, error: reason(status), code, message, details };
    }
    if (exception instanceof EntityNotFoundError) {
      return { statusCode: 404, error: reason(404), code: CommonError.NotFound, message: 'Not found', details: [] };
    }
    if (exception instanceof QueryFailedError) {
      const driverError = (exception as QueryFailedError & { driverError?: { code?: string; constraint?: string; column?: string } }).driverError;
      const known = driverError?.code ? PG_ERRORS[driverError.code] : undefined;
      if (known) {
        const described = driverError?.constraint && Object.hasOwn(this.constraints, driverError.constraint) ? this.constraints[driverError.constraint] : undefined;
        const details = described
          ? [{ field: described.field, message: described.message }]
          : driverError?.constraint
            ? [{ field: driverError.constraint, message: known.message }]
            : driverError?.column
              ? [{ field: camel(driverError.column), message: known.message }]
              : [];
        return { statusCode: known.status, error: reason(known.status), code: described?.code ?? known.code, message: described?.message ?? known.message, details };
      }
    }
    // Fastify's own errors (malformed JSON, body too large, unsupported media type) carry a 4xx statusCode.
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const code = fastifyStatus === 400 ? CommonError.RequestMalformed : codeForStatus(fastifyStatus);
      return { statusCode: fastifyStatus, error: reason(fastifyStatus), code, message: (exception as Error).message, details: [] };
    }
    if (isDatabaseUnavailable(exception)) {
      return { statusCode: 503, error: reason(503), code: CommonError.Unavailable, message: 'The database is unavailable or too slow right now; try again shortly', details: [] };
    }
    return { statusCode: 500, error: reason(500), code: CommonError.Internal, message: 'Internal server error', details: [] };
  }
}

/** An error of Fastify itself (`FST_…` code) or an http-errors one, as opposed to one thrown by our code. */
const isFrameworkError = (e: unknown) => typeof (e as { statusCode?: unknown } | undefined)?.statusCode === 'number';

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function reason(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'Server Error' : 'Error');
}
