import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { badRequest, type ErrorDetail } from './api-error';
import { CommonError } from './error-codes';

/** Flattens class-validator errors (nested too) into `{ field, message }` with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(flattenValidationErrors(e.children ?? [], field));
  });
}

/** The global pipe: strips nothing silently — unknown fields are rejected — and converts query strings to the DTO's types. */
export function createValidationPipe() {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return badRequest(`Invalid input: ${[...new Set(details.map((d) => d.field))].join(', ')}`, details, CommonError.ValidationFailed);
    },
  });
}
