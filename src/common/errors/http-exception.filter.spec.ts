import { type ArgumentsHost, BadRequestException, ForbiddenException, HttpException, Logger, NotFoundException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { ApiError, badRequest, conflict, notFound } from './api-error';
import { CommonError, type ConstraintMap, mergeConstraintMaps } from './error-codes';
import { HttpExceptionFilter } from './http-exception.filter';

const CONSTRAINTS: ConstraintMap = {
  widgets_code_key: { field: 'code', message: 'A widget with this code already exists', code: 'widgets.code_taken' },
  widgets_owner_id_fkey: { field: 'ownerId', message: 'The owner still has widgets' },
};
const filter = new HttpExceptionFilter(CONSTRAINTS);
const pg = (code: string, extra: { constraint?: string; column?: string } = {}) =>
  new QueryFailedError('INSERT …', [], Object.assign(new Error(`pg ${code}`), { code, ...extra }));
const fastify = (statusCode: number, message: string, code: string) => Object.assign(new Error(message), { statusCode, code });

describe('HttpExceptionFilter', () => {
  describe('answers the generic code of the status or source when the thrower named none', () => {
    it.each([
      ['a class-validator failure', 'validation.failed', 400, badRequest('Invalid input: name', [{ field: 'name', message: 'must be a string' }], CommonError.ValidationFailed)],
      ['a plain 400', 'request.invalid', 400, new BadRequestException('nope')],
      ['malformed JSON, wrapped by the Fastify adapter', 'request.malformed', 400, new HttpException('Unexpected end of JSON input', 400, { cause: fastify(400, 'Unexpected end of JSON input', 'FST_ERR_CTP_INVALID_JSON_BODY') })],
      ['malformed JSON from Fastify', 'request.malformed', 400, fastify(400, 'Unexpected end of JSON input', 'FST_ERR_CTP_INVALID_JSON_BODY')],
      ['an oversized body', 'request.too_large', 413, fastify(413, 'Request body is too large', 'FST_ERR_CTP_BODY_TOO_LARGE')],
      ['an unsupported content type', 'request.unsupported_media_type', 415, fastify(415, 'Unsupported Media Type: application/xml', 'FST_ERR_CTP_INVALID_MEDIA_TYPE')],
      ['a wrong method', 'request.method_not_allowed', 405, new HttpException('Method Not Allowed', 405)],
      ['too many requests', 'request.rate_limited', 429, new HttpException('Slow down', 429)],
      ['another Fastify 4xx', 'request.invalid', 408, fastify(408, 'Request timeout', 'FST_ERR_REQUEST_TIMEOUT')],
      ['a missing token', 'auth.unauthorized', 401, new UnauthorizedException('Missing bearer token')],
      ['a role or scope refusal', 'auth.forbidden', 403, new ForbiddenException('Requires role admin')],
      ['an unknown route', 'http.not_found', 404, new NotFoundException('Cannot GET /api/nothing')],
      ['an entity a module did not name', 'http.not_found', 404, notFound('Widget', 'w1')],
      ['TypeORM findOneOrFail', 'http.not_found', 404, new EntityNotFoundError('Widget', { id: 'w1' })],
      ['a 409 without code', 'http.conflict', 409, conflict('Busy')],
      ['an unnamed unique constraint', 'db.unique_violation', 409, pg('23505', { constraint: 'gadgets_name_key' })],
      ['an unnamed foreign key', 'db.foreign_key_violation', 409, pg('23503', { constraint: 'gadgets_widget_id_fkey' })],
      ['a RESTRICT foreign key (PostgreSQL 18 says 23001, 15 says 23503)', 'db.foreign_key_violation', 409, pg('23001', { constraint: 'gadgets_widget_id_fkey' })],
      ['a check constraint', 'db.check_violation', 400, pg('23514', { constraint: 'gadgets_size_check' })],
      ['a missing required column', 'db.not_null_violation', 400, pg('23502', { column: 'owner_id' })],
      ['a malformed uuid', 'db.invalid_value', 400, pg('22P02')],
      ['a value too long', 'db.invalid_value', 400, pg('22001')],
      ['a NUL byte', 'db.invalid_value', 400, pg('22021')],
      ['a dependency down', 'server.unavailable', 503, new ServiceUnavailableException({ status: 'error', error: { redis: { status: 'down', message: 'connect ECONNREFUSED' } } })],
      ['a 500 HttpException', 'server.internal', 500, new HttpException('boom', 500)],
    ])('%s → %s (%d)', (_what, code, status, exception) => {
      const body = filter.toBody(exception);
      expect(body).toMatchObject({ statusCode: status, code });
      expect(body).toEqual({ statusCode: status, error: expect.any(String), code, message: expect.any(String), details: expect.any(Array) });
    });
  });

  it('keeps the code, message and details an ApiError was thrown with', () => {
    const body = filter.toBody(new ApiError(409, 'The venue is booked', [{ field: 'venueName', message: 'booked' }], 'widgets.venue_booked'));
    expect(body).toEqual({ statusCode: 409, error: 'Conflict', code: 'widgets.venue_booked', message: 'The venue is booked', details: [{ field: 'venueName', message: 'booked' }] });
    expect(new ApiError(404, 'x', [], 'widgets.not_found').code).toBe('widgets.not_found');
  });

  it('gives a mapped unique violation its field, message and module code', () => {
    expect(filter.toBody(pg('23505', { constraint: 'widgets_code_key' }))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'widgets.code_taken',
      message: 'A widget with this code already exists',
      details: [{ field: 'code', message: 'A widget with this code already exists' }],
    });
  });

  it('gives a mapped constraint without a module code its field and the generic database code', () => {
    expect(filter.toBody(pg('23503', { constraint: 'widgets_owner_id_fkey' }))).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'db.foreign_key_violation',
      message: 'The owner still has widgets',
      details: [{ field: 'ownerId', message: 'The owner still has widgets' }],
    });
  });

  it('knows only the constraints it was given', () => {
    expect(new HttpExceptionFilter().toBody(pg('23505', { constraint: 'widgets_code_key' }))).toMatchObject({ code: 'db.unique_violation', details: [{ field: 'widgets_code_key' }] });
    expect(filter.toBody(pg('23505', { constraint: 'toString' }))).toMatchObject({ code: 'db.unique_violation', details: [{ field: 'toString' }] });
  });

  describe('unknown errors', () => {
    const reply = () => {
      const r = { status: jest.fn(), header: jest.fn(), send: jest.fn() };
      r.status.mockReturnValue(r);
      r.header.mockReturnValue(r);
      return r;
    };
    const host = (r: ReturnType<typeof reply>) => ({ switchToHttp: () => ({ getResponse: () => r, getRequest: () => ({ id: 'req-7', url: '/api/x', headers: {} }) }) }) as unknown as ArgumentsHost;
    let logged: jest.SpyInstance;
    beforeEach(() => {
      logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    });
    afterEach(() => logged.mockRestore());

    it('answer 500 server.internal without leaking the message, and are logged with their stack and the request id', () => {
      const r = reply();
      const bug = new TypeError("Cannot read properties of undefined (reading 'secret')");
      filter.catch(bug, host(r));
      expect(r.status).toHaveBeenCalledWith(500);
      expect(r.send).toHaveBeenCalledWith({ statusCode: 500, error: 'Internal Server Error', code: 'server.internal', message: 'Internal server error', details: [] });
      expect(logged).toHaveBeenCalledWith(`request req-7: ${bug.stack}`);
    });

    it('treat an unknown PostgreSQL error and a thrown non-Error as 500 too', () => {
      expect(filter.toBody(pg('40P01'))).toMatchObject({ statusCode: 500, code: 'server.internal' });
      const r = reply();
      filter.catch('a string', host(r));
      expect(r.send).toHaveBeenCalledWith(expect.objectContaining({ statusCode: 500, code: 'server.internal' }));
      expect(logged).toHaveBeenCalledWith('request req-7: a string');
    });

    it('do not log client errors', () => {
      filter.catch(notFound('Widget'), host(reply()));
      expect(logged).not.toHaveBeenCalled();
    });
  });

  it('refuses a constraint described by two modules', () => {
    expect(() => mergeConstraintMaps(CONSTRAINTS, { widgets_code_key: { field: 'code', message: 'again' } })).toThrow(/widgets_code_key/);
    expect(Object.keys(mergeConstraintMaps(CONSTRAINTS, { gadgets_name_key: { field: 'name', message: 'taken' } }))).toHaveLength(3);
  });
});
