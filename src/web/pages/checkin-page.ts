import type { Locale } from '../../common/i18n/i18n';
import { eventDetailRows, type EventView } from '../../invitations/content/mail-content';
import type { ViewRenderer } from '../view-renderer';
import { pageData } from './layout';

/*
 * The page a personal QR code opens (`GET /checkin/:token`): whose code it is, the event, the code
 * itself to show again. Organizers check people in with the scanning API (`POST /api/checkin/:token`,
 * signed in); a phone that opens the code without an app lands here and learns what it is for.
 */
export interface CheckInPageView {
  locale: Locale;
  name: string;
  event: EventView;
  qr: { size: number; d: string };
}

export function renderCheckInPage(views: ViewRenderer, view: CheckInPageView): string {
  return views.render('public/checkin', { ...pageData(view.locale), view, details: eventDetailRows(view.locale, view.event, {}) });
}
