/* The kinds and levels of organizations, apart from the entity so that code without TypeORM (the CSV worker) can use them. */
export const ORGANIZATION_KINDS = ['province', 'department', 'district', 'commune', 'ministry', 'party', 'council', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];
export const ORGANIZATION_LEVELS = ['central', 'province', 'district', 'commune'] as const;
export type OrganizationLevel = (typeof ORGANIZATION_LEVELS)[number];
