export const ROLES = ['admin', 'organizer', 'trainer', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

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
}

/**
 * Loads the current state of a user, so a deactivated user or changed role takes effect at once.
 * `tokenVersion` is the version the token was issued for: a password change, deactivation or role
 * change raises the user's version and every older token stops working. Provided by accounts.
 */
export interface PrincipalLoader {
  load(userId: string, tokenVersion: number): Promise<Principal | null>;
}
export const PRINCIPAL_LOADER = Symbol('PRINCIPAL_LOADER');

/** hoinghi itself acting as an unscoped administrator: demo seeding, CLI tasks, test factories. */
export const SYSTEM_PRINCIPAL: Principal = { userId: 'system', email: 'system@hoinghi', role: 'admin', scopeOrganizationId: null };
