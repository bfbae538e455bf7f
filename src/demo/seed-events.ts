import type { INestApplicationContext } from '@nestjs/common';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../common/auth/principal';
import { AgendaService } from '../events/agenda/agenda.service';
import { CampaignsService } from '../events/campaigns/campaigns.service';
import type { CampaignView } from '../events/campaigns/campaign.dto';
import type { EventView } from '../events/dto/event.dto';
import { EventsService } from '../events/events.service';
import type { EventStatus } from '../events/event.entity';
import type { EventAction } from '../events/lifecycle';
import { TasksService } from '../events/tasks/tasks.service';
import { parseInstant, toLocalIso } from '../common/time/time';
import { PeopleService } from '../people/people.service';
import { DEMO_CAMPAIGNS, type DemoAgendaItem, type DemoEvent, demoEvents } from './demo-events';

export interface SeededEvents {
  events: number;
  campaigns: number;
  tasks: number;
  /** Demo event key (demo-events.ts) → event id, for seeds that build on the events (invitations). */
  eventIds: Record<string, string>;
}

/** A Hà Nội time as users type it (`2015-04-10T14:00`) → the instant. */
function at(local: string): Date {
  const d = parseInstant(local);
  if (!(d instanceof Date)) throw new Error(`demo data: bad time ${local}`);
  return d;
}

/** The steps from a status towards the demo's target status; none when it is there, past it or cancelled. */
function stepsTo(status: EventStatus, target: DemoEvent['status']): EventAction[] {
  const path: Record<EventStatus, EventAction[]> = {
    draft: target === 'completed' ? ['publish', 'start', 'complete'] : ['publish'],
    scheduled: target === 'completed' ? ['start', 'complete'] : [],
    in_progress: target === 'completed' ? ['complete'] : [],
    completed: [],
    cancelled: [],
  };
  return path[status];
}

/**
 * Loads the demo events through the events module's services (so sessions, lifecycle, audit and
 * campaign links hold as for any user). Idempotent: a campaign is matched by host and title, an
 * event by host, title and first start; what is missing is added (the event, its status up to the
 * demo's, conclusion, agenda, tasks) and what is already as the demo has it is not written again,
 * so a second run changes nothing — not even the history.
 */
