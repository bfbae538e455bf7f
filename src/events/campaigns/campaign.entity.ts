import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { BaseEntity } from '../../common/base.entity';
import type { Organization } from '../../organizations/organization.entity';

/** A plan to hold one event per target organization, e.g. Quảng Ngãi's deployment conferences in its 14 districts. */
@Entity('campaigns')
export class Campaign extends BaseEntity {
  @Column({ type: 'varchar', length: 500, collation: 'vi-x-icu' })
  title!: string;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'uuid' })
  hostOrganizationId!: string;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'host_organization_id', foreignKeyConstraintName: 'campaigns_host_organization_id_fkey' })
  hostOrganization?: Organization;

  @Column({ type: 'int', nullable: true })
  year!: number | null;
}

/** An organization the campaign means to reach with one event. */
@Entity('campaign_targets')
export class CampaignTarget {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'campaign_targets_pkey' })
  campaignId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'campaign_targets_pkey' })
  organizationId!: string;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id', foreignKeyConstraintName: 'campaign_targets_campaign_id_fkey' })
  campaign?: Campaign;

  @ManyToOne('Organization', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id', foreignKeyConstraintName: 'campaign_targets_organization_id_fkey' })
  organization?: Organization;
}
