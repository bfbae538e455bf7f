import type { ConstraintMap } from '../common/errors/error-codes';

/** Codes of the organizations module's errors (see src/common/errors/error-codes.ts for the naming). */
export enum OrganizationsError {
  /** 404: no organization with this id (out of scope is 403 auth.forbidden). */
  NotFound = 'organizations.not_found',
  /** 400: `parentId` names no organization. */
  ParentNotFound = 'organizations.parent_not_found',
  /** 400: a move would put the organization below itself or one of its descendants. */
  MoveIntoOwnSubtree = 'organizations.move_into_own_subtree',
  /** 400: the same year twice among the headcounts sent. */
  HeadcountYearRepeated = 'organizations.headcount_year_repeated',
  /** 409: another organization has this code. */
  CodeTaken = 'organizations.code_taken',
  /** 409: a headcount for this year already exists. */
  HeadcountYearTaken = 'organizations.headcount_year_taken',
  /** 409: an organization with child organizations cannot be deleted. */
  HasChildren = 'organizations.has_children',
}

export const ORGANIZATIONS_CONSTRAINTS: ConstraintMap = {
  organizations_code_key: { field: 'code', message: 'An organization with this code already exists', code: OrganizationsError.CodeTaken },
  organizations_parent_id_fkey: { field: 'id', message: 'The organization still has child organizations', code: OrganizationsError.HasChildren },
  organization_headcounts_org_year_key: { field: 'headcounts', message: 'A headcount for this year already exists', code: OrganizationsError.HeadcountYearTaken },
};
