import type { Locale } from '../../common/i18n/i18n';
import { eventDetailRows, type EventView } from '../../invitations/content/mail-content';
import type { ViewRenderer } from '../view-renderer';
import { pageData } from './layout';

/*
 * The page a personal QR code opens (`GET /checkin/:token`): whose code it is, the event, the code
 * itself to show again. Organizers check people in with the scanning API (`POST /api/checkin/:token`,
 * signed in) or from here: `staffHref` leads a signed-in organizer or trainer (after sign-in when
 * needed) to the workspace's check-in button for this code.
 */
export interface CheckInPageView {
  locale: Locale;
  name: string;
  event: EventView;
  qr: { size: number; d: string };
  /** The workspace's check-in page for this code (`/app/checkin/<token>`). */
  staffHref: string;
}

export function renderCheckInPage(views: ViewRenderer, view: CheckInPageView): string {
  return views.render('public/checkin', { ...pageData(view.locale), view, details: eventDetailRows(view.locale, view.event, {}) });
}
