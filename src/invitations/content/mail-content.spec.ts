import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml, safeHref } from '../../common/html/escape';
import { catalogProblems } from '../../common/i18n/i18n';
import {
  cancellationMail,
  CHECKIN_QR_CID,
  formatMoment,
  formatSession,
  invitationMail,
  nominationRequestMail,
  reminderMail,
  renderMail,
  sessionEntryMail,
  substituteInvitationMail,
  updateMail,
  type EventView,
  type InvitationMailInput,
  type MailContent,
  type RsvpLinks,
} from './mail-content';
import { invitationMessages } from './messages';
import { expectBalanced, visible } from '../../../test/support/html';

/** Seed 004: Hà Giang's Q1/2015 review (names of the contact and address invented). */
const event: EventView = {
  title: 'Hội nghị đánh giá kết quả ứng dụng CNTT Quý I, triển khai nhiệm vụ Quý II/2015',
  kind: 'conference',
  format: 'in_person',
  sessions: [{ startsAt: new Date('2015-04-10T07:00:00Z'), endsAt: new Date('2015-04-10T10:00:00Z') }],
  venueName: 'Hội trường Sở TT&TT',
  venueAddress: 'Phường Nguyễn Trãi, thành phố Hà Giang',
  hostName: 'Sở Thông tin và Truyền thông tỉnh Hà Giang',
  organizerContact: { name: 'Hoàng Thị Lan', email: 'lan.ht@hagiang.gov.vn', phone: '0219 3860 000' },
  agenda: [
    { startsAt: new Date('2015-04-10T07:00:00Z'), title: 'Khai mạc hội nghị', type: 'opening_speech', speaker: 'Lãnh đạo UBND tỉnh' },
    { startsAt: new Date('2015-04-10T07:15:00Z'), title: 'Kết quả ứng dụng CNTT Quý I/2015', type: 'report', speaker: 'Sở TT&TT' },
    { startsAt: null, title: 'Giải lao', type: 'other' },
    { title: 'Kết luận hội nghị', type: 'conclusion' },
  ],
  description: 'Đánh giá kết quả Quý I.\nPhương hướng nhiệm vụ Quý II.',
};

const links: RsvpLinks = {
  accept: 'https://hoinghi.example.vn/rsvp/tok123?answer=accepted',
  decline: 'https://hoinghi.example.vn/rsvp/tok123?answer=declined',
  tentative: 'https://hoinghi.example.vn/rsvp/tok123?answer=tentative',
  substitute: 'https://hoinghi.example.vn/rsvp/tok123?answer=delegated#substitute',
  page: 'https://hoinghi.example.vn/rsvp/tok123',
  ics: 'https://hoinghi.example.vn/rsvp/tok123/invite.ics',
};

const base: InvitationMailInput = {
  locale: 'vi',
  recipient: { name: 'Nguyễn Văn Sơn', title: 'Phó Giám đốc Sở TT&TT' },
  event,
  role: 'delegate',
  links,
};

function expectLinksInBoth(mail: MailContent, urls: string[]) {
  for (const url of urls) {
    expect(mail.text).toContain(url);
    expect(mail.html).toContain(`href="${escapeHtml(url)}"`);
  }
}

