import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import type { ErrorBody, ErrorDetail } from './api-error';

/** PostgreSQL error codes a client can cause, and what they mean for the client. */
const PG_ERRORS: Record<string, { status: number; message: string }> = {
  '23505': { status: 409, message: 'Already exists' },
  '23503': { status: 409, message: 'Refers to or is referred to by another record' },
  '23001': { status: 409, message: 'Still referred to by another record' },
  '23514': { status: 400, message: 'Violates a rule of the data' },
  '23502': { status: 400, message: 'A required value is missing' },
  '22P02': { status: 400, message: 'Malformed value' },
  '22001': { status: 400, message: 'Value too long' },
  '22003': { status: 400, message: 'Number out of range' },
  '22007': { status: 400, message: 'Malformed date or time' },
  '22008': { status: 400, message: 'Date or time out of range' },
  '22021': { status: 400, message: 'Text contains a character that cannot be stored (e.g. a NUL byte)' },
  '22P05': { status: 400, message: 'Text contains a character that cannot be stored' },
  '54000': { status: 400, message: 'Value too large' },
};

/** Constraint names → the field they protect, for 409/400 details. Filled by modules at load time. */
const CONSTRAINT_FIELDS = new Map<string, { field: string; message: string }>();
export function describeConstraint(name: string, field: string, message: string) {
  CONSTRAINT_FIELDS.set(name, { field, message });
}

/** Turns anything thrown while handling a request into the house error body; a 500 only for our own bugs. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost) {
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const reply = host.switchToHttp().getResponse();
    reply.status(body.statusCode).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const res = exception.getResponse();
      let message = exception.message;
      let details: ErrorDetail[] = [];
      if (typeof res === 'object' && res !== null) {
        const r = res as { message?: unknown; details?: ErrorDetail[] };
        if (typeof r.message === 'string') message = r.message;
        else if (Array.isArray(r.message)) message = r.message.join('; ');
        if (Array.isArray(r.details)) details = r.details;
        // @nestjs/terminus: { status: 'error', error: { redis: { status: 'down', message } } }
        const health = res as { status?: string; error?: Record<string, { message?: string; status?: string }> };
        if (health.status === 'error' && health.error && typeof health.error === 'object') {
          message = `Unavailable: ${Object.keys(health.error).join(', ')}`;
          details = Object.entries(health.error).map(([field, v]) => ({ field, message: v.message ?? v.status ?? 'down' }));
        }
      } else if (typeof res === 'string') message = res;
      return { statusCode: status, error: reason(status), message, details };
    }
    if (exception instanceof EntityNotFoundError) {
      return { statusCode: 404, error: reason(404), message: 'Not found', details: [] };
    }
    if (exception instanceof QueryFailedError) {
      const driverError = (exception as QueryFailedError & { driverError?: { code?: string; constraint?: string; column?: string } }).driverError;
      const known = driverError?.code ? PG_ERRORS[driverError.code] : undefined;
      if (known) {
        const described = driverError?.constraint ? CONSTRAINT_FIELDS.get(driverError.constraint) : undefined;
        const details = described
          ? [described]
          : driverError?.constraint
            ? [{ field: driverError.constraint, message: known.message }]
            : driverError?.column
              ? [{ field: camel(driverError.column), message: known.message }]
              : [];
        return { statusCode: known.status, error: reason(known.status), message: described?.message ?? known.message, details };
      }
    }
    // Fastify's own errors (malformed JSON, body too large, unsupported media type) carry a 4xx statusCode.
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return { statusCode: fastifyStatus, error: reason(fastifyStatus), message: (exception as Error).message, details: [] };
    }
    return { statusCode: 500, error: reason(500), message: 'Internal server error', details: [] };
  }
}

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function reason(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'Server Error' : 'Error');
}
