import type { ConstraintMap } from '../common/errors/error-codes';

/** Codes of the accounts module's errors (see src/common/errors/error-codes.ts for the naming). */
export enum AccountsError {
  /** 401 at login: unknown e-mail, wrong password or deactivated account (deliberately not told apart). */
  WrongCredentials = 'accounts.wrong_credentials',
  /** 404: no user with this id. */
  UserNotFound = 'accounts.user_not_found',
  /** 400: an administrator is never limited to a scope organization. */
  AdminCannotBeScoped = 'accounts.admin_cannot_be_scoped',
  /** 400: `scopeOrganizationId` names no organization. */
  ScopeOrganizationNotFound = 'accounts.scope_organization_not_found',
  /** 409: another user has this e-mail. */
  EmailTaken = 'accounts.email_taken',
}

export const ACCOUNTS_CONSTRAINTS: ConstraintMap = {
  users_email_key: { field: 'email', message: 'A user with this e-mail already exists', code: AccountsError.EmailTaken },
  // Deleting an organization that is a user's scope: the generic db.foreign_key_violation.
  users_scope_organization_id_fkey: { field: 'scopeOrganizationId', message: 'The organization is the scope of a user' },
};
