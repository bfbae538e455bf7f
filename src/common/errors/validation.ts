import type { ValidationError } from '@nestjs/common';
import { BoundedValidationPipe } from '../http/body-shape';
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

/** The message of a validation failure: the fields at fault, the first few by name. */
export function invalidInputMessage(details: ErrorDetail[], named = 10): string {
  const fields = [...new Set(details.map((d) => d.field))];
  return `Invalid input: ${fields.slice(0, named).join(', ')}${fields.length > named ? ` and ${fields.length - named} more` : ''}`;
}

/**
 * The global pipe: strips nothing silently — unknown fields are rejected — and converts query strings
 * to the DTO's types. Array fields are measured against their `@ArrayMaxSize` first (BoundedValidationPipe).
 */
export function createValidationPipe() {
  return new BoundedValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return badRequest(invalidInputMessage(details), details, CommonError.ValidationFailed);
    },
  });
}
