import { HttpException, HttpStatus } from '@nestjs/common';
import type { ErrorCode } from './error-codes';

/** One problem with one input field. `field` is a dotted path (`headcounts.0.year`) or a CSV locator (`row 3, email`). */
export interface ErrorDetail {
  field: string;
  message: string;
}

/** The single error body every endpoint returns. `code` is machine-readable (see error-codes.ts); `message` is for people. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  message: string;
  details: ErrorDetail[];
  /** Present when there were more than MAX_DETAILS problems: how many more were left out of `details`. */
  detailsTruncated?: number;
}

/** At most this many details are answered; the rest are counted in `detailsTruncated`. */
export const MAX_DETAILS = 100;

/**
 * An HttpException that carries field details and a code in the house error shape.
 * `code` comes from the module's `<module>.errors.ts` enum; without one the filter answers the
 * generic code of the status (`http.conflict`, `request.invalid`, …).
 */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, message: string, details: ErrorDetail[] = [], code?: ErrorCode) {
    super({ message, details, ...(code ? { code } : {}) }, status);
  }

  /** The code given by the thrower, if any. */
  get code(): ErrorCode | undefined {
    return (this.getResponse() as { code?: ErrorCode }).code;
  }
}

/**
 * 503 with `Retry-After: retryAfterSeconds`: the server cannot take this request now (busy, not broken);
 * the same request may succeed later. Logged as one warning line, not as an error with its stack.
 */
export class Unavailable extends ApiError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    code?: ErrorCode,
  ) {
    super(HttpStatus.SERVICE_UNAVAILABLE, message, [], code);
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = [], code?: ErrorCode) => new ApiError(HttpStatus.BAD_REQUEST, message, details, code);
export const conflict = (message: string, details: ErrorDetail[] = [], code?: ErrorCode) => new ApiError(HttpStatus.CONFLICT, message, details, code);
export const notFound = (what: string, id?: string, code?: ErrorCode) =>
  new ApiError(HttpStatus.NOT_FOUND, id ? `${what} ${id} not found` : `${what} not found`, [], code);
export const forbidden = (message = 'Outside your role or organization scope', code?: ErrorCode) => new ApiError(HttpStatus.FORBIDDEN, message, [], code);

/** The machine-readable code of an error, when it is one of ours (pages branch on it). */
export const codeOf = (e: unknown): ErrorCode | undefined => (e instanceof ApiError ? e.code : undefined);