describe('invitation mail', () => {
  const mail = invitationMail(base);

  it('has a Vietnamese subject with the title and the dd/MM/yyyy date', () => {
    expect(mail.subject).toBe('Giấy mời: Hội nghị đánh giá kết quả ứng dụng CNTT Quý I, triển khai nhiệm vụ Quý II/2015 – 10/04/2015');
  });

  it('greets the official with title and invites in administrative Vietnamese', () => {
    for (const part of [mail.text, visible(mail.html)]) {
      expect(part).toContain('Kính gửi đồng chí Nguyễn Văn Sơn – Phó Giám đốc Sở TT&TT,');
      expect(part).toContain('Sở Thông tin và Truyền thông tỉnh Hà Giang trân trọng kính mời đồng chí tới dự hội nghị:');
      expect(part).toContain('Trân trọng.');
    }
    expect(mail.text).toContain('Vai trò của đồng chí: Đại biểu');
    expect(visible(mail.html)).toContain('Vai trò của đồng chí Đại biểu');
  });

  it('shows the session in Hà Nội time with a Vietnamese weekday (07:00Z → 14:00)', () => {
    expect(mail.text).toContain('Thời gian: 14:00 – 17:00, thứ Sáu, ngày 10/04/2015');
    expect(visible(mail.html)).toContain('Thời gian 14:00 – 17:00, thứ Sáu, ngày 10/04/2015');
    expect(mail.text).not.toContain('07:00');
  });

  it('carries venue, format, agenda, description and organizer contact in both parts', () => {
    for (const part of [mail.text, visible(mail.html)]) {
      expect(part).toContain('Hình thức');
      expect(part).toContain('Trực tiếp');
      expect(part).toContain('Hội trường Sở TT&TT');
      expect(part).toContain('Phường Nguyễn Trãi, thành phố Hà Giang');
      expect(part).toContain('Chương trình');
      expect(part).toContain('14:00 Phát biểu khai mạc: Khai mạc hội nghị');
      expect(part).toContain('14:15 Báo cáo: Kết quả ứng dụng CNTT Quý I/2015');
      expect(part).toContain('Người trình bày: Sở TT&TT');
      expect(part).toContain('Giải lao');
      expect(part).not.toContain('Khác');
      expect(part).toContain('Kết luận: Kết luận hội nghị');
      expect(part).toContain('Phương hướng nhiệm vụ Quý II.');
    }
    expect(mail.text).toContain('Liên hệ: Hoàng Thị Lan, điện thoại: 0219 3860 000, e-mail: lan.ht@hagiang.gov.vn');
    expect(visible(mail.html)).toContain('Liên hệ Hoàng Thị Lan, điện thoại: 0219 3860 000, e-mail: lan.ht@hagiang.gov.vn');
    expect(mail.html).toContain('Đánh giá kết quả Quý I.<br>Phương hướng');
  });

  it('offers the four answers, the RSVP page and the .ics as links in HTML and text', () => {
    expectLinksInBoth(mail, Object.values(links));
    expect(mail.text).toContain(`Xác nhận tham dự: ${links.accept}`);
    expect(mail.text).toContain(`Từ chối: ${links.decline}`);
    expect(mail.text).toContain(`Chưa chắc chắn: ${links.tentative}`);
    expect(mail.text).toContain(`Cử người đi thay: ${links.substitute}`);
    expect(mail.html).toMatch(/<a href="[^"]+answer=accepted"[^>]*>Xác nhận tham dự<\/a>/);
  });

  it('shows the personal check-in QR code as an inline image (cid), the text part the check-in link; none without one', () => {
    const checkin = 'https://hoinghi.example.vn/checkin/qr123';
    const withQr = renderMail({ type: 'invitation', ...base, links: { ...links, checkin } });
    expect(withQr.html).toContain(`<img src="cid:${CHECKIN_QR_CID}" alt="Mã QR điểm danh"`);
    expect(withQr.text).toContain(`Mã QR điểm danh cá nhân của đồng chí: khi đến hội trường, đưa mã này để cán bộ tổ chức quét (hoặc mở đường dẫn dưới đây).\n${checkin}`);
    expect(mail.html).not.toContain('cid:');
  });

  it('is a complete inline-styled HTML document without external assets or scripts', () => {
    expect(mail.html.startsWith('<!doctype html><html lang="vi">')).toBe(true);
    expect(mail.html).toContain('<meta charset="utf-8">');
    expect(mail.html).not.toMatch(/<script|<link|<img|src=|url\(/i);
    expectBalanced(mail.html);
    expect(mail.text).not.toMatch(/<[a-z]/i);
    expect(mail.html).toContain('Hội trường Sở TT&amp;TT');
  });

  it('greets without a dash when the person has no title', () => {
    const m = invitationMail({ ...base, recipient: { name: 'Lò Văn Minh', title: null } });
    expect(m.text.startsWith('Kính gửi đồng chí Lò Văn Minh,\n')).toBe(true);
  });
});

describe('online events, bridge points and several sessions', () => {
  it('shows the participant’s bridge point, the main hall and the join link', () => {
    const online: EventView = { ...event, format: 'hybrid', onlineUrl: 'https://meet.hagiang.gov.vn/hn-q1-2015' };
    const mail = invitationMail({ ...base, event: online, bridgePoint: { name: 'Điểm cầu UBND huyện Đồng Văn', address: 'Thị trấn Đồng Văn' } });
    expect(mail.text).toContain('Hình thức: Trực tiếp kết hợp trực tuyến');
    expect(mail.text).toContain('Điểm cầu của đồng chí: Điểm cầu UBND huyện Đồng Văn, Thị trấn Đồng Văn');
    expect(mail.text).toContain('Điểm cầu chính: Hội trường Sở TT&TT, Phường Nguyễn Trãi, thành phố Hà Giang');
    expect(mail.text).toContain('Tham gia trực tuyến: https://meet.hagiang.gov.vn/hn-q1-2015');
    expect(mail.html).toContain('href="https://meet.hagiang.gov.vn/hn-q1-2015"');
    expect(mail.text).not.toContain('Địa điểm:');
  });

  it('never turns a javascript: join link into a link', () => {
    const mail = invitationMail({ ...base, event: { ...event, format: 'online', onlineUrl: 'javascript:alert(1)' } });
    expect(mail.html).not.toContain('href="javascript:');
    expect(mail.text).toContain('Tham gia trực tuyến: javascript:alert(1)');
  });

  it('lists the sessions of a two-day training in order, agenda with dates', () => {
    // Seed 000: hội nghị tập huấn 2–3/12/2013.
    const training: EventView = {
      ...event,
      kind: 'training_class',
      title: 'Hội nghị tập huấn CNTT cho lãnh đạo phụ trách CNTT',
      sessions: [
        { startsAt: new Date('2013-12-03T01:00:00Z'), endsAt: new Date('2013-12-03T04:30:00Z'), title: 'Ngày 2' },
        { startsAt: new Date('2013-12-02T01:00:00Z'), endsAt: new Date('2013-12-02T04:30:00Z'), title: 'Ngày 1' },
      ],
      agenda: [{ startsAt: new Date('2013-12-03T01:00:00Z'), title: 'Bảo đảm an toàn thông tin', type: 'presentation' }],
    };
    const mail = invitationMail({ ...base, event: training, role: 'trainee' });
    expect(mail.subject).toBe('Giấy mời: Hội nghị tập huấn CNTT cho lãnh đạo phụ trách CNTT – 02/12/2013');
    expect(mail.text).toContain('tới dự lớp tập huấn:');
    expect(mail.text).toContain('Thời gian:\n  - Ngày 1: 08:00 – 11:30, thứ Hai, ngày 02/12/2013\n  - Ngày 2: 08:00 – 11:30, thứ Ba, ngày 03/12/2013');
    expect(mail.text).toContain('- 03/12/2013 08:00 Tham luận: Bảo đảm an toàn thông tin');
    expect(mail.text).toContain('Vai trò của đồng chí: Học viên');
  });

  it('writes a session across midnight with both days', () => {
    expect(formatSession('vi', { startsAt: new Date('2014-08-16T14:00:00Z'), endsAt: new Date('2014-08-16T18:00:00Z') })).toBe(
      'từ 21:00, thứ Bảy, ngày 16/08/2014 đến 01:00, Chủ nhật, ngày 17/08/2014',
    );
    expect(formatMoment('en', new Date('2015-04-10T07:00:00Z'))).toBe('14:00, Friday 10/04/2015');
  });

  it('refuses an event without sessions with a clear message', () => {
    expect(() => invitationMail({ ...base, event: { ...event, sessions: [] } })).toThrow(/no sessions/);
  });
});

describe('substitute invitation', () => {
  it('says who named the recipient as substitute', () => {
    const mail = substituteInvitationMail({
      ...base,
      recipient: { name: 'Trần Thị Hoa', title: 'Trưởng phòng Bưu chính, Viễn thông và CNTT' },
      delegatedBy: { name: 'Nguyễn Văn Sơn', title: 'Phó Giám đốc Sở TT&TT' },
    });
    expect(mail.subject).toBe(`Giấy mời (tham dự thay): ${event.title} – 10/04/2015`);
    expect(mail.text).toContain('Đồng chí Nguyễn Văn Sơn – Phó Giám đốc Sở TT&TT đã cử đồng chí tham dự thay tại hội nghị:');
    expect(mail.text).toContain('Kính gửi đồng chí Trần Thị Hoa – Trưởng phòng Bưu chính, Viễn thông và CNTT,');
    expectLinksInBoth(mail, Object.values(links));
    const plain = substituteInvitationMail({ ...base, delegatedBy: { name: 'Nguyễn Văn Sơn' } });
    expect(plain.text).toContain('Đồng chí Nguyễn Văn Sơn đã cử đồng chí tham dự thay tại hội nghị:');
  });
});

describe('update mail', () => {
  const moved: EventView = {
    ...event,
    sessions: [{ startsAt: new Date('2015-04-11T01:00:00Z'), endsAt: new Date('2015-04-11T04:00:00Z') }],
    venueName: 'Hội trường lớn UBND tỉnh',
    venueAddress: null,
  };

  it('says what changed, with the earlier values, then the new details', () => {
    const mail = updateMail({
      ...base,
      event: moved,
      changes: [
        { field: 'time', before: event.sessions },
        { field: 'venue', before: { venueName: event.venueName, venueAddress: event.venueAddress } },
      ],
    });
    expect(mail.subject).toBe(`Thay đổi: ${event.title} – 11/04/2015`);
    for (const part of [mail.text, visible(mail.html)]) {
      expect(part).toContain('Nội dung thay đổi');
      expect(part).toContain('Thời gian mới: 08:00 – 11:00, thứ Bảy, ngày 11/04/2015 (trước đây: 14:00 – 17:00, thứ Sáu, ngày 10/04/2015)');
      expect(part).toContain('Địa điểm mới: Hội trường lớn UBND tỉnh (trước đây: Hội trường Sở TT&TT, Phường Nguyễn Trãi, thành phố Hà Giang)');
      expect(part).toContain('Các nội dung khác giữ nguyên.');
      expect(part).toContain('Kính đề nghị đồng chí xác nhận lại việc tham dự.');
    }
    expect(mail.text).toContain('Thời gian: 08:00 – 11:00, thứ Bảy, ngày 11/04/2015');
    expectLinksInBoth(mail, Object.values(links));
    expectBalanced(mail.html);
  });

  it('names new values without earlier ones, and a removed join link', () => {
    const mail = updateMail({
      ...base,
      event: { ...moved, format: 'online', onlineUrl: null },
      bridgePoint: { name: 'Điểm cầu UBND huyện Mèo Vạc' },
      changes: [{ field: 'time' }, { field: 'onlineUrl' }, { field: 'format', before: 'hybrid' }, { field: 'title', before: 'Hội nghị cũ' }, { field: 'bridgePoint', before: null }],
    });
    expect(mail.text).toContain('- Thời gian mới: 08:00 – 11:00, thứ Bảy, ngày 11/04/2015\n');
    expect(mail.text).toContain('- Đường dẫn tham gia trực tuyến mới: không còn');
    expect(mail.text).toContain('- Hình thức mới: Trực tuyến (trước đây: Trực tiếp kết hợp trực tuyến)');
    expect(mail.text).toContain(`- Tên mới: ${event.title} (trước đây: Hội nghị cũ)`);
    expect(mail.text).toContain('- Điểm cầu mới của đồng chí: Điểm cầu UBND huyện Mèo Vạc (trước đây: không còn)');
  });

  it('falls back to a generic notice without a list of changes', () => {
    const mail = updateMail({ ...base, changes: [] });
    expect(mail.text).toContain('Thông tin về hội nghị đã được cập nhật; thông tin mới nhất ở dưới đây.');
    expect(mail.text).not.toContain('Nội dung thay đổi');
  });
});

describe('cancellation mail', () => {
  it('announces the cancelled event with its planned time and no answer links', () => {
    const mail = cancellationMail({ locale: 'vi', recipient: base.recipient, event, scope: 'event', reason: 'Trùng lịch họp của Tỉnh ủy' });
    expect(mail.subject).toBe(`Hủy: ${event.title} – 10/04/2015`);
    expect(mail.text).toContain('Sở Thông tin và Truyền thông tỉnh Hà Giang trân trọng thông báo hủy hội nghị:');
    expect(mail.text).toContain('Thời gian dự kiến: 14:00 – 17:00, thứ Sáu, ngày 10/04/2015');
    expect(mail.text).toContain('Lý do: Trùng lịch họp của Tỉnh ủy');
    expect(mail.text).toContain('Mong đồng chí thông cảm.');
    expect(mail.text).toContain('lan.ht@hagiang.gov.vn');
    expect(mail.html).not.toContain('Xác nhận tham dự');
    expect(mail.html).not.toContain('href=');
    expectBalanced(mail.html);
  });

  it('tells a removed participant that their invitation is withdrawn', () => {
    const mail = cancellationMail({ locale: 'vi', recipient: base.recipient, event, scope: 'participant' });
    expect(mail.text).toContain('giấy mời đồng chí tham dự hội nghị dưới đây không còn hiệu lực.');
    expect(mail.text).not.toContain('Lý do');
    expect(mail.text).not.toContain('Mong đồng chí thông cảm.');
  });
});

describe('reminder mail', () => {
  it('names the start time in the subject and asks a tentative participant to decide', () => {
    const mail = reminderMail({ ...base, answer: 'tentative' });
    expect(mail.subject).toBe(`Nhắc lịch: ${event.title} – 14:00, 10/04/2015`);
    expect(mail.text).toContain('Xin trân trọng nhắc đồng chí lịch tham dự hội nghị:');
    expect(mail.text).toContain('Bắt đầu lúc 14:00, thứ Sáu, ngày 10/04/2015.');
    expect(mail.text).toContain('Đồng chí đang trả lời “Chưa chắc chắn”');
    expectLinksInBoth(mail, Object.values(links));
  });

  it('thanks an accepted participant', () => {
    expect(reminderMail({ ...base, answer: 'accepted' }).text).toContain('Đồng chí đã xác nhận tham dự. Xin cảm ơn đồng chí.');
  });
});

describe('nomination request mail', () => {
  const input = {
    locale: 'vi' as const,
    recipient: { name: 'Vàng Seo Dìn', title: 'Chánh Văn phòng HĐND và UBND huyện' },
    event,
    agency: { name: 'UBND huyện Đồng Văn' },
    quota: 3,
    deadline: new Date('2015-04-08T10:00:00Z'),
    links: { nominate: 'https://hoinghi.example.vn/nominate/agencytok', ics: 'https://hoinghi.example.vn/api/events/e1/ics' },
  };

  it('asks the agency to nominate up to the quota through the link', () => {
    const mail = nominationRequestMail(input);
    expect(mail.subject).toBe(`Đề nghị cử người tham dự: ${event.title} – 10/04/2015`);
    for (const part of [mail.text, visible(mail.html)]) {
      expect(part).toContain('Sở Thông tin và Truyền thông tỉnh Hà Giang trân trọng kính mời UBND huyện Đồng Văn cử người tham dự hội nghị:');
      expect(part).toContain('tối đa 3 người');
      expect(part).toContain('17:00, thứ Tư, ngày 08/04/2015');
      expect(part).toContain('Đăng ký người tham dự');
    }
    expectLinksInBoth(mail, [input.links.nominate, input.links.ics]);
    expect(mail.text).not.toContain('Đã đăng ký');
    expect(mail.text).not.toContain('Vai trò');
    expectBalanced(mail.html);
  });

  it('mentions seats already named', () => {
    expect(nominationRequestMail({ ...input, nominatedCount: 1 }).text).toContain('Đã đăng ký: 1/3 người.');
  });
});

describe('session entry mail (one further session of a programme, its own calendar entry)', () => {
  const session = { startsAt: new Date('2027-01-12T06:30:00Z'), endsAt: new Date('2027-01-12T10:00:00Z'), title: 'Ngày 1, buổi chiều' };

  it('names the session k/n and shows that session alone, with the page link', () => {
    const mail = sessionEntryMail({ ...base, action: 'request', position: 2, count: 3, session, links: { page: links.page } });
    expect(mail.subject).toBe(`Lịch buổi 2/3: ${event.title} – 12/01/2027`);
    expect(mail.text).toContain('Ngày 1, buổi chiều: 13:30 – 17:00, thứ Ba, ngày 12/01/2027');
    expect(mail.text).toContain('lịch buổi 2/3');
    expect(mail.text).not.toContain('10/04/2015'); // not the other sessions
    expectLinksInBoth(mail, [links.page]);
  });

  it('words the CANCEL of a dropped session, in English too', () => {
    const mail = renderMail({ type: 'sessionEntry', ...base, locale: 'en', action: 'cancel', position: 3, count: 3, session, dropped: true });
    expect(mail.subject).toBe(`Session 3/3 removed from your calendar: ${event.title} – 12/01/2027`);
    expect(mail.text).toContain('no longer in the programme');
  });
});

describe('escaping', () => {
  const evil = '<script>alert("x")</script>';
  const attr = 'https://hoinghi.example.vn/rsvp/t?a="><script>x</script>';

  it('escapes every interpolated value in the HTML', () => {
    const hostile: EventView = {
      title: `Hội nghị ${evil}`,
      kind: 'conference',
      format: 'hybrid',
      sessions: [{ startsAt: new Date('2015-04-10T07:00:00Z'), endsAt: new Date('2015-04-10T10:00:00Z'), title: evil }],
      venueName: evil,
      venueAddress: evil,
      onlineUrl: attr,
      hostName: evil,
      organizerContact: { name: evil, email: evil, phone: evil },
      agenda: [{ startsAt: null, title: evil, type: 'report', speaker: evil }],
      description: evil,
    };
    const hostileLinks: RsvpLinks = { accept: attr, decline: attr, tentative: attr, substitute: attr, page: attr, ics: attr };
    const mails = [
      invitationMail({ locale: 'vi', recipient: { name: evil, title: evil }, event: hostile, role: 'guest', bridgePoint: { name: evil, address: evil }, links: hostileLinks }),
      substituteInvitationMail({ locale: 'en', recipient: { name: evil }, event: hostile, role: 'guest', links: hostileLinks, delegatedBy: { name: evil, title: evil } }),
      updateMail({ locale: 'vi', recipient: { name: evil }, event: hostile, role: 'guest', links: hostileLinks, changes: [{ field: 'title', before: evil }, { field: 'venue', before: { venueName: evil } }] }),
      reminderMail({ locale: 'vi', recipient: { name: evil }, event: hostile, role: 'guest', links: hostileLinks, answer: 'accepted' }),
      cancellationMail({ locale: 'vi', recipient: { name: evil }, event: hostile, scope: 'event', reason: evil }),
      nominationRequestMail({ locale: 'vi', recipient: { name: evil }, event: hostile, agency: { name: evil }, quota: 2, links: { nominate: attr, ics: attr } }),
    ];
    for (const mail of mails) {
      expect(mail.html).not.toMatch(/<script/i);
      expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(mail.html).toContain('href="https://hoinghi.example.vn/rsvp/t?a=&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
      expectBalanced(mail.html);
      expect(mail.text).toContain(evil);
    }
  });

  it('keeps CR/LF out of the subject', () => {
    expect(invitationMail({ ...base, event: { ...event, title: 'A\r\nBcc: x@y.z' } }).subject).toBe('Giấy mời: A Bcc: x@y.z – 10/04/2015');
  });

  it('escapeHtml and safeHref', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(safeHref('https://a.vn/x')).toBe('https://a.vn/x');
    expect(safeHref('mailto:a@b.vn')).toBe('mailto:a@b.vn');
    expect([safeHref('javascript:alert(1)'), safeHref('/relative'), safeHref(''), safeHref(null), safeHref(' data:text/html,x')]).toEqual([null, null, null, null, null]);
  });
});

describe('English variant', () => {
  it('translates subject, labels, weekday and buttons, keeping Vietnamese names', () => {
    const mail = invitationMail({ ...base, locale: 'en' });
    expect(mail.subject).toBe(`Invitation: ${event.title} – 10/04/2015`);
    expect(mail.html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(mail.text).toContain('Dear Nguyễn Văn Sơn – Phó Giám đốc Sở TT&TT,');
    expect(mail.text).toContain('Sở Thông tin và Truyền thông tỉnh Hà Giang cordially invites you to the conference:');
    expect(mail.text).toContain('Time: 14:00 – 17:00, Friday 10/04/2015');
    expect(mail.text).toContain('Your role: Delegate');
    expect(mail.text).toContain(`Accept: ${links.accept}`);
    expect(mail.text).toContain(`Send a substitute: ${links.substitute}`);
    expect(mail.text).toContain('Opening speech: Khai mạc hội nghị');
    expect(mail.text).not.toMatch(/Kính gửi|Thời gian|Xác nhận tham dự|thứ Sáu/);
  });

  it('has an English subject for every kind of mail', () => {
    const subjects = [
      renderMail({ type: 'update', ...base, locale: 'en', changes: [] }).subject,
      renderMail({ type: 'cancellation', locale: 'en', recipient: base.recipient, event, scope: 'event' }).subject,
      renderMail({ type: 'reminder', ...base, locale: 'en', answer: 'accepted' }).subject,
      renderMail({ type: 'nominationRequest', locale: 'en', recipient: base.recipient, event, agency: { name: 'UBND huyện Đồng Văn' }, quota: 2, links: { nominate: 'https://h.vn/n/t' } }).subject,
      renderMail({ type: 'substituteInvitation', ...base, locale: 'en', delegatedBy: { name: 'Nguyễn Văn Sơn' } }).subject,
      renderMail({ type: 'invitation', ...base, locale: 'en' }).subject,
    ].map((s) => s.split(':')[0]);
    expect(subjects).toEqual(['Changed', 'Cancelled', 'Reminder', 'Please nominate attendees', 'Invitation (as substitute)', 'Invitation']);
  });
});

describe('invitation catalog', () => {
  const keys = new Set(Object.keys(invitationMessages.vi));
  // The renderer is the mails and the event view they are built from (and the calendar's session titles).
  const source = ['mail-content.ts', 'event-view.ts', '../calendar/participant-calendar.ts'].map((f) => readFileSync(join(__dirname, f), 'utf8')).join('\n');

  it('has the same keys and placeholders in Vietnamese and English, none empty', () => {
    expect(catalogProblems(invitationMessages)).toEqual([]);
  });

  it('writes Vietnamese with diacritics (NFC) and English without Vietnamese words', () => {
    expect(invitationMessages.vi['button.accept']).toBe('Xác nhận tham dự');
    expect(invitationMessages.vi['subject.cancellation']).toMatch(/^Hủy:/);
    for (const text of Object.values(invitationMessages.vi)) expect(text).toBe(text.normalize('NFC'));
    for (const text of Object.values(invitationMessages.en)) expect(text).not.toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđếềệểễọỏõòóôốồổỗộơớờởỡợụủũùúưứừửữựỳýỵỷỹ]/i);
  });

  it('has every key the renderer uses, and uses every key it has', () => {
    const literal = new Set<string>();
    const prefixes: string[] = [];
    // Zero-width match so nested calls (`t('a', { x: t('b') })`) are each seen; comparisons are not keys.
    for (const [, args] of source.matchAll(/\bt\((?=([^)]*))/g)) {
      const first = args.split(/,\s*[{]/)[0].replace(/[!=]==\s*'[^']*'/g, '');
      for (const [, key] of first.matchAll(/'([^']+)'/g)) literal.add(key);
      for (const [, prefix] of first.matchAll(/`([^`$]+)\$\{/g)) prefixes.push(prefix);
    }
    expect(literal.size).toBeGreaterThan(40);
    for (const key of literal) expect(keys).toContain(key);
    for (const prefix of prefixes) expect([...keys].some((k) => k.startsWith(prefix))).toBe(true);
    const unused = [...keys].filter((k) => !literal.has(k) && !prefixes.some((p) => k.startsWith(p)));
    expect(unused).toEqual([]);
  });
});
