import type { INestApplicationContext } from '@nestjs/common';
import { AccountsService } from '../accounts/accounts.service';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../common/auth/principal';
import { OrganizationsService } from '../organizations/organizations.service';
import { PeopleService } from '../people/people.service';
import { DEMO_ORGANIZATIONS, DEMO_PEOPLE } from './demo-data';
import { demoPointsBeforeLifecycle, seedDemoBridgePoints } from './seed-bridge-points';
import { seedDemoEvents } from './seed-events';
import { seedDemoParticipants } from './seed-participants';
import { seedDemoAttendance } from './seed-attendance';
import { seedDemoIndicators } from './seed-indicators';
import { demoTrainingBeforeLifecycle, seedDemoTrainingClasses, seedDemoTrainingProgram } from './seed-training';

export const DEMO_PASSWORD = 'hoinghi-demo';
export const DEMO_ACCOUNTS = [
  { email: 'admin@hoinghi.test', role: 'admin', displayName: 'Quản trị hệ thống', scopeCode: null },
  { email: 'organizer@hoinghi.test', role: 'organizer', displayName: 'Cán bộ tổ chức – Sở TT&TT Hà Giang', scopeCode: '02' },
  { email: 'trainer@hoinghi.test', role: 'trainer', displayName: 'Giảng viên tập huấn', scopeCode: '02' },
  { email: 'viewer@hoinghi.test', role: 'viewer', displayName: 'Lãnh đạo (xem báo cáo)', scopeCode: null },
  { email: 'leader@hoinghi.test', role: 'leader', displayName: 'Lãnh đạo UBND tỉnh Lào Cai (xếp hạng CNTT)', scopeCode: '10' },
] as const;

const csv = (rows: (string | number | boolean | undefined | null)[][]) =>
  rows.map((r) => r.map((v) => (v === undefined || v === null ? '' : `"${String(v).replace(/"/g, '""')}"`)).join(',')).join('\n');

export interface DemoCounts {
  organizations: number;
  people: number;
  accounts: number;
  events: number;
  campaigns: number;
  tasks: number;
  /** Demo event key (demo-events.ts) → event id. */
  eventIds: Record<string, string>;
  /** Participants added by this run (0 when seeding again). */
  participants: number;
  /** Attendance rows written by this run (0 when seeding again). */
  attendance: number;
}

/**
 * Loads the demo data of the source articles through the same importers and services users call,
 * so it is idempotent (organizations upserted by code, people by e-mail, events matched by host,
 * title and start — see seed-events.ts). Demo accounts are (re)set to the demo password.
 */
export async function seedDemo(app: INestApplicationContext): Promise<DemoCounts> {
  const organizations = app.get(OrganizationsService);
  const people = app.get(PeopleService);
  const accounts = app.get(AccountsService);

  const orgRows = DEMO_ORGANIZATIONS.map((o) => [o.code, o.name, o.shortName, o.kind, o.level, o.parentCode]);
  await organizations.importCsv(SYSTEM, Buffer.from(csv([['code', 'name', 'short_name', 'kind', 'level', 'parent_code'], ...orgRows])), false);
  const ids = await organizations.idsByCode(DEMO_ORGANIZATIONS.map((o) => o.code));
  for (const o of DEMO_ORGANIZATIONS) {
    await organizations.update(SYSTEM, ids.get(o.code)!.id, { headcounts: o.headcounts });
  }

  const personRows = DEMO_PEOPLE.map((p) => [p.fullName, p.title, p.organizationCode, p.email, p.phone, p.isLeader ? 'có' : 'không']);
  await people.importCsv(SYSTEM, Buffer.from(csv([['Họ và tên', 'Chức vụ', 'Mã đơn vị', 'Email', 'Điện thoại', 'Lãnh đạo'], ...personRows])), false);

  // Training (seed 000's 11 classes): the program and its trainees before the events, so the
  // leadership training takes its trainees while it is still open.
  const freshTraining = await seedDemoTrainingProgram(app, ids);
  const points = demoPointsBeforeLifecycle(app, ids);
  const training = demoTrainingBeforeLifecycle(app);
  const events = await seedDemoEvents(app, ids, async (key, id) => {
    await points(key, id);
    await training(key, id);
  });
  // Attendance first: seedDemoParticipants leaves every demo participant "never mailed", these too.
  const attendance = await seedDemoAttendance(app, events.eventIds);
  const participants = await seedDemoParticipants(app, events.eventIds, ids);
  await seedDemoBridgePoints(app, events.eventIds);
  await seedDemoTrainingClasses(app, ids, events.eventIds, freshTraining);

  // Lào Cai's 2014 ranking of its departments and districts (seed 003), after the participation it counts.
  await seedDemoIndicators(app, ids.get('10')!.id);

  for (const a of DEMO_ACCOUNTS) {
    await accounts.ensureUser({ email: a.email, password: DEMO_PASSWORD, role: a.role, displayName: a.displayName, scopeOrganizationId: a.scopeCode ? ids.get(a.scopeCode)!.id : null });
  }
  return { organizations: DEMO_ORGANIZATIONS.length, people: DEMO_PEOPLE.length, accounts: DEMO_ACCOUNTS.length, ...events, participants, attendance };
}

/** True when the database holds no organizations yet (a fresh install). */
export async function isEmpty(app: INestApplicationContext): Promise<boolean> {
  const page = await app.get(OrganizationsService).list(SYSTEM, { limit: 1, offset: 0 });
  return page.total === 0;
}
