import type { INestApplicationContext } from '@nestjs/common';
import { BridgePointsService } from '../bridge-points/bridge-points.service';
import type { Readiness } from '../bridge-points/bridge-point.entity';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../common/auth/principal';
import { ParticipantsService } from '../invitations/participants/participants.service';
import { PeopleService } from '../people/people.service';

/** The online reviews of the articles and their points: the main hall and one point per district of the province. */
const DEMO_POINTS: Record<string, { provinceCode: string; mainCode: string; mainRoom: string; meetingId: string }> = {
  // seed 003: Lào Cai's main point and its 9 district-level units.
  'lc-7-thang-2015': { provinceCode: '10', mainCode: '10', mainRoom: 'Hội trường UBND tỉnh Lào Cai', meetingId: 'LC-2015-0805' },
  // seed 004: Hà Giang's hall of the Sở TT&TT and its 11 districts.
  'hg-quy-1-2015': { provinceCode: '02', mainCode: '02.STTTT', mainRoom: 'Hội trường Sở Thông tin và Truyền thông tỉnh Hà Giang', meetingId: 'HG-2015-0410' },
  // The upcoming year-end review, in every state of readiness.
  'hg-tong-ket': { provinceCode: '02', mainCode: '02.STTTT', mainRoom: 'Hội trường Sở Thông tin và Truyền thông tỉnh Hà Giang', meetingId: 'HG-TONG-KET' },
};

/** Readiness of the upcoming review's points by position (main first), the rest untested; the past reviews were all ready. */
const UPCOMING_READINESS: (Readiness | 'no_sound')[] = ['ready', 'ready', 'rehearsed', 'no_sound', 'rehearsed'];
/** Steps from untested to each state. */
const PATHS: Record<string, { readiness: Readiness; fault?: 'no_sound' }[]> = {
  ready: [{ readiness: 'rehearsed' }, { readiness: 'ready' }],
  rehearsed: [{ readiness: 'rehearsed' }],
  no_sound: [{ readiness: 'rehearsed' }, { readiness: 'fault', fault: 'no_sound' }],
};

/**
 * Points are added while an event is still open (before the demo completes the past reviews):
 * called by seedDemoEvents before each event's lifecycle. Idempotent: an event with points is left alone.
 */
export function demoPointsBeforeLifecycle(app: INestApplicationContext, orgIds: Map<string, { id: string }>) {
  const points = app.get(BridgePointsService);
  return async (key: string, eventId: string): Promise<void> => {
    const d = DEMO_POINTS[key];
    if (!d || (await points.list(SYSTEM, eventId)).points.length > 0) return;
    await points.create(SYSTEM, eventId, { isMain: true, hostOrganizationId: orgIds.get(d.mainCode)!.id, roomName: d.mainRoom, videoProvider: 'vnpt_cvc', meetingId: d.meetingId, passcode: '2468', expectedAttendance: 60 });
    await points.addDistricts(SYSTEM, eventId, { organizationId: orgIds.get(d.provinceCode)!.id, videoProvider: 'vnpt_cvc', roomName: 'Phòng họp trực tuyến' });
  };
}

/**
 * After the participants: the past reviews' points rehearsed and ready with the headcounts their
 * sites reported; the upcoming review's points in every state, its participants at their points
 * (district officials at their district, the others in the main hall). Through the service, like a
 * user; idempotent (a state already reached, a headcount already there, an assignment made are kept).
 */
export async function seedDemoBridgePoints(app: INestApplicationContext, eventIds: Record<string, string>): Promise<void> {
  const points = app.get(BridgePointsService);
  for (const key of Object.keys(DEMO_POINTS)) {
    const eventId = eventIds[key];
    if (!eventId) continue;
    const list = (await points.list(SYSTEM, eventId)).points;
    const upcoming = key === 'hg-tong-ket';
    for (const [i, p] of list.entries()) {
      const target = upcoming ? (UPCOMING_READINESS[i] ?? 'untested') : 'ready';
      const reached = target === 'no_sound' ? p.readiness === 'fault' : p.readiness === target;
      if (!reached && p.readiness === 'untested') for (const step of PATHS[target] ?? []) await points.setReadiness(SYSTEM, eventId, p.id, step);
      if (!upcoming && !p.headcount) {
        // What each site reported: the main hall's delegates and 8–16 officials at each district point.
        const present = p.isMain ? 45 : 8 + ((i * 5) % 9);
        await points.reportHeadcount(SYSTEM, eventId, p.id, { present, excused: i % 3 === 0 ? 1 : 0, agencies: [{ organizationId: p.hostOrganizationId, present }] });
      }
    }
    if (upcoming) await assignUpcoming(app, eventId, list);
  }
}

async function assignUpcoming(app: INestApplicationContext, eventId: string, list: { id: string; isMain: boolean; hostOrganizationId: string }[]) {
  const participants = app.get(ParticipantsService);
  const people = app.get(PeopleService);
  const points = app.get(BridgePointsService);
  const persons = (await participants.list(SYSTEM, eventId, { kind: 'person', limit: 200, offset: 0 })).items.filter((p) => p.status !== 'removed' && p.status !== 'declined' && p.status !== 'delegated');
  const orgOf = await people.byIds(persons.map((p) => p.personId!));
  const main = list.find((p) => p.isMain)!;
  const byPoint = new Map<string, string[]>();
  for (const p of persons) {
    const at = list.find((x) => !x.isMain && x.hostOrganizationId === orgOf.get(p.personId!)?.organizationId) ?? main;
    byPoint.set(at.id, [...(byPoint.get(at.id) ?? []), p.id]);
  }
  for (const [pointId, ids] of byPoint) {
    const assigned = new Set((await points.pointParticipants(SYSTEM, eventId, pointId)).map((x) => x.participantId));
    const missing = ids.filter((id) => !assigned.has(id));
    if (missing.length) await points.assign(SYSTEM, eventId, pointId, missing);
  }
}
