import { SYSTEM_PRINCIPAL as SYSTEM } from '../../src/common/auth/principal';
import { CampaignsService } from '../../src/events/campaigns/campaigns.service';
import type { CreateEventDto } from '../../src/events/dto/event.dto';
import { EventsService } from '../../src/events/events.service';
import { TasksService } from '../../src/events/tasks/tasks.service';
import { parseInstant } from '../../src/common/time/time';
import { bearer, startTestApp, type TestContext } from '../support/app';
import { factories } from '../support/factories';

/**
 * Every endpoint of the events module (events, lifecycle, agenda, tasks, campaigns) against every
 * caller: an admin, an organizer of province A (in scope), an organizer of province B (out of
 * scope), a trainer, a viewer and a leader of province A, and no token. Targets belong to province A unless
 * the row says B.
 */
type Caller = 'admin' | 'organizer' | 'outsider' | 'trainer' | 'viewer' | 'leader';
const CALLERS: Caller[] = ['admin', 'organizer', 'outsider', 'trainer', 'viewer', 'leader'];
/** Callers allowed (2xx) per row; every other caller gets 403, no token 401. */
const READ_A: Caller[] = ['admin', 'organizer', 'trainer', 'viewer', 'leader'];
const MANAGE_A: Caller[] = ['admin', 'organizer'];
const READ_B: Caller[] = ['admin', 'outsider'];
const EVERYONE: Caller[] = CALLERS;

