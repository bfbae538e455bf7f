import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import type { Principal } from '../../common/auth/principal';
import { badRequest, forbidden, notFound } from '../../common/errors/api-error';
import { EventsError } from '../events.errors';
import { type Page, pageWithTotal } from '../../common/pagination/page';
import { OrganizationsService } from '../../organizations/organizations.service';
import { PeopleService } from '../../people/people.service';
import { AuditService, diff } from '../audit.service';
import { EventsService } from '../events.service';
import { parsePeriodLabel, periodEnd } from '../period';
import type { CreateTaskDto, ListTasksQuery, TaskView, UpdateTaskDto } from './task.dto';
import { Task } from './task.entity';
import { UnitOfWork } from '../../common/unit-of-work/unit-of-work';

/** Today in Hà Nội, as SQL. */
const TODAY = `(now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
/** Fields an assignee outside the host's scope may change: reporting progress, not the assignment. */
const ASSIGNEE_FIELDS: (keyof UpdateTaskDto)[] = ['status', 'doneOn', 'note'];

/** Follow-up tasks from conclusions: what each agency owes, across all events. */
@Injectable()
export class TasksService {
  constructor(
    @InjectRepository(Task) private readonly tasks: Repository<Task>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly uow: UnitOfWork,
    private readonly events: EventsService,
    private readonly organizations: OrganizationsService,
    private readonly people: PeopleService,
    private readonly audit: AuditService,
  ) {}

  async list(principal: Principal, query: ListTasksQuery): Promise<Page<TaskView>> {
    const qb = this.tasks.createQueryBuilder('t').innerJoin('t.event', 'e').addSelect(`t.status = 'open' AND t.due_date < ${TODAY}`, 'overdue');
    // Visible when the caller's scope hosts the event or owes the task.
    const host = await this.organizations.scopeCondition(principal, 'e.host_organization_id');
    const owes = await this.organizations.scopeCondition(principal, 't.assignee_organization_id');
    if (host && owes) qb.andWhere(`(${host.sql} OR ${owes.sql})`, { ...host.params, ...owes.params });
    if (query.organizationId) {
      const subtree = await this.organizations.scopeCondition(principal, 't.assignee_organization_id', query.organizationId);
      if (subtree) qb.andWhere(subtree.sql, subtree.params);
    }
    if (query.personId) qb.andWhere('t.assignee_person_id = :personId', { personId: query.personId });
    if (query.eventId) qb.andWhere('t.event_id = :eventId', { eventId: query.eventId });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.overdue === true) qb.andWhere(`t.status = 'open' AND t.due_date < ${TODAY}`);
    if (query.overdue === false) qb.andWhere(`NOT (t.status = 'open' AND coalesce(t.due_date < ${TODAY}, false))`);
    qb.orderBy('t.due_date', 'ASC', 'NULLS LAST').addOrderBy('t.created_at').addOrderBy('t.id').offset(query.offset).limit(query.limit);
    const [{ entities, raw }, total] = await Promise.all([qb.getRawAndEntities(), qb.getCount()]);
    return pageWithTotal(entities.map((t, i) => toView(t, raw[i].overdue)), total, query);
  }

  async forEvent(principal: Principal, eventId: string): Promise<TaskView[]> {
    await this.events.getInScope(principal, eventId);
    return (await this.list({ ...principal, scopeOrganizationId: null }, { eventId, limit: 200, offset: 0 })).items;
  }

  async create(principal: Principal, eventId: string, dto: CreateTaskDto): Promise<TaskView> {
    const event = await this.events.getInScope(principal, eventId);
    if (event.status === 'cancelled') throw badRequest('A cancelled event assigns no tasks', [{ field: 'eventId', message: 'event is cancelled' }], EventsError.EventCancelled);
    if (!dto.assigneeOrganizationId && !dto.assigneePersonId) {
      throw badRequest('A task needs an assignee', [{ field: 'assigneeOrganizationId', message: 'give an organization and/or a person' }], EventsError.TaskAssigneeMissing);
    }
    await this.checkAssignees(dto);
    const task = await this.uow.run(async () => {
      const m = this.uow.manager;
      const saved = await m.save(Task, {
        eventId,
        title: dto.title,
        description: dto.description ?? null,
        assigneeOrganizationId: dto.assigneeOrganizationId ?? null,
        assigneePersonId: dto.assigneePersonId ?? null,
        duePeriod: dto.duePeriod ?? null,
        dueDate: resolveDue(dto.dueDate, dto.duePeriod),
        note: dto.note ?? null,
        status: 'open' as const,
      });
      await this.audit.record(principal, { entityType: 'task', entityId: saved.id, eventId, action: 'task_created', changes: { title: dto.title, dueDate: saved.dueDate } });
      return saved;
    });
    return this.view(task.id);
  }

  async update(principal: Principal, id: string, dto: UpdateTaskDto): Promise<TaskView> {
    const task = await this.tasks.findOne({ where: { id } });
    if (!task) throw notFound('Task', id, EventsError.TaskNotFound);
    const asHost = await this.events.getInScope(principal, task.eventId).then(
      () => true,
      (e) => (e.status === 403 ? false : Promise.reject(e)),
    );
    if (!asHost) {
      const asAssignee = task.assigneeOrganizationId && (await this.organizations.getInScope(principal, task.assigneeOrganizationId).then(() => true, () => false));
      if (!asAssignee) throw forbidden('The task is neither hosted nor owed inside your scope');
      const other = (Object.keys(dto) as (keyof UpdateTaskDto)[]).filter((k) => dto[k] !== undefined && !ASSIGNEE_FIELDS.includes(k));
      if (other.length) throw forbidden(`As the assignee you may change only ${ASSIGNEE_FIELDS.join(', ')}`);
    }
    await this.checkAssignees(dto);
    const status = dto.status ?? task.status;
    const doneOn = status === 'done' ? (dto.doneOn ?? task.doneOn ?? (await this.today())) : null;
    const columns = {
      ...dto,
      ...(dto.duePeriod !== undefined || dto.dueDate !== undefined ? { dueDate: resolveDue(dto.dueDate ?? (dto.duePeriod ? undefined : task.dueDate), dto.duePeriod ?? task.duePeriod) } : {}),
      status,
      doneOn,
    };
    if ((columns.assigneeOrganizationId ?? task.assigneeOrganizationId) === null && (columns.assigneePersonId ?? task.assigneePersonId) === null) {
      throw badRequest('A task needs an assignee', [{ field: 'assigneeOrganizationId', message: 'give an organization and/or a person' }], EventsError.TaskAssigneeMissing);
    }
    await this.uow.run(async () => {
      const m = this.uow.manager;
      await m.update(Task, { id }, columns);
      await this.audit.record(principal, { entityType: 'task', entityId: id, eventId: task.eventId, action: 'task_updated', changes: diff(task, columns) });
    });
    return this.view(id);
  }

  private async view(id: string): Promise<TaskView> {
    const { entities, raw } = await this.tasks.createQueryBuilder('t').addSelect(`t.status = 'open' AND t.due_date < ${TODAY}`, 'overdue').where('t.id = :id', { id }).getRawAndEntities();
    return toView(entities[0], raw[0].overdue);
  }

  private async today(): Promise<string> {
    const [{ d }] = await this.db.query(`SELECT to_char(${TODAY}, 'YYYY-MM-DD') AS d`);
    return d;
  }

  private async checkAssignees(dto: UpdateTaskDto) {
    if (dto.assigneeOrganizationId && (await this.organizations.pathsByIds([dto.assigneeOrganizationId])).size === 0) {
      throw badRequest('Assignee organization not found', [{ field: 'assigneeOrganizationId', message: `organization ${dto.assigneeOrganizationId} does not exist` }], EventsError.AssigneeOrganizationNotFound);
    }
    if (dto.assigneePersonId && !(await this.people.existingIds([dto.assigneePersonId])).has(dto.assigneePersonId)) {
      throw badRequest('Assignee not found', [{ field: 'assigneePersonId', message: `person ${dto.assigneePersonId} does not exist` }], EventsError.AssigneePersonNotFound);
    }
  }
}

/** The due date given, else the last day of the period given ("Quý II/2015" → 2015-06-30). */
function resolveDue(dueDate: string | null | undefined, duePeriod: string | null | undefined): string | null {
  if (dueDate) return dueDate;
  if (!duePeriod) return null;
  const period = parsePeriodLabel(duePeriod);
  if (!period) throw badRequest('Unknown period', [{ field: 'duePeriod', message: 'write it like "Quý II/2015", "6 tháng đầu năm 2015", "Tháng 5/2015" or "Năm 2015"' }], EventsError.InvalidPeriod);
  return periodEnd(period);
}

function toView(t: Task, overdue: unknown): TaskView {
  return {
    id: t.id,
    eventId: t.eventId,
    title: t.title,
    description: t.description,
    assigneeOrganizationId: t.assigneeOrganizationId,
    assigneePersonId: t.assigneePersonId,
    dueDate: t.dueDate,
    duePeriod: t.duePeriod,
    status: t.status,
    doneOn: t.doneOn,
    note: t.note,
    overdue: overdue === true,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}
