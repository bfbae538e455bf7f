/**
 * Demo events: the conferences of the five source articles (shared/seeds/), plus two upcoming
 * events so a new user has something to invite people to.
 *
 *   seed 000  Hà Giang, hội nghị tập huấn 2–3/12/2013 (two sessions, one per day)
 *   seed 001  Quảng Ngãi, Hội nghị triển khai … giai đoạn 2013-2015: a campaign for the 14
 *             district-level units, held in 9 of them by the article's date (28/01/2013)
 *   seed 002  Thái Nguyên, plan launch 28/05/2008
 *   seed 003  Lào Cai, online 7-month review 5/8/2015
 *   seed 004  Hà Giang, online Q1 review 10/4/2015, with the tasks its conclusion assigned
 *
 * - Titles, dates, halls, chairs, speakers, periods and conclusions are the articles' own words
 *   where the article gives them. What an article does not give is invented and marked so:
 *   clock times (only "sáng"/"chiều" are written), the Quảng Ngãi conference dates and which 9
 *   districts held one, the halls of seeds 001 and 002, and the two upcoming events.
 * - Times are Hà Nội time written without an offset, as users type them.
 * - People are named by their demo e-mail (demo-data.ts), organizations by their code.
 */
import type { AgendaType } from '../events/agenda/agenda-item.entity';
import type { EventFormat, EventKind } from '../events/event.entity';
import type { Period } from '../events/period';
import { DEMO_ORGANIZATIONS } from './demo-data';

export interface DemoSession {
  startsAt: string;
  endsAt: string;
  title?: string;
}

export interface DemoAgendaItem {
  startsAt?: string;
  title: string;
  type: AgendaType;
  /** A speaker from the directory (demo e-mail) … */
  speakerEmail?: string;
  /** … or one the article names only by office. */
  speakerName?: string;
}

export interface DemoTask {
  title: string;
  description?: string;
  assigneeCode: string;
  dueDate?: string;
  /** As the conclusion words it; the due date is its last day ("Quý II/2015" → 2015-06-30). */
  duePeriod?: string;
}

export interface DemoEvent {
  /** A stable handle for other seeds (invitations) and tests; not stored. */
  key: string;
  kind: EventKind;
  title: string;
  description?: string;
  format: EventFormat;
  hostCode: string;
  coOrganizerCodes?: string[];
  venueName?: string;
  venueAddress?: string;
  onlineUrl?: string;
  chairEmail?: string;
  publicSummary?: string;
  sessions: DemoSession[];
  period?: Period;
  /** Past events are completed; upcoming ones published (scheduled). */
  status: 'completed' | 'scheduled';
  conclusion?: string;
  agenda: DemoAgendaItem[];
  tasks?: DemoTask[];
  campaign?: { key: string; targetCode: string };
}

export interface DemoCampaign {
  key: string;
  title: string;
  description: string;
  hostCode: string;
  year: number;
  targetCodes: string[];
}

const SON = 'nvson.ubnd@hagiang.example.gov.vn';
const LAI = 'tdlai@mic.example.gov.vn';
const DIEN = 'lddien.ttcntt@hagiang.example.gov.vn';
const TRUONG = 'tttruong.stttt@quangngai.example.gov.vn';
const HUNG = 'nmhung.stttt@quangngai.example.gov.vn';
const DUONG = 'pxduong.ubnd@thainguyen.example.gov.vn';
const THANH_TN = 'vqthanh.stttt@thainguyen.example.gov.vn';
const THANH_LC = 'dxthanh.ubnd@laocai.example.gov.vn';

const HG_HALL_STTTT = 'Hội trường Sở Thông tin và Truyền thông tỉnh Hà Giang';
const HG_BRIDGE_POINTS =
  'Điểm cầu chính tại Hội trường Sở Thông tin và Truyền thông; các điểm cầu tại UBND 11 huyện, thành phố: thành phố Hà Giang, Đồng Văn, Mèo Vạc, Yên Minh, Quản Bạ, Vị Xuyên, Bắc Mê, Hoàng Su Phì, Xín Mần, Bắc Quang, Quang Bình.';

