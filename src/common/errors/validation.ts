import { BoundedValidationPipe } from '../http/body-shape';
import { badRequest, type ErrorDetail } from './api-error';
import { CommonError } from './error-codes';
import { flattenValidationErrors } from './validation-details';

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
