import type { EventView } from '../../invitations/content/mail-content';
import { ViewRenderer } from '../view-renderer';
import { renderRsvpPage as render, type RsvpPageView } from './rsvp-page';
import { expectBalanced, visible } from '../../../test/support/html';

const event: EventView = {
  title: 'Hội nghị đánh giá kết quả ứng dụng CNTT Quý I, triển khai nhiệm vụ Quý II/2015',
  kind: 'conference',
  format: 'in_person',
  sessions: [{ startsAt: new Date('2015-04-10T07:00:00Z'), endsAt: new Date('2015-04-10T10:00:00Z') }],
  venueName: 'Hội trường Sở TT&TT',
  hostName: 'Sở Thông tin và Truyền thông tỉnh Hà Giang',
  organizerContact: { name: 'Hoàng Thị Lan', email: 'lan.ht@hagiang.gov.vn', phone: '0219 3860 000' },
  agenda: [{ startsAt: new Date('2015-04-10T07:15:00Z'), title: 'Kết quả ứng dụng CNTT Quý I/2015', type: 'report', speaker: 'Sở TT&TT' }],
  description: 'Đánh giá kết quả Quý I.',
};

const views = new ViewRenderer();
const renderRsvpPage = (v: RsvpPageView) => render(views, v);

const view: RsvpPageView = {
  locale: 'vi',
  action: '/rsvp/tok123',
  participant: { name: 'Nguyễn Văn Sơn', title: 'Phó Giám đốc Sở TT&TT', role: 'delegate', status: 'invited' },
  event,
  icsUrl: '/rsvp/tok123/event.ics',
};

describe('RSVP page', () => {
  const html = renderRsvpPage(view);
  const text = visible(html);

  it('is a complete Vietnamese HTML5 document without scripts', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="vi">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('name="viewport"');
    expect(html).toContain('<title>Trả lời giấy mời: Hội nghị đánh giá kết quả ứng dụng CNTT Quý I, triển khai nhiệm vụ Quý II/2015 – Hệ thống quản lý hội nghị</title>');
    expect(html).not.toMatch(/<script|<link|src=/i);
    expectBalanced(html);
  });

  it('shows the event in Hà Nội time (07:00Z → 14:00) with its details', () => {
    expect(text).toContain('Kính gửi đồng chí Nguyễn Văn Sơn – Phó Giám đốc Sở TT&TT,');
    expect(text).toContain('Đồng chí được mời tham dự hội nghị dưới đây.');
    expect(text).toContain('Thời gian 14:00 – 17:00, thứ Sáu, ngày 10/04/2015');
    expect(text).toContain('Địa điểm Hội trường Sở TT&TT');
    expect(text).toContain('Vai trò của đồng chí Đại biểu');
    expect(text).toContain('14:15 Báo cáo: Kết quả ứng dụng CNTT Quý I/2015');
    expect(text).toContain('Liên hệ Hoàng Thị Lan, điện thoại: 0219 3860 000, e-mail: lan.ht@hagiang.gov.vn');
    expect(text).toContain('Đánh giá kết quả Quý I.');
    expect(html).toContain('<a href="/rsvp/tok123/event.ics">Tải tệp lịch (.ics)</a>');
  });

  it('shows the current answer and posts the three answers to its own path', () => {
    expect(text).toContain('Trả lời hiện tại Chưa trả lời');
    expect(html).toContain('<form method="post" action="/rsvp/tok123?lang=vi" enctype="application/x-www-form-urlencoded">');
    expect(html).toContain('<button type="submit" name="answer" value="accepted" class="b-accepted">Xác nhận tham dự</button>');
    expect(html).toContain('<button type="submit" name="answer" value="declined" class="b-declined">Từ chối</button>');
    expect(html).toContain('<button type="submit" name="answer" value="tentative" class="b-tentative">Chưa chắc chắn</button>');
    expect(text).toContain('Đồng chí có thể thay đổi câu trả lời cho đến khi hội nghị bắt đầu.');
  });

  it('offers a substitute form with name, title and e-mail', () => {
    expect(html).toContain('<section class="card" id="substitute"><h2>Cử người đi thay</h2>');
    expect(html).toContain('<form method="post" action="/rsvp/tok123?lang=vi#substitute" enctype="application/x-www-form-urlencoded"><input type="hidden" name="answer" value="delegated">');
    expect(html).toMatch(/<label for="sub-substituteName">Họ và tên<\/label><input type="text" id="sub-substituteName" name="substituteName" value="" required maxlength="200"/);
    expect(html).toMatch(/<label for="sub-substituteTitle">Chức vụ <span class="muted">\(không bắt buộc\)<\/span><\/label><input type="text" id="sub-substituteTitle" name="substituteTitle"/);
    expect(html).toMatch(/<input type="email" id="sub-substituteEmail" name="substituteEmail" value="" required maxlength="254"/);
  });

  it('links to the English page', () => {
    expect(html).toContain('<a href="?lang=en" hreflang="en" lang="en">English</a>');
  });

  it('marks the current answer', () => {
    const accepted = renderRsvpPage({ ...view, participant: { ...view.participant, status: 'accepted' } });
    expect(accepted).toContain('<button type="submit" name="answer" value="accepted" class="b-accepted current">Xác nhận tham dự (hiện tại)</button>');
    expect(visible(accepted)).toContain('Trả lời hiện tại Xác nhận tham dự');
    const delegated = renderRsvpPage({ ...view, participant: { ...view.participant, status: 'delegated', substituteEmail: 'hoa.tt@hagiang.gov.vn' } });
    expect(visible(delegated)).toContain('Trả lời hiện tại Đã cử người đi thay (e-mail: hoa.tt@hagiang.gov.vn)');
  });
});

