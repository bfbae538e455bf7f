import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import type { Organization } from '../organizations/organization.entity';
import type { Role } from '../common/auth/principal';

/**
 * A login. `scopeOrganizationId` limits what the user sees and changes to that subtree (null =
 * everything). Administrators are never scoped: a scoped admin could otherwise lift its own scope.
 */
@Entity('users')
@Check('users_role_check', `role IN ('admin','organizer','trainer','viewer','leader')`)
@Check('users_email_lower_check', 'email = lower(email)')
@Check('users_admin_unscoped_check', `role <> 'admin' OR scope_organization_id IS NULL`)
export class User extends BaseEntity {
  @Index('users_email_key', { unique: true })
  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  displayName!: string;

  /** `scrypt$N$r$p$salt$hash`, see password.ts */
  @Column({ type: 'varchar', length: 300, select: false })
  passwordHash!: string;

  @Column({ type: 'varchar', length: 16 })
  role!: Role;

  @Index('users_scope_organization_id_idx')
  @Column({ type: 'uuid', nullable: true })
  scopeOrganizationId!: string | null;

  @ManyToOne('Organization', { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'scope_organization_id', foreignKeyConstraintName: 'users_scope_organization_id_fkey' })
  scopeOrganization?: Organization | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  /** Raised on password change, deactivation and role or scope change; tokens carry it and older ones stop working. */
  @Column({ type: 'int', default: 0 })
  tokenVersion!: number;
}
