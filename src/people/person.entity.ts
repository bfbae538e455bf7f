import { Check, Column, Entity, Index, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import type { Organization } from '../organizations/organization.entity';

/** An official (cán bộ) with a title (chức vụ) in an organization. E-mail is stored lower-case and unique. */
@Entity('people')
@Check('people_email_lower_check', 'email = lower(email)')
export class Person extends BaseEntity {
  @Column({ type: 'varchar', length: 200, collation: 'vi-x-icu' })
  fullName!: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  title!: string | null;

  @Index('people_organization_id_idx')
  @Column({ type: 'uuid' })
  organizationId!: string;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'people_organization_id_fkey' })
  organization?: Organization;

  @Column({ type: 'boolean', default: false })
  isLeader!: boolean;

  @Index('people_email_key', { unique: true })
  @Column({ type: 'varchar', length: 254, nullable: true })
  email!: string | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone!: string | null;

  @Index('people_search_idx', { synchronize: false })
  @Column({
    type: 'text',
    generatedType: 'STORED',
    asExpression: `vn_fold(full_name || ' ' || coalesce(title, '') || ' ' || coalesce(email, ''))`,
    select: false,
    insert: false,
    update: false,
  })
  searchText!: string;
}