describe('events authorization matrix', () => {
  let ctx: TestContext;
  const tokens = {} as Record<Caller, string>;
  let provinceA: string, deptA: string, districtA: string, provinceB: string, deptB: string;
  let eventA: string, eventB: string, taskA: string, taskOwedByA: string, campaignA: string, campaignB: string;
  let events: EventsService;

  const at = (local: string) => parseInstant(local) as Date;
  let n = 0;
  /** A fresh online event (online: no venue conflicts between the many made here) in the given status. */
  const freshEvent = async (host: string, status: 'draft' | 'scheduled' = 'draft', extra: Partial<CreateEventDto> = {}) => {
    const e = await events.create(SYSTEM, {
      kind: 'conference',
      title: `Hội nghị trực tuyến phân quyền ${++n}`,
      format: 'online',
      hostOrganizationId: host,
      sessions: [{ startsAt: at('2015-04-10T14:00'), endsAt: at('2015-04-10T17:00') }],
      ...extra,
    });
    if (status === 'scheduled') await events.transition(SYSTEM, e.id, 'publish');
    return e.id;
  };
  const eventBody = (host: () => string) => () => ({
    kind: 'conference',
    title: `Hội nghị mới ${++n}`,
    format: 'online',
    hostOrganizationId: host(),
    sessions: [{ startsAt: '2015-04-10T14:00', endsAt: '2015-04-10T17:00' }],
  });

  beforeAll(async () => {
    ctx = await startTestApp();
    const f = factories(ctx);
    events = ctx.app.get(EventsService);
    provinceA = (await f.province('UBND tỉnh Hà Giang')).id;
    deptA = (await f.org({ parentId: provinceA, name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' })).id;
    districtA = (await f.org({ parentId: provinceA, kind: 'district', level: 'district', name: 'UBND huyện Đồng Văn' })).id;
    provinceB = (await f.province('UBND tỉnh Lào Cai')).id;
    deptB = (await f.org({ parentId: provinceB, name: 'Sở Thông tin và Truyền thông tỉnh Lào Cai' })).id;
    tokens.admin = await ctx.tokenFor('admin');
    tokens.organizer = await ctx.tokenFor('organizer', provinceA);
    tokens.outsider = await ctx.tokenFor('organizer', provinceB);
    tokens.trainer = await ctx.tokenFor('trainer', provinceA);
    tokens.viewer = await ctx.tokenFor('viewer', provinceA);
    tokens.leader = await ctx.tokenFor('leader', provinceA);

    const campaigns = ctx.app.get(CampaignsService);
    campaignA = (await campaigns.create(SYSTEM, { title: 'Hội nghị triển khai tại các huyện', hostOrganizationId: provinceA, year: 2015, targetOrganizationIds: [districtA] })).id;
    campaignB = (await campaigns.create(SYSTEM, { title: 'Hội nghị triển khai tại các huyện Lào Cai', hostOrganizationId: provinceB, year: 2015, targetOrganizationIds: [deptB] })).id;
    eventA = await freshEvent(deptA, 'scheduled', { campaignId: campaignA, campaignTargetOrganizationId: districtA });
    eventB = await freshEvent(deptB, 'scheduled');
    const tasks = ctx.app.get(TasksService);
    taskA = (await tasks.create(SYSTEM, eventA, { title: 'Báo cáo đánh giá chấm điểm', assigneeOrganizationId: districtA, duePeriod: 'Quý II/2015' })).id;
    // Hosted by B, owed by A: A's organizer reports progress on it (status, done date, note) but cannot reassign it.
    taskOwedByA = (await tasks.create(SYSTEM, eventB, { title: 'Chia sẻ kinh nghiệm triển khai hộp thư công vụ', assigneeOrganizationId: deptA, dueDate: '2015-06-30' })).id;
  });
  afterAll(() => ctx.close());

  interface Call {
    name: string;
    method: 'get' | 'post' | 'put' | 'patch';
    path: () => string | Promise<string>;
    body?: () => object;
  }
  const matrix: [Call, Caller[]][] = [
    // events
    [{ name: 'list events', method: 'get', path: () => '/api/events?from=2015-04-01&to=2015-04-30' }, EVERYONE],
    [{ name: 'calendar', method: 'get', path: () => '/api/events/calendar?month=2015-04' }, EVERYONE],
    [{ name: 'get event', method: 'get', path: () => `/api/events/${eventA}` }, READ_A],
    [{ name: 'get event of B', method: 'get', path: () => `/api/events/${eventB}` }, READ_B],
    [{ name: 'history', method: 'get', path: () => `/api/events/${eventA}/history` }, READ_A],
    [{ name: 'history of B', method: 'get', path: () => `/api/events/${eventB}/history` }, READ_B],
    [{ name: 'create event hosted in A', method: 'post', path: () => '/api/events', body: eventBody(() => deptA) }, MANAGE_A],
    [{ name: 'create event hosted in B', method: 'post', path: () => '/api/events', body: eventBody(() => deptB) }, READ_B],
    [{ name: 'update event', method: 'patch', path: () => `/api/events/${eventA}`, body: () => ({ publicSummary: `Tóm tắt ${++n}` }) }, MANAGE_A],
    [{ name: 'move event to B', method: 'patch', path: () => freshEvent(deptA).then((id) => `/api/events/${id}`), body: () => ({ hostOrganizationId: deptB }) }, ['admin']],
    [{ name: 'publish', method: 'post', path: () => freshEvent(deptA).then((id) => `/api/events/${id}/publish`) }, MANAGE_A],
    [{ name: 'start', method: 'post', path: () => freshEvent(deptA, 'scheduled').then((id) => `/api/events/${id}/start`) }, MANAGE_A],
    [{ name: 'complete', method: 'post', path: () => freshEvent(deptA, 'scheduled').then((id) => `/api/events/${id}/complete`) }, MANAGE_A],
    [{ name: 'cancel', method: 'post', path: () => freshEvent(deptA).then((id) => `/api/events/${id}/cancel`) }, MANAGE_A],
    [{ name: 'cancel an event of B', method: 'post', path: () => freshEvent(deptB).then((id) => `/api/events/${id}/cancel`) }, READ_B],
    // agenda
    [{ name: 'get agenda', method: 'get', path: () => `/api/events/${eventA}/agenda` }, READ_A],
    [{ name: 'get agenda of B', method: 'get', path: () => `/api/events/${eventB}/agenda` }, READ_B],
    [{ name: 'replace agenda', method: 'put', path: () => `/api/events/${eventA}/agenda`, body: () => ({ items: [{ title: 'Phát biểu khai mạc', type: 'opening_speech' }, { title: 'Kết luận', type: 'conclusion' }] }) }, MANAGE_A],
    // tasks
    [{ name: 'tasks of an event', method: 'get', path: () => `/api/events/${eventA}/tasks` }, READ_A],
    [{ name: 'tasks of an event of B', method: 'get', path: () => `/api/events/${eventB}/tasks` }, READ_B],
    [{ name: 'assign a task', method: 'post', path: () => `/api/events/${eventA}/tasks`, body: () => ({ title: `Kết nối mạng WAN ${++n}`, assigneeOrganizationId: districtA, duePeriod: 'Quý II/2015' }) }, MANAGE_A],
    [{ name: 'list tasks', method: 'get', path: () => `/api/tasks?overdue=true` }, EVERYONE],
    [{ name: 'list tasks owed by an organization of A', method: 'get', path: () => `/api/tasks?organizationId=${districtA}&status=open` }, READ_A],
    [{ name: 'update a task', method: 'patch', path: () => `/api/tasks/${taskA}`, body: () => ({ note: `Đang thực hiện ${++n}` }) }, MANAGE_A],
    [{ name: 'report progress on a task owed by A, hosted by B', method: 'patch', path: () => `/api/tasks/${taskOwedByA}`, body: () => ({ note: `Đã triển khai ${++n}` }) }, ['admin', 'organizer', 'outsider']],
    [{ name: 'reassign a task owed by A, hosted by B', method: 'patch', path: () => `/api/tasks/${taskOwedByA}`, body: () => ({ assigneeOrganizationId: deptA, title: `Giao lại ${++n}` }) }, READ_B],
    // campaigns
    [{ name: 'list campaigns', method: 'get', path: () => '/api/campaigns' }, EVERYONE],
    [{ name: 'get campaign', method: 'get', path: () => `/api/campaigns/${campaignA}` }, READ_A],
    [{ name: 'get campaign of B', method: 'get', path: () => `/api/campaigns/${campaignB}` }, READ_B],
    [{ name: 'create campaign', method: 'post', path: () => '/api/campaigns', body: () => ({ title: `Chiến dịch ${++n}`, hostOrganizationId: provinceA, targetOrganizationIds: [districtA, deptA] }) }, MANAGE_A],
    [{ name: 'update campaign', method: 'patch', path: () => `/api/campaigns/${campaignA}`, body: () => ({ description: `Kế hoạch ${++n}` }) }, MANAGE_A],
  ];

  const send = async (call: Call, token?: string) => {
    let req = ctx.http()[call.method](await call.path());
    if (token) req = req.set(bearer(token));
    return call.body ? req.send(call.body()) : req;
  };

  describe.each(matrix.map(([call, allowed]) => [call.name, call, allowed] as const))('%s', (_name, call, allowed) => {
    it('answers 401 without a token', async () => {
      const res = await send(call);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'Unauthorized', code: 'auth.unauthorized' });
    });

    it.each(CALLERS)('as %s', async (caller) => {
      const res = await send(call, tokens[caller]);
      if (allowed.includes(caller)) {
        // The body in the failure message says why a call that should pass did not.
        expect({ status: res.status < 300 ? 'success' : res.status, body: res.status < 300 ? null : res.body }).toEqual({ status: 'success', body: null });
      } else {
        expect(res.status).toBe(403);
        expect(res.body).toMatchObject({ statusCode: 403, error: 'Forbidden', code: 'auth.forbidden' });
      }
    });
  });

  describe('lists show each caller only what is hosted (or, for tasks, owed) in its scope', () => {
    const ids = async (path: string, caller: Caller, key = 'id') => {
      const body = (await ctx.http().get(path).set(bearer(tokens[caller])).expect(200)).body;
      return (Array.isArray(body) ? body : body.items).map((x: Record<string, string>) => x[key]) as string[];
    };

    it.each(CALLERS)('events and calendar as %s', async (caller) => {
      const sees = await ids('/api/events?limit=200', caller);
      const calendar = await ids('/api/events/calendar?month=2015-04', caller, 'eventId');
      const [a, b] = [READ_A.includes(caller), ['admin', 'outsider'].includes(caller)];
      for (const list of [sees, calendar]) {
        expect(list.includes(eventA)).toBe(a);
        expect(list.includes(eventB)).toBe(b);
      }
    });

    it.each(CALLERS)('tasks as %s', async (caller) => {
      const sees = await ids('/api/tasks?limit=200', caller);
      expect(sees.includes(taskA)).toBe(caller !== 'outsider');
      expect(sees.includes(taskOwedByA)).toBe(true); // hosted by B, owed by A: both sides see it
    });

    it.each(CALLERS)('campaigns as %s', async (caller) => {
      const sees = await ids('/api/campaigns?limit=200', caller);
      expect(sees.includes(campaignA)).toBe(caller !== 'outsider');
      expect(sees.includes(campaignB)).toBe(['admin', 'outsider'].includes(caller));
    });
  });
});
