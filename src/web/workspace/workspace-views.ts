import type { BridgePointListView } from '../../bridge-points/dto/bridge-point.dto';
import { translator, type Locale } from '../../common/i18n/i18n';
import { formatLocal } from '../../common/time/time';
import type { CalendarEntry, EventView, HistoryEntry } from '../../events/dto/event.dto';
import { EVENT_ACTIONS, type EventAction, nextStatus } from '../../events/lifecycle';
import type { AgendaItemView } from '../../events/agenda/agenda.dto';
import type { CampaignView } from '../../events/campaigns/campaign.dto';
import type { TaskView } from '../../events/tasks/task.dto';
import type { InvitationSummaryView, ParticipantView } from '../../invitations/participants/dto/participant.dto';
import { bridgePageMessages } from '../pages/bridge-messages';
import { workspaceMessages } from './workspace-messages';

/*
 * What the workspace pages show, from the services' views: plain data for the templates
 * (views/workspace/*.eta), dates as dd/MM/yyyy HH:mm in Hà Nội time.
 */

export { EVENT_ACTIONS, type EventAction };

export function eventRow(e: EventView) {
  return { id: e.id, title: e.title, kind: e.kind, format: e.format, status: e.status, when: `${formatLocal(new Date(e.startsAt))} – ${formatLocal(new Date(e.endsAt))}`, venue: e.venueName ?? e.onlineUrl ?? '' };
}

const sum = (r: Record<string, number>, ...keys: string[]) => keys.reduce((n, k) => n + (r[k] ?? 0), 0);
/** Invitations that went out and have no firm answer yet (`pending` ones have not been sent). */
const awaiting = (s: InvitationSummaryView) => sum(s.byStatus, 'invited', 'tentative');

export function dashboardView(perEvent: { event: EventView; summary: InvitationSummaryView; notReady: number }[], overdue: TaskView[], overdueTotal: number) {
  return {
    upcoming: perEvent.map(({ event, summary, notReady }) => ({ ...eventRow(event), awaiting: awaiting(summary), notNominated: summary.agenciesNotNominated.length, failed: summary.failed.length, notReady })),
    totals: {
      awaiting: perEvent.reduce((n, e) => n + awaiting(e.summary), 0),
      notNominated: perEvent.reduce((n, e) => n + e.summary.agenciesNotNominated.length, 0),
      failed: perEvent.reduce((n, e) => n + e.summary.failed.length, 0),
      notReady: perEvent.reduce((n, e) => n + e.notReady, 0),
      overdue: overdueTotal,
    },
    agenciesNotNominated: perEvent.flatMap(({ event, summary }) => summary.agenciesNotNominated.map((a) => ({ eventId: event.id, eventTitle: event.title, name: a.organizationName, quota: a.quota }))),
    failures: perEvent.flatMap(({ event, summary }) => summary.failed.map((f) => ({ eventId: event.id, eventTitle: event.title, error: f.error ?? '' }))),
    overdue: overdue.map((t) => ({ eventId: t.eventId, title: t.title, due: dayText(t.dueDate) })),
  };
}

export function eventView(event: EventView, summary: InvitationSummaryView, participants: ParticipantView[], board: BridgePointListView | null) {
  const failed = new Map(summary.failed.map((f) => [f.participantId, f.error]));
  return {
    event: { ...eventRow(event), description: event.description, conclusion: event.conclusion ?? null, sessions: (event.sessions ?? []).map((s) => `${formatLocal(new Date(s.startsAt))} – ${formatLocal(new Date(s.endsAt))}${s.title ? ` (${s.title})` : ''}`) },
    // The lifecycle's own rule decides which buttons show (the service refuses the rest anyway).
    actions: EVENT_ACTIONS.filter((a) => nextStatus(event.status, a) !== null),
    counts: Object.entries(summary.byStatus).map(([status, n]) => ({ status, n })),
    total: summary.total,
    participants: participants.map((p) => ({ id: p.id, kind: p.kind, name: p.kind === 'agency' ? (p.organizationName ?? '') : (p.fullName ?? ''), email: p.email ?? '', organizationName: p.kind === 'agency' ? '' : (p.organizationName ?? ''), role: p.role, status: p.status, quota: p.quota, nominated: p.nominated ?? 0, error: failed.get(p.id) ?? p.lastError ?? null })),
    failures: summary.failed.map((f) => ({ participantId: f.participantId, error: f.error ?? '', name: participants.find((p) => p.id === f.participantId)?.fullName ?? participants.find((p) => p.id === f.participantId)?.organizationName ?? '' })),
    agencies: summary.agencies,
    board: board ? { count: board.points.length, notReady: notReadyOf(board) } : null,
  };
}

/** Points not (yet) `ready`, whatever the hour (the API's `notReady` counts only the points flagged from T-60). */
export const notReadyOf = (list: BridgePointListView) => list.points.filter((p) => p.readiness !== 'ready').length;

export function boardView(locale: Locale, list: BridgePointListView) {
  // The words of a point's state are the coordinator page's: one vocabulary for both sides of a report.
  const b = translator(bridgePageMessages, locale);
  return {
    notReady: notReadyOf(list),
    points: list.points.map((p) => ({
      id: p.id,
      name: `${p.roomName} – ${p.hostOrganizationName}`,
      isMain: p.isMain,
      readiness: p.readiness,
      readinessText: b(`readiness.${p.readiness}`) + (p.fault ? ` – ${b(`fault.${p.fault}`)}` : ''),
      live: p.liveStatus,
      liveText: p.liveStatus ? b(`live.${p.liveStatus}`) : '—',
      present: p.headcount ? String(p.headcount.present) : '—',
      reportedAt: p.headcount ? formatLocal(new Date(p.headcount.reportedAt)) : '',
      expected: p.expectedAttendance ?? '',
      flagged: p.flagged,
      coordinatorUrl: p.coordinatorUrl ?? null,
    })),
  };
}

