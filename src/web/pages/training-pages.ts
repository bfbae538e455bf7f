import { translator, type Locale } from '../../common/i18n/i18n';
import { formatLocal } from '../../common/time/time';
import type { ViewRenderer } from '../view-renderer';
import { formAction, pageData } from './layout';
import { trainingPageMessages } from './training-messages';

/*
 * The training pages (issue 17 item 9): the trainer's phone roster (`/roster/:token`: today's
 * sessions, one tap per trainee, "all present", one thumb at 360 px, plain forms without
 * JavaScript), the printable certificate (`/certificates/:token`, print CSS) and the public verify
 * page (`/verify/{number}`: holder, program, class, dates and hours — nothing more).
 * Markup: views/public/roster.eta, certificate.eta, verify.eta.
 */

export const ROSTER_CHOICES = ['present', 'late', 'absent', 'excused'] as const;
export type RosterChoice = (typeof ROSTER_CHOICES)[number];

export interface RosterPageView {
  locale: Locale;
  action: string;
  classTitle: string;
  trainerName: string;
  sessions: { id: string; startsAt: Date; endsAt: Date; n: number; current: boolean; href: string }[];
  sessionId: string | null;
  trainees: { participantId: string; fullName: string; organizationName: string | null; status: string | null }[];
  result?: { kind: 'saved'; n: number } | { kind: 'error' } | null;
}

const hhmm = (d: Date) => formatLocal(d).slice(11);
const day = (d: Date) => formatLocal(d).slice(0, 10);

export function renderRosterPage(views: ViewRenderer, view: RosterPageView): string {
  const t = translator(trainingPageMessages, view.locale);
  const present = view.trainees.filter((x) => x.status === 'present' || x.status === 'late').length;
  return views.render('public/roster', {
    ...pageData(view.locale),
    t,
    view,
    formAction: formAction(view.action, view.locale) + (view.sessionId ? `&sessionId=${view.sessionId}` : ''),
    choices: ROSTER_CHOICES,
    sessionLabel: (s: RosterPageView['sessions'][number]) => t('roster.session', { n: s.n, time: `${hhmm(s.startsAt)}–${hhmm(s.endsAt)} ${day(s.startsAt)}` }),
    count: t('roster.count', { present, total: view.trainees.length }),
  });
}

export interface CertificatePageView {
  locale: Locale;
  number: string;
  holderName: string;
  holderTitle: string | null;
  holderOrganization: string | null;
  programName: string;
  className: string;
  startsAt: Date;
  endsAt: Date;
  hours: number | null;
  issuedAt: Date;
  revoked: boolean;
}

export function renderCertificatePage(views: ViewRenderer, v: CertificatePageView): string {
  const t = translator(trainingPageMessages, v.locale);
  return views.render('public/certificate', { ...pageData(v.locale), t, v, from: day(v.startsAt), to: day(v.endsAt), issued: day(v.issuedAt), hours: v.hours ?? '' });
}

export interface VerifyPageView {
  locale: Locale;
  number: string;
  found: { holderName: string; programName: string; className: string; startsAt: Date; endsAt: Date; hours: number | null; revoked: boolean } | null;
}

export function renderVerifyPage(views: ViewRenderer, v: VerifyPageView): string {
  const t = translator(trainingPageMessages, v.locale);
  return views.render('public/verify', { ...pageData(v.locale), t, v, dates: v.found ? `${day(v.found.startsAt)} – ${day(v.found.endsAt)}` : '' });
}
