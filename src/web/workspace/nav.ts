import type { Role } from '../../common/auth/principal';

/** One entry of the workspace navigation; its label is `nav.<key>` in the workspace catalog. */
export interface NavItem {
  key: string;
  href: string;
  /** Who sees it (everyone signed in when absent). */
  roles?: readonly Role[];
}

/**
 * The navigation of every workspace page, in order. Training (`/app/training`, key `training`) and
 * indicators (`/app/indicators`) add their entry here when their pages land — one line and a
 * catalog key each; the layout and the active-page marking need nothing else.
 */
export const WORKSPACE_NAV: NavItem[] = [
  { key: 'dashboard', href: '/app' },
  { key: 'events', href: '/app/events' },
  { key: 'training', href: '/app/training' },
  { key: 'indicators', href: '/app/indicators' },
  { key: 'admin', href: '/app/admin/organizations', roles: ['admin', 'organizer'] },
];

/** The entries a role sees, the one holding `path` marked current (the longest matching prefix). */
export function navFor(role: Role, path: string) {
  const items = WORKSPACE_NAV.filter((i) => !i.roles || i.roles.includes(role));
  const current = items.filter((i) => path === i.href || path.startsWith(`${i.href}/`)).sort((a, b) => b.href.length - a.href.length)[0];
  return items.map((i) => ({ ...i, current: i === current }));
}