/** A month as weeks of seven days (Monday first), each day with its sessions (times in Hà Nội); `month` is `2031-09`. */
export function calendarView(month: string, entries: CalendarEntry[]) {
  const [y, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7;
  const byDay = new Map<number, { eventId: string; title: string; time: string; status: string }[]>();
  for (const e of entries) {
    // A session is listed on each of its days within the month (a two-day training shows twice).
    const startsHere = e.startsAtLocal.slice(0, 7) === month;
    const first = startsHere ? Number(e.startsAtLocal.slice(8, 10)) : 1;
    const last = e.endsAtLocal.slice(0, 7) === month ? Number(e.endsAtLocal.slice(8, 10)) : days;
    for (let d = first; d <= last; d++) {
      const list = byDay.get(d) ?? [];
      list.push({ eventId: e.eventId, title: e.sessionTitle ? `${e.title} – ${e.sessionTitle}` : e.title, time: startsHere && d === first ? e.startsAtLocal.slice(11, 16) : '', status: e.status });
      byDay.set(d, list);
    }
  }
  const cells: ({ day: number; label: string; entries: { eventId: string; title: string; time: string; status: string }[] } | null)[] = [...Array(lead).fill(null)];
  for (let d = 1; d <= days; d++) cells.push({ day: d, label: `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`, entries: byDay.get(d) ?? [] });
  while (cells.length % 7) cells.push(null);
  const weeks = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  const shift = (n: number) => {
    const d = new Date(Date.UTC(y, m - 1 + n, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  };
  return { month, label: `${String(m).padStart(2, '0')}/${y}`, weeks, prev: shift(-1), next: shift(1), count: entries.length };
}

/** The audit of an event, newest first: who, when, what (`field: before → after`). */
export function historyView(entries: HistoryEntry[]) {
  const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return entries.map((h) => ({
    at: formatLocal(new Date(h.at)),
    actor: h.actorEmail,
    action: h.action,
    entityType: h.entityType,
    changes: Object.entries(h.changes ?? {}).map(([field, c]) => {
      const change = c as { from?: unknown; to?: unknown } | null;
      return change && typeof change === 'object' && ('from' in change || 'to' in change) ? `${field}: ${show(change.from)} → ${show(change.to)}` : `${field}: ${show(c)}`;
    }),
  }));
}

/** What a QR scan did, worded for the organizer who scanned: checked in (present or late), or why not. */
export function scanResult(
  locale: Locale,
  name: string,
  r: { checkedIn: { status: string; at: Date } } | { refused: string; at?: Date | null },
): { tone: 'success' | 'error' | 'info'; text: string } {
  const w = translator(workspaceMessages, locale);
  if ('checkedIn' in r) return { tone: 'success', text: w(`scan.done.${r.checkedIn.status === 'late' ? 'late' : 'present'}`, { name, time: formatLocal(r.checkedIn.at) }) };
  const time = r.at ? formatLocal(r.at) : '';
  return { tone: r.refused === 'already_checked_in' ? 'info' : 'error', text: w(`scan.refused.${r.refused as 'already_checked_in'}`, { name, time }) };
}

/** `2031-06-30` → `30/06/2031`. */
const dayText = (d: string | null) => (d ? d.split('-').reverse().join('/') : '');

/** The agenda under each session of the event (items without a time under the first). */
export function agendaView(event: EventView, items: AgendaItemView[]) {
  const sessions = event.sessions ?? [];
  const within = (i: AgendaItemView, s: (typeof sessions)[number]) => !!i.startsAt && new Date(i.startsAt) >= new Date(s.startsAt) && new Date(i.startsAt) < new Date(s.endsAt);
  return sessions.map((s, n) => ({
    label: `${formatLocal(new Date(s.startsAt))} – ${formatLocal(new Date(s.endsAt))}${s.title ? ` (${s.title})` : ''}`,
    items: items
      .filter((i) => within(i, s) || (n === 0 && !sessions.some((x) => within(i, x))))
      .map((i) => ({ time: i.startsAtLocal ? i.startsAtLocal.slice(11, 16) : '', title: i.title, type: i.type, speaker: i.speakerName ?? '' })),
  }));
}

/** An event's tasks with their assignees' names and due dates as dd/MM/yyyy. */
export function tasksView(tasks: TaskView[], agencyNames: Map<string, string>, participants: ParticipantView[]) {
  const people = new Map(participants.filter((p) => p.personId).map((p) => [p.personId!, p.fullName ?? '']));
  return tasks.map((t) => ({
    id: t.id,
    title: t.title,
    assignee: [t.assigneeOrganizationId ? (agencyNames.get(t.assigneeOrganizationId) ?? '') : '', t.assigneePersonId ? (people.get(t.assigneePersonId) ?? '') : ''].filter(Boolean).join(' – '),
    due: dayText(t.dueDate),
    status: t.status,
    overdue: t.overdue,
  }));
}

/** A campaign's progress: targets with a held (completed) event out of all its targets. */
export const campaignRow = (c: CampaignView) => ({ id: c.id, title: c.title, held: c.held, target: c.target, scheduled: c.scheduled, percent: c.target ? Math.round((100 * c.held) / c.target) : 0 });
