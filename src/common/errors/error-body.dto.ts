import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { ErrorBody, ErrorDetail } from './api-error';

/** OpenAPI schema of ErrorDetail. */
export class ErrorDetailDto implements ErrorDetail {
  @ApiProperty({ description: 'Dotted path of the input field (`headcounts.0.year`) or a CSV locator (`row 3, email`)', example: 'email' })
  field!: string;

  @ApiProperty({ example: 'A person with this e-mail already exists' })
  message!: string;
}

/** OpenAPI schema of the one error body every endpoint answers (see ErrorBody). */
export class ErrorBodyDto implements ErrorBody {
  @ApiProperty({ example: 409 })
  statusCode!: number;

  @ApiProperty({ description: 'The HTTP reason phrase', example: 'Conflict' })
  error!: string;

  @ApiProperty({
    description:
      'Machine-readable, `<namespace>.<reason>`: a module code (`people.email_taken`, `events.venue_booked`) or a generic one ' +
      '(`validation.failed`, `request.malformed`, `auth.unauthorized`, `auth.forbidden`, `http.not_found`, `db.unique_violation`, `server.internal`, …). Branch on this, not on `message`.',
    example: 'people.email_taken',
    pattern: '^[a-z0-9_]+\\.[a-z0-9_]+$',
  })
  code!: string;

  @ApiProperty({ description: 'For people; may be reworded', example: 'A person with this e-mail already exists' })
  message!: string;

  @ApiProperty({ type: [ErrorDetailDto], description: 'Each problem by field, at most 100' })
  details!: ErrorDetailDto[];

  @ApiPropertyOptional({ description: 'Only when there were more than 100 problems: how many were left out of `details`', example: 250 })
  detailsTruncated?: number;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'] as const;

/** Declares ErrorBody as every operation's `default` response, so generated clients know the error shape. */
export function withErrorResponses(document: OpenAPIObject): OpenAPIObject {
  for (const path of Object.values(document.paths ?? {})) {
    for (const method of METHODS) {
      const op = path[method];
      if (!op) continue;
      op.responses ??= {};
      op.responses.default ??= {
        description: 'Error (any 4xx/5xx), in the house shape',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBodyDto' } } },
      };
    }
  }
  return document;
}
