import { HttpException, HttpStatus } from '@nestjs/common';

/** One problem with one input field. `field` is a dotted path (`headcounts.0.year`) or a CSV locator (`row 3, email`). */
export interface ErrorDetail {
  field: string;
  message: string;
}

/** The single error body every endpoint returns. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details: ErrorDetail[];
}

/** An HttpException that carries field details in the house error shape. */
export class ApiError extends HttpException {
  constructor(status: HttpStatus, message: string, details: ErrorDetail[] = []) {
    super({ message, details }, status);
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) => new ApiError(HttpStatus.BAD_REQUEST, message, details);
export const notFound = (what: string, id?: string) =>
  new ApiError(HttpStatus.NOT_FOUND, id ? `${what} ${id} not found` : `${what} not found`);
export const forbidden = (message = 'Outside your role or organization scope') => new ApiError(HttpStatus.FORBIDDEN, message);
