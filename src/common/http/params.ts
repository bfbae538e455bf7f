import { ParseUUIDPipe } from '@nestjs/common';
import { badRequest } from '../errors/api-error';
import { CommonError } from '../errors/error-codes';

/** `@Param('id', IdPipe)`: a malformed id is a 400 naming the parameter, not a database error. */
export const IdPipe = new ParseUUIDPipe({
  exceptionFactory: () => badRequest('Invalid id', [{ field: 'id', message: 'must be a UUID' }], CommonError.ValidationFailed),
});
