import { rng } from './harness';
/**
 * Deterministic, realistic Vietnamese officials for the import benchmark: names with diacritics
 * built from họ / tên đệm / tên lists, titles (some with commas, so quoted in CSV), phones,
 * leaders, and unique lower-case e-mails.
 */

export interface BenchPerson {
  fullName: string;
  title: string | null;
  email: string;
  phone: string | null;
  isLeader: boolean;
}

const HO = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Trịnh', 'Lương', 'Mai'];
const DEM_NAM = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quốc', 'Thanh', 'Xuân', 'Công', 'Đình', 'Gia', 'Bảo', 'Mạnh', 'Trọng', 'Tuấn'];
const DEM_NU = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Thùy', 'Kim', 'Hồng', 'Phương', 'Diệu', 'Bích', 'Mỹ', 'Hoài', 'Khánh'];
const TEN_NAM = ['An', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Giang', 'Hải', 'Hiếu', 'Hòa', 'Hùng', 'Huy', 'Khánh', 'Khoa', 'Long', 'Minh', 'Nam', 'Nghĩa', 'Phúc', 'Quân', 'Quang', 'Sơn', 'Thắng', 'Thành', 'Trung', 'Tú', 'Tuấn', 'Việt', 'Vinh'];
const TEN_NU = ['Anh', 'Chi', 'Dung', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hoa', 'Hương', 'Huyền', 'Lan', 'Linh', 'Loan', 'Mai', 'Nga', 'Ngân', 'Ngọc', 'Nhung', 'Oanh', 'Phương', 'Quỳnh', 'Tâm', 'Thảo', 'Thủy', 'Trang', 'Uyên', 'Vân', 'Yến'];

const TITLES: { title: string | null; leader: boolean; weight: number }[] = [
  { title: 'Chuyên viên', leader: false, weight: 30 },
  { title: 'Chuyên viên chính', leader: false, weight: 12 },
  { title: 'Cán bộ phụ trách công nghệ thông tin', leader: false, weight: 8 },
  { title: 'Kế toán viên', leader: false, weight: 4 },
  { title: 'Thanh tra viên', leader: false, weight: 3 },
  { title: null, leader: false, weight: 6 },
  { title: 'Trưởng phòng Công nghệ thông tin', leader: true, weight: 5 },
  { title: 'Phó Trưởng phòng Bưu chính, Viễn thông', leader: true, weight: 5 },
  { title: 'Chánh Văn phòng', leader: true, weight: 2 },
  { title: 'Phó Giám đốc Sở Thông tin và Truyền thông', leader: true, weight: 2 },
  { title: 'Giám đốc Trung tâm Công nghệ thông tin và Truyền thông', leader: true, weight: 1 },
  { title: 'Phó Chủ tịch UBND tỉnh – Trưởng Ban Chỉ đạo CNTT', leader: true, weight: 1 },
  { title: 'Chủ tịch UBND xã, phụ trách chuyển đổi số', leader: true, weight: 2 },
];
const TITLE_TOTAL = TITLES.reduce((s, t) => s + t.weight, 0);
const PHONE_PREFIXES = ['091', '094', '088', '098', '097', '086', '032', '033', '035', '039', '070', '077', '081', '083'];


const ascii = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** `n` people; `tag` goes into every e-mail so separate sets never collide. */
export function generatePeople(n: number, tag: string, seed = 20240501): BenchPerson[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const out: BenchPerson[] = [];
  for (let i = 0; i < n; i++) {
    const female = r() < 0.48;
    const ho = pick(HO);
    const dem = pick(female ? DEM_NU : DEM_NAM);
    const ten = pick(female ? TEN_NU : TEN_NAM);
    // About one in eight has two middle names, e.g. "Nguyễn Thị Minh Khai".
    const dem2 = r() < 0.125 ? ` ${pick(female ? DEM_NU : DEM_NAM)}` : '';
    let w = r() * TITLE_TOTAL;
    const t = TITLES.find((x) => (w -= x.weight) < 0) ?? TITLES[0];
    const phone =
      r() < 0.1 ? null : r() < 0.2 ? `+84 ${pick(PHONE_PREFIXES).slice(1)} ${num(r, 3)} ${num(r, 3)}` : `${pick(PHONE_PREFIXES)}${num(r, 1)} ${num(r, 3)} ${num(r, 3)}`;
    const initials = [ho, ...dem.split(' '), ...dem2.trim().split(' ').filter(Boolean)].map((x) => ascii(x)[0]).join('');
    out.push({
      fullName: `${ho} ${dem}${dem2} ${ten}`,
      title: t.title,
      email: `${ascii(ten)}${initials}.${tag}${String(i + 1).padStart(5, '0')}@hagiang.gov.vn`,
      phone,
      isLeader: t.leader,
    });
  }
  return out;
}

function num(r: () => number, digits: number): string {
  let s = '';
  for (let i = 0; i < digits; i++) s += Math.floor(r() * 10);
  return s;
}

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The CSV a user would upload, with the Vietnamese headers. */
export function toCsv(people: BenchPerson[], organizationCode: string): string {
  const lines = ['Họ và tên,Chức vụ,Mã đơn vị,Email,Điện thoại,Lãnh đạo'];
  for (const p of people) {
    lines.push([p.fullName, p.title ?? '', organizationCode, p.email, p.phone ?? '', p.isLeader ? 'có' : 'không'].map(csvField).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}