describe('RSVP page states', () => {
  it('confirms a recorded answer: "Đã ghi nhận …"', () => {
    const html = renderRsvpPage({ ...view, participant: { ...view.participant, status: 'accepted' }, result: { kind: 'saved', answer: 'accepted' } });
    expect(html).toContain('<div class="notice success" role="status">Đã ghi nhận: đồng chí xác nhận tham dự. Xin cảm ơn đồng chí!</div>');
    expect(renderRsvpPage({ ...view, result: { kind: 'saved', answer: 'declined' } })).toContain('Đã ghi nhận: đồng chí từ chối tham dự.');
    expect(renderRsvpPage({ ...view, result: { kind: 'saved', answer: 'tentative' } })).toContain('Đã ghi nhận: đồng chí chưa chắc chắn tham dự.');
    const delegated = renderRsvpPage({ ...view, result: { kind: 'saved', answer: 'delegated', substitute: { name: 'Trần Thị Hoa', email: 'hoa.tt@hagiang.gov.vn' } } });
    expect(delegated).toContain('Đã ghi nhận: đồng chí Trần Thị Hoa sẽ tham dự thay. Giấy mời sẽ được gửi tới hoa.tt@hagiang.gov.vn.');
  });

  it('asks to confirm an answer preselected by a mail link, without recording it', () => {
    const html = renderRsvpPage({ ...view, proposed: 'declined' });
    expect(html).toContain('Đồng chí đã chọn “Từ chối” trong thư mời. Vui lòng bấm nút “Từ chối” dưới đây để gửi câu trả lời.');
    expect(html).toContain('value="declined" class="b-declined proposed"');
    expect(html).toContain('<a href="?answer=declined&amp;lang=en"');
    const substitute = renderRsvpPage({ ...view, proposed: 'delegated' });
    expect(substitute).toContain('Vui lòng nhập thông tin người đi thay ở mục “Cử người đi thay” dưới đây.');
    expect(substitute).toContain('<section class="card proposed" id="substitute">');
  });

  it('shows substitute form problems next to the fields, keeping what was typed', () => {
    const html = renderRsvpPage({
      ...view,
      substituteErrors: { substituteName: 'required', substituteEmail: 'invalid_email' },
      substituteValues: { substituteName: '', substituteTitle: 'Chuyên viên', substituteEmail: 'hoa@' },
    });
    expect(html).toContain('<div class="notice error" role="alert">Chưa gửi được: vui lòng kiểm tra các mục được đánh dấu.</div>');
    expect(html).toContain('aria-invalid="true" aria-describedby="sub-substituteName-error"');
    expect(html).toContain('<p class="field-error" id="sub-substituteName-error">Vui lòng nhập mục này.</p>');
    expect(html).toContain('<p class="field-error" id="sub-substituteEmail-error">Địa chỉ e-mail không hợp lệ.</p>');
    expect(html).toContain('value="Chuyên viên"');
    expect(html).toContain('value="hoa@"');
    expect(renderRsvpPage({ ...view, substituteErrors: { substituteEmail: 'already_invited' } })).toContain('Người này đã có trong danh sách mời.');
  });

  it('reports a failed or invalid answer without technical details', () => {
    expect(renderRsvpPage({ ...view, result: { kind: 'error', reason: 'invalid_answer' } })).toContain('Câu trả lời không hợp lệ; vui lòng chọn lại.');
    const failed = renderRsvpPage({ ...view, result: { kind: 'error', reason: 'failed' } });
    expect(failed).toContain('<div class="notice error" role="alert">Chưa ghi nhận được do lỗi hệ thống. Vui lòng thử lại sau ít phút.</div>');
    expect(failed).not.toMatch(/stack|Exception|at \w+ \(/);
  });

  it('closes the forms once the event has started, or when it is cancelled', () => {
    const closed = renderRsvpPage({ ...view, closed: true, participant: { ...view.participant, status: 'accepted' } });
    expect(closed).toContain('Đã hết thời hạn trả lời: hội nghị đã bắt đầu.');
    expect(closed).not.toContain('<form');
    expect(visible(closed)).toContain('Trả lời hiện tại Xác nhận tham dự');
    const late = renderRsvpPage({ ...view, closed: true, result: { kind: 'error', reason: 'closed' } });
    expect(late.match(/Đã hết thời hạn trả lời/g)).toHaveLength(1);
    const cancelled = renderRsvpPage({ ...view, cancelled: true });
    expect(cancelled).toContain('Thông báo: hội nghị này đã bị hủy.');
    expect(cancelled).not.toContain('<form');
    expect(renderRsvpPage({ ...view, participant: { ...view.participant, status: 'removed' } })).not.toContain('<form');
  });

  it('escapes a <script> in the title and every other value', () => {
    const evil = '<script>alert("x")</script>';
    const html = renderRsvpPage({
      ...view,
      action: '/rsvp/"><script>',
      participant: { name: evil, title: evil, role: 'guest', status: 'delegated', substituteEmail: evil },
      event: { ...event, title: evil, venueName: evil, hostName: evil, description: evil, organizerContact: { name: evil, email: evil }, agenda: [{ title: evil, type: 'other', speaker: evil }] },
      bridgePoint: { name: evil, address: evil },
      icsUrl: '"><script>',
      substituteValues: { substituteName: evil, substituteTitle: evil, substituteEmail: evil },
      substituteErrors: { substituteName: 'too_long' },
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h1>');
    expectBalanced(html);
  });

  it('has an English variant', () => {
    const html = renderRsvpPage({ ...view, locale: 'en', result: { kind: 'saved', answer: 'accepted' } });
    const text = visible(html);
    expect(html.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(html).toContain('action="/rsvp/tok123?lang=en"');
    expect(html).toContain('<a href="?lang=vi" hreflang="vi" lang="vi">Tiếng Việt</a>');
    expect(text).toContain('Recorded: you will attend. Thank you!');
    expect(text).toContain('Time 14:00 – 17:00, Friday 10/04/2015');
    expect(text).toContain('Your current reply No reply yet');
    for (const label of ['Accept', 'Decline', 'Tentative', 'Send a substitute', 'Full name', 'E-mail address']) expect(text).toContain(label);
    expect(text).not.toMatch(/Trả lời hiện tại|Xác nhận tham dự|Họ và tên|thứ Sáu/);
  });
});