// ---- seed 001: Quảng Ngãi's campaign --------------------------------------------------------

const QN_DISTRICTS = ['522', '524', '525', '526', '527', '528', '529', '530', '531', '532', '533', '534', '535', '536'];
/** Invented: the article says only "9/14 huyện, thành phố" by 28/01/2013, not which or when. */
const QN_HELD: [code: string, day: string][] = [
  ['522', '2013-01-07'],
  ['524', '2013-01-09'],
  ['527', '2013-01-11'],
  ['528', '2013-01-14'],
  ['532', '2013-01-16'],
  ['533', '2013-01-18'],
  ['534', '2013-01-21'],
  ['525', '2013-01-23'],
  ['529', '2013-01-25'],
];
const QN_TITLE = 'Hội nghị triển khai công tác ứng dụng và phát triển CNTT giai đoạn 2013-2015';

export const DEMO_CAMPAIGNS: DemoCampaign[] = [
  {
    key: 'qn-trien-khai-2013-2015',
    title: `${QN_TITLE} tại các huyện, thành phố`,
    description:
      'Sở Thông tin và Truyền thông xây dựng kế hoạch và phối hợp với các địa phương tổ chức các Hội nghị triển khai công tác ứng dụng và phát triển CNTT giai đoạn 2013-2015 tại từng huyện, thành phố; đến 28/01/2013 đã triển khai tại 9/14 huyện, thành phố trên địa bàn tỉnh.',
    hostCode: '51.STTTT',
    year: 2013,
    targetCodes: QN_DISTRICTS,
  },
];

/** "UBND huyện Bình Sơn" → "huyện Bình Sơn". */
const place = (code: string) => DEMO_ORGANIZATIONS.find((o) => o.code === code)!.name.replace(/^UBND /, '');

const qnEvents: DemoEvent[] = QN_HELD.map(([code, day]) => ({
  key: `qn-trien-khai-${code}`,
  kind: 'conference',
  title: `${QN_TITLE} tại ${place(code)}`,
  description: `Sở Thông tin và Truyền thông phối hợp với UBND ${place(code)} tổ chức. Tham dự: đại diện thường trực Huyện ủy, HĐND, lãnh đạo UBND, cán bộ đầu ngành, chủ chốt của các cơ quan chuyên môn và cấp xã.`,
  format: 'in_person',
  hostCode: '51.STTTT',
  coOrganizerCodes: [code],
  venueName: `Hội trường UBND ${place(code)}`, // invented
  sessions: [{ startsAt: `${day}T07:30`, endsAt: `${day}T11:30` }],
  status: 'completed',
  campaign: { key: 'qn-trien-khai-2013-2015', targetCode: code },
  agenda: [
    { startsAt: `${day}T07:30`, title: 'Phát biểu khai mạc', type: 'opening_speech', speakerName: `Lãnh đạo UBND ${place(code)}` },
    {
      startsAt: `${day}T07:45`,
      title: 'Triển khai kế hoạch ứng dụng và phát triển CNTT giai đoạn 2013-2015; quán triệt Chỉ thị số 15/CT-TTg ngày 22/5/2012 của Thủ tướng Chính phủ về tăng cường sử dụng văn bản điện tử',
      type: 'report',
      speakerEmail: TRUONG,
    },
    { startsAt: `${day}T08:45`, title: 'Phát biểu định hướng', type: 'other', speakerEmail: HUNG },
    { startsAt: `${day}T09:15`, title: 'Trao đổi, thảo luận về những tồn tại, khó khăn, vướng mắc trong triển khai ứng dụng và phát triển CNTT tại địa phương', type: 'discussion' },
    { startsAt: `${day}T10:45`, title: 'Chỉ đạo của lãnh đạo địa phương, kết luận hội nghị', type: 'conclusion', speakerName: `Lãnh đạo UBND ${place(code)}` },
  ],
  conclusion:
    'Lãnh đạo địa phương chỉ đạo quyết liệt, cụ thể và kịp thời để tháo gỡ các khó khăn, vướng mắc trong triển khai công tác ứng dụng và phát triển CNTT; thể hiện quyết tâm của địa phương trong xây dựng kế hoạch thực hiện và bố trí kinh phí đầu tư cho giai đoạn 2013-2015.',
}));

