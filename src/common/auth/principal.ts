import { UnauthorizedException } from '@nestjs/common';
import type { SqlCheck, SqlCondition } from '../sql';

export const ROLES = ['admin', 'organizer', 'trainer', 'viewer', 'leader'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Roles that read and never write: a viewer follows events; a leader (lãnh đạo) reads everything in
 * its scope and, in indicators only, publishes ranking snapshots (the one thing a leader writes).
 */
export const READ_ONLY_ROLES: readonly Role[] = ['viewer', 'leader'];
export const isReadOnly = (role: Role) => READ_ONLY_ROLES.includes(role);

/** Who is calling, as the auth guard resolved it for this request. */
export interface Principal {
  userId: string;
  email: string;
  role: Role;
  /** The organization subtree this user is limited to; null means the whole tree. */
  scopeOrganizationId: string | null;
  /**
   * The scope organization's materialised path, when the loader read it with the user (the guard's
   * one query per request); scope checks then need no query of their own. Used only while
   * `organizationId` is still `scopeOrganizationId` (a copy with another scope reads its own). Absent: read on demand.
   */
  scope?: { organizationId: string; path: string };
  /**
   * Set on routes that check their caller in their own statement (`@CallerCheckedInQuery()`): role,
   * scope and e-mail come from the token, which is valid only while its user is active at its
   * version (a change of role or scope raises it). `condition` is that check as SQL, for the
   * route's query to select (`callerCheck`); whatever the route did, its response is sent only once the
   * check has passed (CallerCheckInterceptor reads the user when the query did not check it).
   */
  pending?: { version: number; condition: SqlCondition; verified: boolean };
}

export const REVOKED_MESSAGE = 'Token revoked, or account not found or deactivated';

/**
 * The caller's check as a column of a read's one statement (null when the guard checked already):
 * 401 when it failed; with no row to read it from, CallerCheckInterceptor checks before the response.
 */
export function callerCheck(principal: Principal): SqlCheck | null {
  const pending = principal.pending;
  if (!pending || pending.verified) return null;
  return {
    condition: pending.condition,
    settle(ok) {
      if (ok === undefined) return;
      if (ok !== true) throw new UnauthorizedException(REVOKED_MESSAGE);
      pending.verified = true;
    },
  };
}

/**
 * Loads the current state of a user, so a deactivated user or changed role takes effect at once.
 * `tokenVersion` is the version the token was issued for: a password change, deactivation or role
 * change raises the user's version and every older token stops working. Provided by accounts.
 */
export interface PrincipalLoader {
  load(userId: string, tokenVersion: number): Promise<Principal | null>;
  /** The SQL condition true while the user is active at `tokenVersion` (named parameters), for a read's own statement. */
  checkCondition(userId: string, tokenVersion: number): SqlCondition;
}
export const PRINCIPAL_LOADER = Symbol('PRINCIPAL_LOADER');

/** hoinghi itself acting as an unscoped administrator: demo seeding, CLI tasks, test factories. */
export const SYSTEM_PRINCIPAL: Principal = { userId: 'system', email: 'system@hoinghi', role: 'admin', scopeOrganizationId: null };
