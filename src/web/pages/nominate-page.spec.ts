import type { EventView } from '../../invitations/content/mail-content';
import { ViewRenderer } from '../view-renderer';
import { renderNominatePage as render, type NominatePageView } from './nominate-page';
import { expectBalanced, visible } from '../../../test/support/html';

/** Seed 000: leaders of the 11 districts and city invited; each district names its attendees. */
const event: EventView = {
  title: 'Hội nghị tập huấn CNTT cho lãnh đạo phụ trách CNTT',
  kind: 'conference',
  format: 'hybrid',
  sessions: [
    { startsAt: new Date('2013-12-02T01:00:00Z'), endsAt: new Date('2013-12-02T10:00:00Z'), title: 'Ngày 1' },
    { startsAt: new Date('2013-12-03T01:00:00Z'), endsAt: new Date('2013-12-03T10:00:00Z'), title: 'Ngày 2' },
  ],
  venueName: 'Hội trường lớn UBND tỉnh',
  onlineUrl: 'https://meet.hagiang.gov.vn/taphuan-2013',
  hostName: 'Sở Thông tin và Truyền thông tỉnh Hà Giang',
  organizerContact: { name: 'Hoàng Thị Lan', email: 'lan.ht@hagiang.gov.vn' },
};

const views = new ViewRenderer();
const renderNominatePage = (v: NominatePageView) => render(views, v);

const view: NominatePageView = {
  locale: 'vi',
  action: '/nominate/agtok',
  agency: { name: 'UBND huyện Đồng Văn' },
  contact: { name: 'Vàng Seo Dìn', title: 'Chánh Văn phòng HĐND và UBND huyện' },
  event,
  quota: 3,
  nominees: [{ fullName: 'Lò Văn Minh', title: 'Phó Chủ tịch UBND huyện', email: 'minh.lv@dongvan.hagiang.gov.vn', status: 'accepted' }],
  deadline: new Date('2013-11-29T10:00:00Z'),
};

