import { translator, type Locale } from '../../common/i18n/i18n';
import { formatLocal } from '../../common/time/time';
import { eventDetailRows, type EventView } from '../../invitations/content/mail-content';
import type { ViewRenderer } from '../view-renderer';
import { bridgePageMessages } from './bridge-messages';
import { formAction, pageData } from './layout';

/*
 * The coordinator's page of a bridge point (`GET/POST /bridge/:token`), made for a phone in a
 * district hall (360 px and up): the point and its join details, its state, and four small forms
 * (rehearsal/readiness, live connection, incident, headcount). Each form posts `action` and what it
 * reports; the page answers with what was recorded or why not. Markup: views/public/bridge.eta.
 */

export const BRIDGE_ACTIONS = ['readiness', 'live', 'incident', 'headcount'] as const;
export type BridgeAction = (typeof BRIDGE_ACTIONS)[number];
export type BridgeProblem = 'illegal_readiness' | 'fault_required' | 'headcount_inconsistent' | 'invalid' | 'failed';

export interface BridgePageView {
  locale: Locale;
  /** The page's path, `/bridge/<token>`: the forms post there. */
  action: string;
  event: EventView;
  point: {
    name: string;
    address: string | null;
    joinUrl: string | null;
    dialString: string | null;
    meetingId: string | null;
    passcode: string | null;
    readiness: 'untested' | 'rehearsed' | 'ready' | 'fault';
    fault: 'no_picture' | 'no_sound' | 'link_lost' | 'other' | null;
    liveStatus: 'connected' | 'degraded' | 'disconnected' | null;
    rehearsalAt: Date | null;
  };
  headcount: { present: number; excused: number; substitutes: number; reportedAt: Date; agencies: { organizationId: string; present: number }[]; participantIds: string[] } | null;
  /** The agencies whose lines the headcount form offers: the point's host and its invitees' agencies. */
  agencies: { id: string; name: string }[];
  /** The point's invitees, to tick. */
  participants: { id: string; name: string; title: string | null; organizationName: string | null }[];
  /** When the page's link stops working (a day after the event): the footer says so. */
  validUntil: Date;
  result?: { kind: 'saved'; what: BridgeAction; state?: string; present?: number } | { kind: 'error'; reason: BridgeProblem; state?: string } | null;
}

/** The coordinator's page as a complete HTML document. */
export function renderBridgePage(views: ViewRenderer, view: BridgePageView): string {
  const b = translator(bridgePageMessages, view.locale);
  const { point, headcount } = view;
  const details = eventDetailRows(view.locale, view.event, { bridgePoint: { name: point.name, address: point.address, joinUrl: point.joinUrl, dialString: point.dialString, meetingId: point.meetingId, passcode: point.passcode } });
  const present = new Map((headcount?.agencies ?? []).map((a) => [a.organizationId, a.present]));
  const ticked = new Set(headcount?.participantIds ?? []);
  return views.render('public/bridge', {
    ...pageData(view.locale),
    b,
    view,
    details,
    formAction: formAction(view.action, view.locale),
    // Not the invitees' footer: this page is the point's, for its technical contact.
    footer: b('footer', { point: point.name, until: formatLocal(view.validUntil) }),
    readinessText: b(`readiness.${point.readiness}`) + (point.fault ? ` – ${b(`fault.${point.fault}`)}` : ''),
    liveText: point.liveStatus ? b(`live.${point.liveStatus}`) : b('live.none'),
    headcountText: headcount ? b('headcount.current', { present: headcount.present, time: formatLocal(headcount.reportedAt) }) : b('headcount.none'),
    rehearsalText: point.rehearsalAt ? formatLocal(point.rehearsalAt) : null,
    agencies: view.agencies.map((a) => ({ ...a, present: present.get(a.id) ?? '' })),
    participants: view.participants.map((p) => ({ ...p, ticked: ticked.has(p.id) })),
    faults: ['no_picture', 'no_sound', 'link_lost', 'other'],
    readinessChoices: ['rehearsed', 'ready', 'fault'],
    liveChoices: ['connected', 'degraded', 'disconnected'],
  });
}