// ---- the five articles, then what is coming ---------------------------------------------------

/** The articles' events, on their real dates. */
const HISTORICAL_DEMO_EVENTS: DemoEvent[] = [
  // seed 000
  {
    key: 'hg-tap-huan-2013',
    kind: 'training_class',
    title: 'Hội nghị cán bộ lãnh đạo quản lý công nghệ thông tin tỉnh Hà Giang năm 2013',
    description:
      'Hội nghị tập huấn cán bộ lãnh đạo quản lý Công nghệ thông tin tỉnh Hà Giang năm 2013, trong 2 ngày 2–3/12/2013. Dự khai mạc: đồng chí Trần Đức Lai – Thứ trưởng Bộ Thông tin và Truyền thông; đồng chí Tạ Quang Nghĩa – Phó Cục trưởng Cục Ứng dụng CNTT Bộ TTTT; đồng chí Lý Thị Hơn – Ủy viên TTr HĐND tỉnh; lãnh đạo các Sở, Ban, Ngành của tỉnh; lãnh đạo UBND 11 huyện, thành phố.',
    format: 'in_person',
    hostCode: '02',
    venueName: 'Hội trường lớn UBND tỉnh Hà Giang',
    chairEmail: SON,
    publicSummary:
      'Năm 2013 Hà Giang xếp thứ 38 toàn quốc về ứng dụng CNTT; Trung tâm tích hợp dữ liệu kết nối 73 điểm liên thông; mở được 11 lớp tập huấn CNTT cho trên 400 cán bộ, công chức, viên chức; đang tích hợp 34 trang thông tin điện tử thành phần.',
    sessions: [
      { startsAt: '2013-12-02T07:30', endsAt: '2013-12-02T17:00', title: 'Ngày 1' },
      { startsAt: '2013-12-03T07:30', endsAt: '2013-12-03T17:00', title: 'Ngày 2' },
    ],
    period: { year: 2013 },
    status: 'completed',
    agenda: [
      { startsAt: '2013-12-02T07:30', title: 'Phát biểu khai mạc hội nghị', type: 'opening_speech', speakerEmail: SON },
      { startsAt: '2013-12-02T08:00', title: 'Phát biểu của Thứ trưởng Bộ Thông tin và Truyền thông', type: 'other', speakerEmail: LAI },
      { startsAt: '2013-12-02T13:30', title: 'Kiến thức cơ bản về công nghệ thông tin trong quản lý, điều hành công việc', type: 'presentation' },
      { startsAt: '2013-12-03T07:30', title: 'Vị trí, vai trò của người lãnh đạo trong triển khai ứng dụng CNTT', type: 'presentation' },
      { startsAt: '2013-12-03T13:30', title: 'Trao đổi, chia sẻ kinh nghiệm triển khai ứng dụng CNTT; góp ý cho Bộ TTTT', type: 'discussion' },
      { startsAt: '2013-12-03T16:00', title: 'Bế mạc hội nghị', type: 'conclusion' },
    ],
    conclusion:
      'Trong thời gian 2 ngày, học viên được trang bị các kiến thức cơ bản về công nghệ thông tin trong việc quản lý, điều hành công việc; hội nghị nâng cao năng lực của cán bộ lãnh đạo CNTT, đáp ứng yêu cầu ứng dụng, phát triển CNTT trong nền hành chính hiện đại. Thứ trưởng Bộ TTTT đề nghị công tác đào tạo, bồi dưỡng lãnh đạo CNTT và đào tạo nâng cao trình độ CNTT cho cán bộ, công chức, viên chức nhận được sự quan tâm, chỉ đạo sâu sát của Lãnh đạo tỉnh.',
  },
  // seed 001
  ...qnEvents,
  // seed 002
  {
    key: 'tn-ke-hoach-2008',
    kind: 'conference',
    title: 'Hội nghị Triển khai Kế hoạch ứng dụng CNTT trong cơ quan nhà nước tỉnh Thái Nguyên năm 2008',
    description:
      'Thực hiện chỉ đạo của UBND tỉnh, Sở Thông tin và Truyền thông tỉnh Thái Nguyên phối hợp với các sở, ban, ngành liên quan tổ chức. Tới dự và chỉ đạo: đồng chí Phạm Xuân Đương, Phó Bí thư Tỉnh uỷ, Chủ tịch UBND tỉnh; Lãnh đạo các Sở Thông tin và Truyền thông, Nội vụ, Kế hoạch và Đầu tư, Tài chính, Khoa học và Công nghệ, Văn phòng UBND tỉnh.',
    format: 'in_person',
    hostCode: '19.STTTT',
    coOrganizerCodes: ['19.SNV', '19.SKHDT', '19.STC', '19.SKHCN', '19.VPUBND'],
    venueName: 'Hội trường UBND tỉnh Thái Nguyên', // invented: the article names no hall
    chairEmail: DUONG,
    publicSummary:
      'Mục tiêu đến hết 2008: 40% văn bản trao đổi giữa Lãnh đạo UBND tỉnh với các sở, ban, ngành trên môi trường mạng; tất cả cán bộ công chức có hộp thư điện tử; 50% cán bộ công chức ở các sở, ban, ngành, thành phố Thái Nguyên và thị xã Sông Công, 30% ở các huyện còn lại sử dụng thư điện tử cho công việc; 50% công tác quản lý văn bản và chỉ đạo điều hành tại Văn phòng các sở, ban, ngành, thành phố Thái Nguyên và 20% ở Văn phòng UBND các huyện, thị xã trên môi trường mạng.',
    sessions: [{ startsAt: '2008-05-28T08:00', endsAt: '2008-05-28T11:30' }],
    period: { year: 2008 },
    status: 'completed',
    agenda: [
      { startsAt: '2008-05-28T08:00', title: 'Phát biểu khai mạc Hội nghị', type: 'opening_speech', speakerEmail: THANH_TN },
      { startsAt: '2008-05-28T08:15', title: 'Trình bày tóm tắt Kế hoạch ứng dụng công nghệ thông tin trong cơ quan Nhà nước tỉnh Thái Nguyên năm 2008', type: 'report', speakerEmail: THANH_TN },
      { startsAt: '2008-05-28T09:00', title: 'Ý kiến của các sở, ban, ngành', type: 'discussion' },
      { startsAt: '2008-05-28T10:30', title: 'Phát biểu chỉ đạo và kết luận Hội nghị', type: 'conclusion', speakerEmail: DUONG },
    ],
    conclusion:
      'Ứng dụng công nghệ thông tin là nhiệm vụ hết sức quan trọng với tỉnh Thái Nguyên; Thủ trưởng các cơ quan, đơn vị phải coi ứng dụng công nghệ thông tin vào công tác quản lý, điều hành, cải cách hành chính là nhiệm vụ trọng tâm và trách nhiệm của đơn vị mình; cần đặc biệt coi trọng đào tạo, đào tạo lại nguồn nhân lực công nghệ thông tin, đặc biệt là đào tạo Lãnh đạo công nghệ thông tin cho tỉnh. Sở Thông tin và Truyền thông đề xuất với UBND tỉnh các dự án cần triển khai ngay trong năm 2008; Sở Kế hoạch và Đầu tư, Sở Tài chính cân đối nguồn ngân sách của tỉnh để bố trí thực hiện Kế hoạch hiệu quả, kịp thời, đúng tiến độ; các ngành có liên quan phối hợp chặt chẽ với Sở Thông tin và Truyền thông.',
    tasks: [
      { title: 'Đề xuất với UBND tỉnh các dự án ứng dụng công nghệ thông tin cần triển khai ngay trong năm 2008', assigneeCode: '19.STTTT', duePeriod: 'Năm 2008' },
      { title: 'Cân đối nguồn ngân sách của tỉnh để bố trí thực hiện Kế hoạch ứng dụng CNTT năm 2008', assigneeCode: '19.SKHDT', duePeriod: 'Năm 2008' },
      { title: 'Cân đối nguồn ngân sách của tỉnh để bố trí thực hiện Kế hoạch ứng dụng CNTT năm 2008', assigneeCode: '19.STC', duePeriod: 'Năm 2008' },
    ],
  },
  // seed 003
  {
    key: 'lc-7-thang-2015',
    kind: 'conference',
    title: 'Hội nghị trực tuyến đánh giá kết quả thực hiện nhiệm vụ ứng dụng và phát triển công nghệ thông tin 7 tháng, triển khai nhiệm vụ 5 tháng cuối năm 2015',
    description:
      'Ban Chỉ đạo ứng dụng và phát triển CNTT tỉnh đánh giá nhiệm vụ công tác 7 tháng năm 2015. Dự hội nghị: lãnh đạo các sở, ngành, thành viên Ban Chỉ đạo ứng dụng và phát triển công nghệ thông tin của tỉnh. Điểm cầu chính tại tỉnh; các điểm cầu tại 9 huyện, thành phố (thành phố Lào Cai, Bát Xát, Mường Khương, Si Ma Cai, Bắc Hà, Bảo Thắng, Bảo Yên, Sa Pa, Văn Bàn) với lãnh đạo các huyện, thành phố và thành viên ban chỉ đạo ứng dụng và phát triển CNTT các huyện, thành phố.',
    format: 'online',
    hostCode: '10',
    chairEmail: THANH_LC,
    publicSummary:
      'Công bố kết quả đánh giá, xếp hạng ứng dụng CNTT năm 2014 — lần đầu tiên tỉnh Lào Cai xếp hạng 22 sở, ban, ngành và 9 huyện, thành phố: 29% cơ quan đạt mức tốt, 39% đạt mức khá. Cáp quang đến 9/9 trung tâm huyện, thành phố và 99% xã, phường, thị trấn.',
    sessions: [{ startsAt: '2015-08-05T08:00', endsAt: '2015-08-05T11:30' }],
    period: { year: 2015, fromMonth: 1, toMonth: 7 },
    status: 'completed',
    agenda: [
      { startsAt: '2015-08-05T08:00', title: 'Phát biểu khai mạc', type: 'opening_speech', speakerEmail: THANH_LC },
      { startsAt: '2015-08-05T08:10', title: 'Báo cáo kết quả thực hiện nhiệm vụ ứng dụng và phát triển CNTT 7 tháng, triển khai nhiệm vụ 5 tháng cuối năm 2015', type: 'report' },
      { startsAt: '2015-08-05T08:40', title: 'Công bố kết quả đánh giá, xếp hạng mức độ ứng dụng CNTT trong các cơ quan nhà nước của tỉnh năm 2014', type: 'report' },
      { startsAt: '2015-08-05T09:00', title: 'Thông qua thông báo phân công nhiệm vụ cụ thể cho các thành viên Ban Chỉ đạo ứng dụng và phát triển CNTT tỉnh', type: 'other' },
      { startsAt: '2015-08-05T09:15', title: 'Thảo luận, đóng góp ý kiến của các đại biểu, thành viên Ban Chỉ đạo tại các điểm cầu', type: 'discussion' },
      { startsAt: '2015-08-05T11:00', title: 'Kết luận hội nghị', type: 'conclusion', speakerEmail: THANH_LC },
    ],
    conclusion:
      'Đồng chí Đặng Xuân Thanh, Phó Chủ tịch UBND tỉnh đánh giá cao kết quả ứng dụng và phát triển CNTT của các sở, ban, ngành, các huyện, thành phố; đề nghị các sở, ban, ngành, huyện, thành phố tiếp tục tham mưu thực hiện nghị quyết của Bộ Chính trị về đẩy mạnh ứng dụng, phát triển CNTT; Ban Chỉ đạo tỉnh, các huyện, thành phố tiếp tục kiện toàn, xây dựng, tổ chức thực hiện cơ chế chính sách thúc đẩy phát triển hạ tầng và ứng dụng CNTT, đảm bảo an toàn, an ninh thông tin; các ngành, địa phương đánh giá kết quả gắn ứng dụng CNTT với cải cách hành chính giai đoạn 2013 – 2015 và đề xuất xây dựng kế hoạch giai đoạn 2016 – 2020; duy trì hoạt động của các cổng thông tin điện tử.',
  },
  // seed 004
  {
    key: 'hg-quy-1-2015',
    kind: 'conference',
    title: 'Hội nghị trực tuyến đánh giá kết quả ứng dụng CNTT Quý I, phương hướng nhiệm vụ Quý II',
    description: `Ban chỉ đạo CNTT tỉnh Hà Giang tổ chức Hội nghị trực tuyến triển khai ứng dụng công nghệ thông tin năm 2015: đánh giá kết quả thực hiện nhiệm vụ của Ban chỉ đạo; kết quả thực hiện, triển khai ƯDCNTT tại các Sở, ban, ngành và UBND các huyện, thành phố; đề ra phương hướng, nhiệm vụ Quý II/2015. ${HG_BRIDGE_POINTS}`,
    format: 'online',
    hostCode: '02.STTTT',
    venueName: HG_HALL_STTTT,
    chairEmail: SON,
    publicSummary:
      'Quý I/2015: 930 trạm BTS (600 trạm 2G, 330 trạm 3G); 85% xã, phường, thị trấn có sóng 3G; phủ sóng điện thoại di động 98%; 7.392 hộp thư điện tử công vụ đã cấp; 100% huyện, thành phố có Ban chỉ đạo CNTT cấp huyện.',
    sessions: [{ startsAt: '2015-04-10T14:00', endsAt: '2015-04-10T17:00', title: 'Buổi chiều' }],
    period: { year: 2015, quarter: 1 },
    status: 'completed',
    agenda: [
      { startsAt: '2015-04-10T14:00', title: 'Khai mạc hội nghị', type: 'opening_speech', speakerEmail: SON },
      { startsAt: '2015-04-10T14:10', title: 'Báo cáo kết quả hoạt động của Ban chỉ đạo CNTT tỉnh Quý I/2015', type: 'report' },
      { startsAt: '2015-04-10T14:40', title: 'Báo cáo kết quả thực hiện, triển khai ứng dụng CNTT tại các Sở, ban, ngành và UBND các huyện, thành phố', type: 'report' },
      { startsAt: '2015-04-10T15:10', title: 'Thảo luận của các đại biểu tại các điểm cầu', type: 'discussion' },
      { startsAt: '2015-04-10T16:30', title: 'Phát biểu kết luận Hội nghị', type: 'conclusion', speakerEmail: SON },
    ],
    conclusion:
      'Đồng chí Nguyễn Văn Sơn, Phó Chủ tịch Thường trực UBND tỉnh – Trưởng Ban chỉ đạo CNTT tỉnh biểu dương sự nỗ lực cố gắng của các huyện và kết luận: các đơn vị xác định rõ vai trò trách nhiệm của người đứng đầu, bố trí cán bộ có chuyên môn phụ trách lĩnh vực CNTT; trong Quý II phải có báo cáo đánh giá chấm điểm theo các tiêu chí ứng dụng CNTT của từng đơn vị một cách toàn diện, kết quả là tiêu chí xét thi đua của lãnh đạo các đơn vị; Sở Thông tin và Truyền thông phối hợp với Sở Tài chính tham mưu phân bổ nguồn ngân sách nâng cấp hệ thống thư điện tử công vụ để từ ngày 01/5/2015 cán bộ công chức viên chức trong tỉnh sử dụng hộp thư điện tử công vụ để giao dịch trong công việc; chưa ban hành Chỉ thị tăng cường sử dụng văn bản điện tử và ứng dụng chữ ký số; tăng cường tập huấn chuyên môn cho cán bộ cấp huyện; trong quý II/2015 kết nối mạng WAN của các sở, ban ngành và các huyện; Sở Thông tin và Truyền thông đánh giá lại 2 phần mềm Quản lý văn bản M-Office và V-Office để báo cáo Ban thường vụ lựa chọn; các Sở, ban, ngành công khai lãnh đạo phụ trách CNTT và cập nhật thông tin hoạt động, thủ tục hành chính trên Trang thông tin điện tử.',
    tasks: [
      {
        title: 'Báo cáo đánh giá chấm điểm theo các tiêu chí ứng dụng CNTT của từng đơn vị một cách toàn diện',
        description: 'Kết quả đánh giá là tiêu chí xét thi đua của lãnh đạo các đơn vị trong từng năm. Các sở, ban, ngành và UBND các huyện, thành phố.',
        assigneeCode: '02',
        duePeriod: 'Quý II/2015',
      },
      {
        title: 'Tham mưu phân bổ nguồn ngân sách nâng cấp hệ thống thư điện tử công vụ',
        description: 'Sở Thông tin và Truyền thông phối hợp với Sở Tài chính, để từ ngày 01/5/2015 cán bộ công chức viên chức sử dụng hộp thư điện tử công vụ.',
        assigneeCode: '02.STTTT',
        dueDate: '2015-05-01',
      },
      {
        title: 'Cán bộ công chức viên chức trong tỉnh sử dụng hộp thư điện tử công vụ để giao dịch trong công việc',
        description: 'Bắt đầu từ ngày 01/5/2015.',
        assigneeCode: '02',
        dueDate: '2015-05-01',
      },
      { title: 'Kết nối mạng WAN của các sở, ban ngành và các huyện', assigneeCode: '02.STTTT', duePeriod: 'quý II/2015' },
      { title: 'Đánh giá lại 2 phần mềm Quản lý văn bản M-Office và V-Office, báo cáo Ban thường vụ quyết định lựa chọn phần mềm sử dụng thống nhất trên địa bàn toàn tỉnh', assigneeCode: '02.STTTT' },
      { title: 'Công khai lãnh đạo phụ trách lĩnh vực CNTT; cập nhật thông tin hoạt động, thủ tục hành chính trên Trang thông tin điện tử của đơn vị', assigneeCode: '02' },
    ],
  },
];

