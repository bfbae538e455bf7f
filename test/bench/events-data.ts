import { rng } from './harness';
/**
 * Deterministic data for the events benchmark: an administrative tree of four provinces (each with
 * a Sở TT&TT, departments, districts and communes) and 20,000 events with 1–3 sessions spread over
 * 2008–2027 and over every organization of the tree, with Vietnamese titles and halls.
 */

export interface BenchOrganization {
  code: string;
  name: string;
  shortName: string;
  kind: 'province' | 'department' | 'district' | 'commune';
  level: 'province' | 'district' | 'commune';
  parentCode?: string;
}

export interface BenchEvent {
  hostCode: string;
  kind: 'conference' | 'training_class';
  format: 'in_person' | 'online' | 'hybrid';
  status: 'draft' | 'scheduled' | 'in_progress' | 'completed' | 'cancelled';
  title: string;
  venueName: string | null;
  sessions: { startsAt: Date; endsAt: Date }[];
}

const PROVINCES = ['Hà Giang', 'Lào Cai', 'Quảng Ngãi', 'Thái Nguyên'];
const DEPARTMENTS = [
  ['STTTT', 'Sở Thông tin và Truyền thông', 'Sở TT&TT'],
  ['SNV', 'Sở Nội vụ', 'Sở Nội vụ'],
  ['STC', 'Sở Tài chính', 'Sở Tài chính'],
  ['SKHDT', 'Sở Kế hoạch và Đầu tư', 'Sở KH&ĐT'],
  ['SKHCN', 'Sở Khoa học và Công nghệ', 'Sở KH&CN'],
  ['STP', 'Sở Tư pháp', 'Sở Tư pháp'],
  ['SCT', 'Sở Công Thương', 'Sở Công Thương'],
  ['SNNPTNT', 'Sở Nông nghiệp và Phát triển nông thôn', 'Sở NN&PTNT'],
  ['SGTVT', 'Sở Giao thông vận tải', 'Sở GTVT'],
  ['SXD', 'Sở Xây dựng', 'Sở Xây dựng'],
  ['STNMT', 'Sở Tài nguyên và Môi trường', 'Sở TN&MT'],
  ['SYT', 'Sở Y tế', 'Sở Y tế'],
  ['SGDDT', 'Sở Giáo dục và Đào tạo', 'Sở GD&ĐT'],
  ['VPUBND', 'Văn phòng UBND tỉnh', 'VP UBND tỉnh'],
] as const;
const DISTRICTS = 10;
const COMMUNES = 5;

/** 4 × (1 province + 14 departments + 10 districts × (1 + 5 communes)) = 300 organizations. */
export function generateTree(): BenchOrganization[] {
  const out: BenchOrganization[] = [];
  PROVINCES.forEach((p, i) => {
    const pc = `BP${i + 1}`;
    out.push({ code: pc, name: `UBND tỉnh ${p}`, shortName: p, kind: 'province', level: 'province' });
    for (const [abbr, name, short] of DEPARTMENTS) out.push({ code: `${pc}.${abbr}`, name: `${name} tỉnh ${p}`, shortName: `${short} ${p}`, kind: 'department', level: 'province', parentCode: pc });
    for (let d = 1; d <= DISTRICTS; d++) {
      const dc = `${pc}.H${d}`;
      out.push({ code: dc, name: `UBND huyện ${d} tỉnh ${p}`, shortName: `Huyện ${d}`, kind: 'district', level: 'district', parentCode: pc });
      for (let x = 1; x <= COMMUNES; x++) out.push({ code: `${dc}.X${x}`, name: `UBND xã ${x} huyện ${d} tỉnh ${p}`, shortName: `Xã ${x}`, kind: 'commune', level: 'commune', parentCode: dc });
    }
  });
  return out;
}


const ROMAN = ['I', 'II', 'III', 'IV'];
const CONFERENCES: ((y: number, q: number) => string)[] = [
  (y, q) => `Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT Quý ${ROMAN[q]}/${y}, phương hướng nhiệm vụ Quý ${ROMAN[(q + 1) % 4]}`,
  (y) => `Hội nghị triển khai Kế hoạch ứng dụng CNTT trong cơ quan nhà nước năm ${y}`,
  (y) => `Hội nghị sơ kết 6 tháng đầu năm ${y} công tác ứng dụng và phát triển CNTT`,
  (y) => `Hội nghị tổng kết công tác thông tin và truyền thông năm ${y}`,
  () => 'Hội thảo ứng dụng chữ ký số và văn bản điện tử',
  () => 'Hội nghị Ban Chỉ đạo ứng dụng và phát triển CNTT',
];
const TRAININGS = [
  'Lớp tập huấn sử dụng hộp thư điện tử công vụ',
  'Lớp tập huấn an toàn thông tin cho cán bộ cấp xã',
  'Lớp tập huấn phần mềm quản lý văn bản và điều hành',
  'Lớp bồi dưỡng kỹ năng ứng dụng CNTT cho cán bộ lãnh đạo',
];
const HALLS = ['Hội trường lớn', 'Hội trường', 'Phòng họp số 1', 'Phòng họp số 2', 'Phòng họp trực tuyến'];

const HOUR = 3600_000;
const FIRST = Date.UTC(2008, 0, 1) - 7 * HOUR; // local midnight, 1/1/2008
const DAYS = 20 * 365;
const NOW = Date.now();

/** `n` events hosted across `orgs` (weighted: provinces and departments host more than communes). */
export function generateEvents(n: number, orgs: BenchOrganization[], seed = 20150410): BenchEvent[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const weight = { province: 6, department: 4, district: 2, commune: 1 } as const;
  const hosts = orgs.flatMap((o) => Array<BenchOrganization>(weight[o.kind]).fill(o));
  const out: BenchEvent[] = [];
  for (let i = 0; i < n; i++) {
    const host = pick(hosts);
    const day = FIRST + Math.floor(r() * DAYS) * 24 * HOUR; // local midnight
    const year = new Date(day + 7 * HOUR).getUTCFullYear();
    const training = r() < 0.2;
    const format = r() < 0.6 ? 'in_person' : r() < 0.6 ? 'online' : 'hybrid';
    const afternoon = r() < 0.35;
    const at = (d: number, h: number, m = 0) => new Date(day + d * 24 * HOUR + h * HOUR + m * 60_000);
    const shape = r();
    const sessions =
      shape < 0.75
        ? [afternoon ? { startsAt: at(0, 14), endsAt: at(0, 17) } : { startsAt: at(0, 7, 30), endsAt: at(0, 11, 30) }]
        : shape < 0.9
          ? [{ startsAt: at(0, 7, 30), endsAt: at(0, 11, 30) }, { startsAt: at(0, 13, 30), endsAt: at(0, 17) }]
          : [{ startsAt: at(0, 7, 30), endsAt: at(0, 17) }, { startsAt: at(1, 7, 30), endsAt: at(1, 17) }];
    const past = sessions[sessions.length - 1].endsAt.getTime() < NOW;
    const s = r();
    const status = past ? (s < 0.94 ? 'completed' : 'cancelled') : s < 0.6 ? 'scheduled' : s < 0.95 ? 'draft' : 'cancelled';
    out.push({
      hostCode: host.code,
      kind: training ? 'training_class' : 'conference',
      format,
      status,
      title: `${training ? pick(TRAININGS) : pick(CONFERENCES)(year, Math.floor(r() * 4))} – ${host.shortName}`,
      venueName: format === 'online' && r() < 0.5 ? null : `${pick(HALLS)} ${host.name.replace(/^UBND /, '')}`,
      sessions,
    });
  }
  return out;
}
