import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { badRequest, notFound } from '../../common/errors/api-error';
import { EventsError } from '../events.errors';
import { type Page, pageWithTotal } from '../../common/pagination/page';
import { OrganizationsService } from '../../organizations/organizations.service';
import { AuditService, diff } from '../audit.service';
import type { CampaignTargetView, CampaignView, CreateCampaignDto, ListCampaignsQuery, UpdateCampaignDto } from './campaign.dto';
import { Campaign, CampaignTarget } from './campaign.entity';
import { UnitOfWork } from '../../common/unit-of-work/unit-of-work';

/**
 * Progress of campaigns from their linked events, in one query: a target is `held` when one of
 * its events is completed, `scheduled` when one is published but not yet completed.
 */
const PROGRESS_SQL = `
  SELECT ct.campaign_id, ct.organization_id,
         CASE WHEN bool_or(e.status = 'completed') THEN 'held'
              WHEN bool_or(e.status IN ('scheduled', 'in_progress')) THEN 'scheduled'
              ELSE 'pending' END AS status,
         coalesce(array_agg(e.id ORDER BY e.starts_at) FILTER (WHERE e.id IS NOT NULL), '{}') AS event_ids
    FROM campaign_targets ct
    LEFT JOIN events e ON e.campaign_id = ct.campaign_id AND e.campaign_target_organization_id = ct.organization_id AND e.status <> 'cancelled'
   WHERE ct.campaign_id = ANY($1)
   GROUP BY ct.campaign_id, ct.organization_id`;

/** Campaigns: one event per target organization, with progress (held / target). */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectRepository(Campaign) private readonly campaigns: Repository<Campaign>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: ListCampaignsQuery): Promise<Page<CampaignView>> {
    const qb = this.campaigns.createQueryBuilder('c');
    const scope = await this.organizations.scopeCondition(principal, 'c.host_organization_id');
    if (scope) qb.andWhere(scope.sql, scope.params);
    const [rows, total] = await qb.orderBy('c.year', 'DESC', 'NULLS LAST').addOrderBy('c.title').take(query.limit).skip(query.offset).getManyAndCount();
    const progress = await this.progress(rows.map((c) => c.id));
    return pageWithTotal(rows.map((c) => toView(c, progress.get(c.id) ?? [], false)), total, query);
  }

  async getInScope(principal: Principal, id: string): Promise<Campaign> {
    const c = await this.campaigns.findOne({ where: { id } });
    if (!c) throw notFound('Campaign', id, EventsError.CampaignNotFound);
    await this.organizations.getInScope(principal, c.hostOrganizationId);
    return c;
  }

  async get(principal: Principal, id: string): Promise<CampaignView> {
    const c = await this.getInScope(principal, id);
    return toView(c, (await this.progress([id])).get(id) ?? [], true);
  }

  async create(principal: Principal, dto: CreateCampaignDto): Promise<CampaignView> {
    await this.organizations.getInScope(principal, dto.hostOrganizationId);
    await this.checkTargets(dto.targetOrganizationIds);
    const id = await this.uow.run(async () => {
      const m = this.uow.manager;
      const saved = await m.save(Campaign, { title: dto.title, description: dto.description ?? null, hostOrganizationId: dto.hostOrganizationId, year: dto.year ?? null });
      await this.replaceTargets(m, saved.id, dto.targetOrganizationIds);
      await this.audit.record(principal, { entityType: 'campaign', entityId: saved.id, action: 'campaign_created', changes: { title: dto.title, target: new Set(dto.targetOrganizationIds).size } });
      return saved.id;
    });
    return this.get(principal, id);
  }

  async update(principal: Principal, id: string, dto: UpdateCampaignDto): Promise<CampaignView> {
    const before = await this.getInScope(principal, id);
    if (dto.targetOrganizationIds) await this.checkTargets(dto.targetOrganizationIds);
    const { targetOrganizationIds, ...fields } = dto;
    await this.uow.run(async () => {
      const m = this.uow.manager;
      if (Object.keys(fields).length) await m.update(Campaign, { id }, fields);
      // Removing a target that events already serve fails on the events' foreign key: 409.
      if (targetOrganizationIds) await this.replaceTargets(m, id, targetOrganizationIds);
      await this.audit.record(principal, { entityType: 'campaign', entityId: id, action: 'campaign_updated', changes: { ...diff(before, fields), ...(targetOrganizationIds ? { targets: { to: targetOrganizationIds.length } } : {}) } });
    });
    return this.get(principal, id);
  }

  /** Whether `organizationId` is a target of `campaignId` (for events that join the campaign). */
  async isTarget(campaignId: string, organizationId: string): Promise<boolean> {
    return (await this.db.getRepository(CampaignTarget).count({ where: { campaignId, organizationId } })) > 0;
  }

  private async progress(ids: string[]): Promise<Map<string, CampaignTargetView[]>> {
    const out = new Map<string, CampaignTargetView[]>();
    if (ids.length === 0) return out;
    const rows: { campaign_id: string; organization_id: string; status: CampaignTargetView['status']; event_ids: string[] }[] = await this.db.query(PROGRESS_SQL, [ids]);
    for (const r of rows) out.set(r.campaign_id, [...(out.get(r.campaign_id) ?? []), { organizationId: r.organization_id, status: r.status, eventIds: r.event_ids }]);
    return out;
  }

  private async checkTargets(ids: string[]) {
    const found = await this.organizations.pathsByIds(ids);
    const missing = ids.map((o, i) => [o, i] as const).filter(([o]) => !found.has(o));
    if (missing.length) throw badRequest('Target organization not found', missing.map(([o, i]) => ({ field: `targetOrganizationIds.${i}`, message: `organization ${o} does not exist` })), EventsError.TargetOrganizationNotFound);
  }

  private async replaceTargets(m: EntityManager, campaignId: string, ids: string[]) {
    const wanted = new Set(ids);
    const current = await m.getRepository(CampaignTarget).find({ where: { campaignId } });
    const gone = current.filter((t) => !wanted.has(t.organizationId)).map((t) => t.organizationId);
    if (gone.length) await m.query('DELETE FROM campaign_targets WHERE campaign_id = $1 AND organization_id = ANY($2)', [campaignId, gone]);
    const have = new Set(current.map((t) => t.organizationId));
    const added = [...wanted].filter((o) => !have.has(o));
    if (added.length) await m.insert(CampaignTarget, added.map((organizationId) => ({ campaignId, organizationId })));
  }
}

function toView(c: Campaign, targets: CampaignTargetView[], withTargets: boolean): CampaignView {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    hostOrganizationId: c.hostOrganizationId,
    year: c.year,
    target: targets.length,
    held: targets.filter((t) => t.status === 'held').length,
    scheduled: targets.filter((t) => t.status === 'scheduled').length,
    ...(withTargets ? { targets } : {}),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}