/** YYYY-MM-DD `days` after `day` (calendar arithmetic; Hà Nội has no daylight saving time). */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
const dayOfWeek = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
/** The day itself, or the Monday after when it falls on a weekend. */
const workday = (day: string) => (dayOfWeek(day) === 6 ? addDays(day, 2) : dayOfWeek(day) === 0 ? addDays(day, 1) : day);

/** Today's date in Hà Nội (UTC+7), YYYY-MM-DD. */
export function hanoiDay(now: Date): string {
  return new Date(now.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Invented: the two upcoming events of Hà Giang's Sở TT&TT, published for inviting people, placed
 * relative to the day the demo is seeded so they never lie in the past for a new user: the online
 * annual review about two weeks ahead (14:00, on a workday), the two-day district training about six
 * weeks ahead (Monday–Thursday start). The review covers the year it falls in from July on, the year
 * before until June (a review in January is of the past year).
 */
export function upcomingDemoEvents(seedDay: string): DemoEvent[] {
  const review = workday(addDays(seedDay, 16));
  let t1 = workday(addDays(seedDay, 42));
  if (dayOfWeek(t1) === 5) t1 = addDays(t1, 3);
  const t2 = addDays(t1, 1);
  const y = Number(review.slice(5, 7)) >= 7 ? Number(review.slice(0, 4)) : Number(review.slice(0, 4)) - 1;
  const ty = Number(t1.slice(0, 4));
  return [
  {
    key: 'hg-tong-ket',
    kind: 'conference',
    title: `Hội nghị trực tuyến tổng kết ứng dụng CNTT năm ${y}, phương hướng nhiệm vụ năm ${y + 1}`,
    description: `Ban chỉ đạo CNTT tỉnh Hà Giang tổng kết kết quả ứng dụng CNTT năm ${y} tại các Sở, ban, ngành và UBND các huyện, thành phố; đề ra phương hướng, nhiệm vụ năm ${y + 1}. ${HG_BRIDGE_POINTS}`,
    format: 'online',
    hostCode: '02.STTTT',
    venueName: HG_HALL_STTTT,
    onlineUrl: `https://hop.hagiang.example.gov.vn/tong-ket-cntt-${y}`,
    chairEmail: SON,
    sessions: [{ startsAt: `${review}T14:00`, endsAt: `${review}T17:00`, title: 'Buổi chiều' }],
    period: { year: y },
    status: 'scheduled',
    agenda: [
      { startsAt: `${review}T14:00`, title: 'Khai mạc hội nghị', type: 'opening_speech', speakerEmail: SON },
      { startsAt: `${review}T14:10`, title: `Báo cáo tổng kết ứng dụng CNTT năm ${y}, phương hướng nhiệm vụ năm ${y + 1}`, type: 'report', speakerName: 'Lãnh đạo Sở Thông tin và Truyền thông' },
      { startsAt: `${review}T15:00`, title: 'Thảo luận của các đại biểu tại các điểm cầu', type: 'discussion' },
      { startsAt: `${review}T16:30`, title: 'Phát biểu kết luận Hội nghị', type: 'conclusion', speakerEmail: SON },
    ],
  },
  {
    key: 'hg-tap-huan-cap-huyen',
    kind: 'training_class',
    title: `Lớp tập huấn chuyên môn công nghệ thông tin cho cán bộ cấp huyện năm ${ty}`,
    description: 'Tập huấn chuyên môn cho cán bộ phụ trách CNTT của UBND 11 huyện, thành phố: thư điện tử công vụ, phần mềm quản lý văn bản, an toàn thông tin.',
    format: 'in_person',
    hostCode: '02.STTTT',
    coOrganizerCodes: ['02.TTCNTT'],
    venueName: 'Phòng họp Trung tâm Công nghệ thông tin và Truyền thông tỉnh Hà Giang',
    venueAddress: 'Số 222, đường Nguyễn Trãi, thành phố Hà Giang', // the centre's address in seed 004's footer
    chairEmail: DIEN,
    sessions: [
      { startsAt: `${t1}T07:30`, endsAt: `${t1}T11:30`, title: 'Ngày 1, buổi sáng' },
      { startsAt: `${t1}T13:30`, endsAt: `${t1}T17:00`, title: 'Ngày 1, buổi chiều' },
      { startsAt: `${t2}T07:30`, endsAt: `${t2}T11:30`, title: 'Ngày 2' },
    ],
    period: { year: ty },
    status: 'scheduled',
    agenda: [
      { startsAt: `${t1}T07:30`, title: 'Khai mạc lớp tập huấn', type: 'opening_speech', speakerEmail: DIEN },
      { startsAt: `${t1}T08:00`, title: 'Sử dụng hộp thư điện tử công vụ trong giao dịch công việc', type: 'presentation' },
      { startsAt: `${t1}T13:30`, title: 'Phần mềm quản lý văn bản và điều hành; văn bản điện tử, chữ ký số', type: 'presentation' },
      { startsAt: `${t2}T07:30`, title: 'An toàn thông tin trong cơ quan nhà nước; thực hành', type: 'presentation' },
      { startsAt: `${t2}T11:00`, title: 'Trao đổi, bế mạc', type: 'conclusion', speakerEmail: DIEN },
    ],
  },
  ];
}

/** Every demo event: the articles' on their dates, the upcoming two relative to `now` (the day of seeding). */
export function demoEvents(now: Date = new Date()): DemoEvent[] {
  return [...HISTORICAL_DEMO_EVENTS, ...upcomingDemoEvents(hanoiDay(now))];
}
