import type { INestApplicationContext } from '@nestjs/common';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../common/auth/principal';
import type { AddParticipantDto } from '../invitations/participants/dto/participant.dto';
import { mailTopic, reminderTopic } from '../invitations/participants/mail-job';
import { InvitationLinks } from '../invitations/public/links';
import type { Answer, ParticipantRole } from '../invitations/participants/participant.entity';
import { ParticipantsService } from '../invitations/participants/participants.service';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import { RsvpService } from '../invitations/public/rsvp.service';
import { PeopleService } from '../people/people.service';

/** Hà Giang's 11 district-level units (lãnh đạo UBND 11 huyện, thành phố — seed 000), by GSO code. */
const HG_DISTRICTS: [code: string, slug: string][] = [
  ['024', 'tphagiang'], ['026', 'dongvan'], ['027', 'meovac'], ['028', 'yenminh'], ['029', 'quanba'], ['030', 'vixuyen'],
  ['031', 'bacme'], ['032', 'hoangsuphi'], ['033', 'xinman'], ['034', 'bacquang'], ['035', 'quangbinh'],
];

interface DemoInvitee {
  email: string;
  role: ParticipantRole;
  answer?: { answer: Answer; note?: string; substitute?: { fullName: string; title?: string; email: string } };
}

interface DemoInvitation {
  eventKey: string;
  people: DemoInvitee[];
  /** Each district invited as an agency with this quota and role, its IT contact receiving the request. */
  districts?: { quota: number; role: ParticipantRole };
}

/** Who is invited to the upcoming demo events, in the roles the articles give them, with a few answers of each kind. */
const DEMO_INVITATIONS: DemoInvitation[] = [
  {
    eventKey: 'hg-tong-ket',
    people: [
      { email: 'nvson.ubnd@hagiang.example.gov.vn', role: 'chair', answer: { answer: 'accepted' } },
      { email: 'lddien.ttcntt@hagiang.example.gov.vn', role: 'speaker', answer: { answer: 'accepted' } },
      { email: 'nvtuan.stttt@hagiang.example.gov.vn', role: 'speaker', answer: { answer: 'tentative', note: 'Sẽ xác nhận sau cuộc họp giao ban Sở' } },
      { email: 'lthon.hdnd@hagiang.example.gov.vn', role: 'guest', answer: { answer: 'declined', note: 'Trùng lịch kỳ họp HĐND tỉnh' } },
      {
        email: 'tdlai@mic.example.gov.vn',
        role: 'guest',
        answer: { answer: 'delegated', substitute: { fullName: 'Trần Quang Nghĩa', title: 'Phó Cục trưởng Cục Ứng dụng CNTT Bộ TTTT', email: 'tqnghia.aita@mic.example.gov.vn' } },
      },
      { email: 'lthang.ubndtp@hagiang.example.gov.vn', role: 'delegate' },
    ],
    districts: { quota: 2, role: 'delegate' },
  },
  {
    eventKey: 'hg-tap-huan-cap-huyen',
    people: [{ email: 'lddien.ttcntt@hagiang.example.gov.vn', role: 'trainer', answer: { answer: 'accepted' } }],
    districts: { quota: 3, role: 'trainee' },
  },
];

/**
 * Participants of the upcoming demo events through the invitations module's services: officials in
 * their roles, the districts as agencies with quotas (each with an IT contact to receive the
 * nomination request), and answers of each kind, a substitute among them. Nothing is sent, not even
 * the substitute's invitation: pressing "send" on the event writes every invitation, the substitute's
 * included (as .eml files in the embedded default). Idempotent:
 * someone already invited is left as they are.
 */
export async function seedDemoParticipants(app: INestApplicationContext, eventIds: Record<string, string>, orgIds: Map<string, { id: string }>): Promise<number> {
  // One unit of work: the answers below (a substitute named) write invitation mail to the outbox, and
  // seeding must send nothing — those rows are taken back before anything could relay them.
  const uow = app.get(UnitOfWork);
  return uow.run(async () => {
    const added = await seedParticipants(app, eventIds, orgIds);
    const ids = Object.values(eventIds);
    await uow.manager.query(`DELETE FROM outbox WHERE topic = ANY($1) AND status = 'pending'`, [ids.flatMap((id) => [mailTopic(id), reminderTopic(id)])]);
    await uow.manager.query(`UPDATE participants SET last_sent_sequence = NULL WHERE event_id = ANY($1)`, [ids]);
    return added;
  });
}

async function seedParticipants(app: INestApplicationContext, eventIds: Record<string, string>, orgIds: Map<string, { id: string }>): Promise<number> {
  const participants = app.get(ParticipantsService);
  const people = app.get(PeopleService);
  const rsvp = app.get(RsvpService);
  const tokens = app.get(InvitationLinks);
  let added = 0;

  const contacts = new Map<string, string>();
  for (const [code, slug] of HG_DISTRICTS) {
    const org = orgIds.get(code);
    if (!org) continue;
    const contact = await app.get(UnitOfWork).run(() =>
      people.findOrCreateByEmail({ fullName: `Cán bộ phụ trách CNTT – ${slug}`, title: 'Chuyên viên phụ trách công nghệ thông tin', email: `cntt.${slug}@hagiang.example.gov.vn`, organizationId: org.id }),
    );
    contacts.set(code, contact.id);
  }

  for (const inv of DEMO_INVITATIONS) {
    const eventId = eventIds[inv.eventKey];
    if (!eventId) continue;
    const existing = await participants.list(SYSTEM, eventId, { limit: 200, offset: 0 });
    const invitedPeople = new Set(existing.items.map((p) => p.email));
    const invitedOrgs = new Set(existing.items.filter((p) => p.kind === 'agency').map((p) => p.organizationId));
    const byEmail = new Map<string, string>();
    for (const p of inv.people) {
      const found = await people.list(SYSTEM, { q: p.email, limit: 1, offset: 0 });
      if (found.items[0]) byEmail.set(p.email, found.items[0].id);
    }
    const toAdd: AddParticipantDto[] = [
      ...inv.people.filter((p) => byEmail.has(p.email) && !invitedPeople.has(p.email)).map((p) => ({ personId: byEmail.get(p.email)!, role: p.role })),
      ...(inv.districts
        ? HG_DISTRICTS.filter(([code]) => orgIds.has(code) && !invitedOrgs.has(orgIds.get(code)!.id)).map(([code]) => ({
            organizationId: orgIds.get(code)!.id,
            quota: inv.districts!.quota,
            role: inv.districts!.role,
            contactPersonId: contacts.get(code),
          }))
        : []),
    ];
    if (toAdd.length) added += (await participants.add(SYSTEM, eventId, toAdd)).length;
    const now = await participants.list(SYSTEM, eventId, { limit: 200, offset: 0, kind: 'person' });
    for (const p of inv.people) {
      const row = now.items.find((r) => r.email === p.email);
      if (!row || !p.answer || row.status !== 'pending') continue;
      await rsvp.answer(tokens.issue('rsvp', row.id), { answer: p.answer.answer, ...(p.answer.note ? { note: p.answer.note } : {}), ...(p.answer.substitute ? { substitute: p.answer.substitute } : {}) });
    }
  }
  return added;
}