export async function seedDemoEvents(
  app: INestApplicationContext,
  orgIds: Map<string, { id: string }>,
  /** What the demo adds to an event while it is still open (its bridge points), before its status is moved on. */
  beforeLifecycle: (key: string, eventId: string) => Promise<void> = async () => undefined,
): Promise<SeededEvents> {
  const events = app.get(EventsService);
  const agenda = app.get(AgendaService);
  const tasks = app.get(TasksService);
  const campaigns = app.get(CampaignsService);
  const people = app.get(PeopleService);
  const DEMO_EVENTS = demoEvents();

  const org = (code: string) => {
    const o = orgIds.get(code);
    if (!o) throw new Error(`demo data: no organization ${code}`);
    return o.id;
  };
  const emails = [...new Set(DEMO_EVENTS.flatMap((e) => [e.chairEmail, ...e.agenda.map((a) => a.speakerEmail)]).filter((x): x is string => !!x))];
  const personIds = new Map<string, string>();
  for (const email of emails) {
    const found = (await people.list(SYSTEM, { q: email, limit: 10, offset: 0 })).items.find((p) => p.email === email);
    if (!found) throw new Error(`demo data: no person ${email}`);
    personIds.set(email, found.id);
  }
  const person = (email: string | undefined) => (email ? personIds.get(email)! : null);

  // ---- campaigns -------------------------------------------------------------------------------
  const campaignIds = new Map<string, string>();
  for (const c of DEMO_CAMPAIGNS) {
    const hostId = org(c.hostCode);
    const targetIds = c.targetCodes.map(org);
    let existing: CampaignView | undefined;
    for (let offset = 0; !existing; offset += 200) {
      const page = await campaigns.list(SYSTEM, { limit: 200, offset });
      existing = page.items.find((x) => x.hostOrganizationId === hostId && x.title === c.title);
      if (!page.hasMore) break;
    }
    if (!existing) {
      existing = await campaigns.create(SYSTEM, { title: c.title, description: c.description, hostOrganizationId: hostId, year: c.year, targetOrganizationIds: targetIds });
    } else {
      const have = new Set((await campaigns.get(SYSTEM, existing.id)).targets!.map((t) => t.organizationId));
      if (have.size !== targetIds.length || targetIds.some((t) => !have.has(t))) await campaigns.update(SYSTEM, existing.id, { targetOrganizationIds: targetIds });
    }
    campaignIds.set(c.key, existing.id);
  }

  // ---- events ----------------------------------------------------------------------------------
  const eventIds: Record<string, string> = {};
  let taskCount = 0;
  for (const d of DEMO_EVENTS) {
    const hostId = org(d.hostCode);
    const start = at(d.sessions[0].startsAt);
    const day = toLocalIso(start).slice(0, 10);
    let event: EventView | undefined = (await events.list(SYSTEM, { hostOrganizationId: hostId, from: day, to: day, limit: 200, offset: 0 })).items.find(
      (e) => e.title === d.title && e.startsAt.getTime() === start.getTime(),
    );
    if (!event) {
      event = await events.create(SYSTEM, {
        kind: d.kind,
        title: d.title,
        description: d.description ?? null,
        format: d.format,
        hostOrganizationId: hostId,
        coOrganizerIds: (d.coOrganizerCodes ?? []).map(org),
        venueName: d.venueName ?? null,
        venueAddress: d.venueAddress ?? null,
        onlineUrl: d.onlineUrl ?? null,
        chairPersonId: person(d.chairEmail),
        publicSummary: d.publicSummary ?? null,
        sessions: d.sessions.map((s) => ({ startsAt: at(s.startsAt), endsAt: at(s.endsAt), title: s.title ?? null })),
        period: d.period ?? null,
        ...(d.campaign ? { campaignId: campaignIds.get(d.campaign.key)!, campaignTargetOrganizationId: org(d.campaign.targetCode) } : {}),
      });
    }
    const id = event.id;
    eventIds[d.key] = id;

    // The programme first: it may be set in any status but cancelled.
    const wanted = d.agenda.map((a: DemoAgendaItem) => ({
      startsAt: a.startsAt ? at(a.startsAt) : null,
      title: a.title,
      type: a.type,
      speakerPersonId: person(a.speakerEmail),
      speakerName: a.speakerName ?? null,
    }));
    const key = (items: { startsAt: Date | null; title: string; type: string; speakerPersonId: string | null; speakerName: string | null }[]) =>
      JSON.stringify(items.map((i) => [i.startsAt?.getTime() ?? null, i.title, i.type, i.speakerPersonId, i.speakerName]));
    if (event.status !== 'cancelled' && key((await agenda.get(SYSTEM, id)).items) !== key(wanted)) await agenda.replace(SYSTEM, id, { items: wanted });

    if (event.status !== 'completed' && event.status !== 'cancelled') await beforeLifecycle(d.key, id);
    for (const action of stepsTo(event.status, d.status)) event = await events.transition(SYSTEM, id, action);
    if (d.conclusion && event.status === 'completed' && event.conclusion !== d.conclusion) await events.update(SYSTEM, id, { conclusion: d.conclusion });

    if (d.tasks?.length && event.status !== 'cancelled') {
      const have = new Set((await tasks.forEvent(SYSTEM, id)).map((t) => `${t.title}|${t.assigneeOrganizationId}`));
      for (const t of d.tasks) {
        const assigneeOrganizationId = org(t.assigneeCode);
        if (have.has(`${t.title}|${assigneeOrganizationId}`)) continue;
        await tasks.create(SYSTEM, id, { title: t.title, description: t.description ?? null, assigneeOrganizationId, dueDate: t.dueDate ?? null, duePeriod: t.duePeriod ?? null });
      }
    }
    taskCount += d.tasks?.length ?? 0;
  }
  return { events: DEMO_EVENTS.length, campaigns: DEMO_CAMPAIGNS.length, tasks: taskCount, eventIds };
}