describe('nomination page', () => {
  const html = renderNominatePage(view);
  const text = visible(html);

  it('is a complete Vietnamese HTML5 document without scripts', () => {
    expect(html.startsWith('<!doctype html>\n<html lang="vi">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Đăng ký người tham dự: Hội nghị tập huấn CNTT cho lãnh đạo phụ trách CNTT – Hệ thống quản lý hội nghị</title>');
    expect(html).not.toMatch(/<script|<link|src=/i);
    expect(html).toContain('<a href="?lang=en" hreflang="en" lang="en">English</a>');
    expectBalanced(html);
  });

  it('names the agency, the quota, the deadline and the sessions in Hà Nội time', () => {
    expect(text).toContain('Kính gửi đồng chí Vàng Seo Dìn – Chánh Văn phòng HĐND và UBND huyện,');
    expect(text).toContain('Sở Thông tin và Truyền thông tỉnh Hà Giang đề nghị UBND huyện Đồng Văn cử người tham dự hội nghị dưới đây.');
    expect(text).toContain('Ngày 1: 08:00 – 17:00, thứ Hai, ngày 02/12/2013');
    expect(text).toContain('Ngày 2: 08:00 – 17:00, thứ Ba, ngày 03/12/2013');
    expect(text).toContain('Đơn vị được mời UBND huyện Đồng Văn');
    expect(text).toContain('Số lượng tối đa 3 người');
    expect(text).toContain('Hạn đăng ký 17:00, thứ Sáu, ngày 29/11/2013');
    expect(html).toContain('<a href="https://meet.hagiang.gov.vn/taphuan-2013" rel="noopener noreferrer">');
  });

  it('lists the seats already nominated and the remaining quota', () => {
    expect(text).toContain('Đã đăng ký 1/3 người.');
    expect(text).toContain('Còn có thể đăng ký thêm 2 người.');
    expect(text).toContain('STT Họ và tên Chức vụ Địa chỉ e-mail Trạng thái');
    expect(text).toContain('1 Lò Văn Minh Phó Chủ tịch UBND huyện minh.lv@dongvan.hagiang.gov.vn Xác nhận tham dự');
  });

  it('posts one nominee (fullName, title, email) to its own path', () => {
    expect(html).toContain('<form method="post" action="/nominate/agtok?lang=vi#add" enctype="application/x-www-form-urlencoded">');
    expect(html).toMatch(/<input type="text" id="nominee-fullName" name="fullName" value="" required maxlength="200"/);
    expect(html).toMatch(/<input type="text" id="nominee-title" name="title" value="" maxlength="300"/);
    expect(html).toMatch(/<input type="email" id="nominee-email" name="email" value="" required maxlength="254"/);
    expect(html).toContain('<button type="submit">Đăng ký</button>');
  });

  it('confirms a nominee: "Đã ghi nhận …"', () => {
    const saved = renderNominatePage({
      ...view,
      nominees: [...view.nominees, { fullName: 'Sùng Mí Chứ', email: 'chu.sm@dongvan.hagiang.gov.vn', status: 'pending' }],
      result: { kind: 'saved', nominee: { fullName: 'Sùng Mí Chứ', email: 'chu.sm@dongvan.hagiang.gov.vn' } },
    });
    expect(saved).toContain('<div class="notice success" role="status">Đã ghi nhận: đồng chí Sùng Mí Chứ được đăng ký tham dự. Giấy mời sẽ được gửi tới chu.sm@dongvan.hagiang.gov.vn.</div>');
    expect(visible(saved)).toContain('Đã đăng ký 2/3 người.');
    expect(visible(saved)).toContain('2 Sùng Mí Chứ chu.sm@dongvan.hagiang.gov.vn Chưa trả lời');
  });

  it('hides the form once the quota is reached', () => {
    const full = renderNominatePage({ ...view, quota: 1 });
    expect(full).toContain('Đơn vị đã đăng ký đủ số lượng. Xin cảm ơn!');
    expect(full).not.toContain('<form');
    expect(full).not.toContain('Còn có thể đăng ký thêm');
    const over = renderNominatePage({ ...view, quota: 1, result: { kind: 'error', reason: 'quota_full' } });
    expect(over).toContain('<div class="notice error" role="alert">Đơn vị đã đăng ký đủ 1 người; không thể đăng ký thêm.</div>');
  });

  it('shows field problems and keeps what was typed', () => {
    const html = renderNominatePage({ ...view, errors: { email: 'invalid_email', fullName: 'required' }, values: { fullName: '', title: 'Chuyên viên', email: 'x@' } });
    expect(html).toContain('Chưa gửi được: vui lòng kiểm tra các mục được đánh dấu.');
    expect(html).toContain('<p class="field-error" id="nominee-email-error">Địa chỉ e-mail không hợp lệ.</p>');
    expect(html).toContain('<p class="field-error" id="nominee-fullName-error">Vui lòng nhập mục này.</p>');
    expect(html).toContain('value="x@"');
  });

  it('has closed, cancelled, failed and empty states', () => {
    const closed = renderNominatePage({ ...view, closed: true });
    expect(closed).toContain('Đã hết thời hạn đăng ký.');
    expect(closed).not.toContain('<form');
    expect(renderNominatePage({ ...view, cancelled: true })).toContain('Thông báo: hội nghị này đã bị hủy.');
    expect(renderNominatePage({ ...view, result: { kind: 'error', reason: 'failed' } })).toContain('Chưa ghi nhận được do lỗi hệ thống.');
    expect(renderNominatePage({ ...view, nominees: [] })).toContain('Chưa có người nào được đăng ký.');
  });

  it('escapes a <script> in the title and every other value', () => {
    const evil = '<script>alert(1)</script>';
    const html = renderNominatePage({
      ...view,
      action: '/nominate/"><script>',
      agency: { name: evil },
      contact: { name: evil, title: evil },
      event: { ...event, title: evil, venueName: evil, hostName: evil, onlineUrl: 'javascript:alert(1)', organizerContact: { name: evil, email: evil }, agenda: [{ title: evil, type: 'report', speaker: evil }] },
      nominees: [{ fullName: evil, title: evil, email: evil }],
      values: { fullName: evil, title: evil, email: evil },
    });
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expectBalanced(html);
  });

  it('has an English variant', () => {
    const text = visible(renderNominatePage({ ...view, locale: 'en' }));
    expect(text).toContain('Sở Thông tin và Truyền thông tỉnh Hà Giang asks UBND huyện Đồng Văn to nominate attendees for the conference below.');
    expect(text).toContain('1 of 3 seats nominated.');
    expect(text).toContain('2 more can be nominated.');
    expect(text).toContain('Ngày 1: 08:00 – 17:00, Monday 02/12/2013');
    expect(text).toContain('Nominate by 17:00, Friday 29/11/2013');
    expect(text).not.toMatch(/Đã đăng ký|Họ và tên|thứ Hai/);
  });
});
