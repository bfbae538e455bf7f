import type { ConstraintMap } from '../common/errors/error-codes';

/** Codes of the people module's errors (see src/common/errors/error-codes.ts for the naming). */
export enum PeopleError {
  /** 404: no person with this id (out of scope is 403 auth.forbidden). */
  NotFound = 'people.not_found',
  /** 400: `organizationId` names no organization. */
  OrganizationNotFound = 'people.organization_not_found',
  /** 409: another person has this e-mail (compared case-insensitively). */
  EmailTaken = 'people.email_taken',
}

export const PEOPLE_CONSTRAINTS: ConstraintMap = {
  people_email_key: { field: 'email', message: 'A person with this e-mail already exists', code: PeopleError.EmailTaken },
  // Deleting an organization that still has people: the generic db.foreign_key_violation.
  people_organization_id_fkey: { field: 'organizationId', message: 'The organization still has people' },
};
