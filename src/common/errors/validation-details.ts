import type { ValidationError } from 'class-validator';
import type { ErrorDetail } from './api-error';

/** Flattens class-validator errors (nested too) into `{ field, message }` with dotted paths. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((message) => ({ field, message }));
    return own.concat(flattenValidationErrors(e.children ?? [], field));
  });
}
