/**
 * Demo dataset: organization directory and officials for "hoinghi".
 *
 * Source: the five public news articles in shared/seeds/ —
 *   seed 000  Hà Giang, Hội nghị tập huấn cán bộ lãnh đạo quản lý CNTT, 2–3/12/2013
 *   seed 001  Quảng Ngãi, Hội nghị triển khai ứng dụng CNTT 2013–2015 tại 9/14 huyện, thành phố (28/01/2013)
 *   seed 002  Thái Nguyên, Hội nghị triển khai Kế hoạch ứng dụng CNTT năm 2008 (28/05/2008)
 *   seed 003  Lào Cai, BCĐ ứng dụng và phát triển CNTT đánh giá 7 tháng năm 2015 (5/8/2015)
 *   seed 004  Hà Giang, Hội nghị trực tuyến đánh giá Quý I, phương hướng Quý II/2015 (10/4/2015)
 *
 * - Every official named in an article is listed once, with the title (chức vụ) as the
 *   article words it; the trailing comment names the seed. Contacts marked "invented" are
 *   NOT in any article and are fictitious.
 * - Province and district codes are the real GSO administrative-unit codes (mã đơn vị hành
 *   chính); the three communes use their real 5-digit GSO codes. Departments use
 *   '<provinceCode>.<ABBREV>'; the ministry is 'BTTTT'.
 * - Headcounts (cán bộ, công chức, viên chức) are plausible invented figures, not statistics.
 *   A province node's figure is the whole province and exceeds the sum of the units listed here.
 * - E-mail addresses are on example.gov.vn and fictitious; phone numbers are given only for
 *   invented contacts (post-2017 area codes) and are fictitious too.
 * - Text is Vietnamese, Unicode NFC.
 */

import type { OrganizationKind, OrganizationLevel } from '../organizations/organization.entity';

export interface DemoOrganization {
  code: string;
  name: string;
  shortName?: string;
  kind: OrganizationKind;
  level: OrganizationLevel;
  parentCode?: string;
  headcounts: { year: number; officials: number }[];
}

export interface DemoPerson {
  fullName: string;
  title: string;
  organizationCode: string;
  isLeader: boolean;
  email: string;
  phone?: string;
}

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  // ---- Trung ương — Bộ Thông tin và Truyền thông (seed 000)
  {
    code: 'BTTTT', name: 'Bộ Thông tin và Truyền thông', shortName: 'Bộ TT&TT', kind: 'ministry', level: 'central',
    headcounts: [{ year: 2013, officials: 1180 }, { year: 2014, officials: 1186 }, { year: 2015, officials: 1192 }],
  },
  {
    code: 'BTTTT.CUDCNTT', name: 'Cục Ứng dụng công nghệ thông tin', shortName: 'Cục Ứng dụng CNTT', kind: 'other', level: 'central', parentCode: 'BTTTT',
    headcounts: [{ year: 2013, officials: 86 }, { year: 2014, officials: 87 }, { year: 2015, officials: 90 }],
  }, // seed 000: "Cục Ứng dụng CNTT Bộ TTTT"
  // ---- Tỉnh Hà Giang (mã 02) — seeds 000, 004
  {
    code: '02', name: 'UBND tỉnh Hà Giang', shortName: 'Hà Giang', kind: 'province', level: 'province',
    headcounts: [{ year: 2013, officials: 8124 }, { year: 2014, officials: 8236 }, { year: 2015, officials: 8311 }],
  }, // order of the 7.392 official mailboxes issued by Q1/2015 (seed 004)
  {
    code: '02.TU', name: 'Tỉnh ủy Hà Giang', shortName: 'Tỉnh ủy Hà Giang', kind: 'party', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 168 }, { year: 2014, officials: 169 }, { year: 2015, officials: 171 }],
  }, // parentCode = the province it belongs to, not administrative subordination
  {
    code: '02.HDND', name: 'Hội đồng nhân dân tỉnh Hà Giang', shortName: 'HĐND tỉnh Hà Giang', kind: 'council', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 38 }, { year: 2014, officials: 39 }, { year: 2015, officials: 40 }],
  },
  // ---- Hà Giang — sở, ban, ngành (19)
  {
    code: '02.VPUBND', name: 'Văn phòng UBND tỉnh Hà Giang', shortName: 'VP UBND tỉnh Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 92 }, { year: 2014, officials: 93 }, { year: 2015, officials: 93 }],
  },
  {
    code: '02.STTTT', name: 'Sở Thông tin và Truyền thông tỉnh Hà Giang', shortName: 'Sở TT&TT Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 46 }, { year: 2014, officials: 45 }, { year: 2015, officials: 44 }],
  },
  {
    code: '02.SNV', name: 'Sở Nội vụ tỉnh Hà Giang', shortName: 'Sở Nội vụ Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 78 }, { year: 2014, officials: 79 }, { year: 2015, officials: 81 }],
  },
  {
    code: '02.STC', name: 'Sở Tài chính tỉnh Hà Giang', shortName: 'Sở Tài chính Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 74 }, { year: 2014, officials: 76 }, { year: 2015, officials: 79 }],
  },
  {
    code: '02.SKHDT', name: 'Sở Kế hoạch và Đầu tư tỉnh Hà Giang', shortName: 'Sở KH&ĐT Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 62 }, { year: 2014, officials: 64 }, { year: 2015, officials: 65 }],
  },
  {
    code: '02.SKHCN', name: 'Sở Khoa học và Công nghệ tỉnh Hà Giang', shortName: 'Sở KH&CN Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 55 }, { year: 2014, officials: 55 }, { year: 2015, officials: 55 }],
  },
  {
    code: '02.STP', name: 'Sở Tư pháp tỉnh Hà Giang', shortName: 'Sở Tư pháp Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 44 }, { year: 2014, officials: 45 }, { year: 2015, officials: 46 }],
  },
  {
    code: '02.SCT', name: 'Sở Công Thương tỉnh Hà Giang', shortName: 'Sở Công Thương Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 118 }, { year: 2014, officials: 119 }, { year: 2015, officials: 121 }],
  },
  {
    code: '02.SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Hà Giang', shortName: 'Sở NN&PTNT Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 146 }, { year: 2014, officials: 148 }, { year: 2015, officials: 150 }],
  },
  {
    code: '02.SGTVT', name: 'Sở Giao thông vận tải tỉnh Hà Giang', shortName: 'Sở GTVT Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 96 }, { year: 2014, officials: 99 }, { year: 2015, officials: 102 }],
  },
  {
    code: '02.SXD', name: 'Sở Xây dựng tỉnh Hà Giang', shortName: 'Sở Xây dựng Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 58 }, { year: 2014, officials: 57 }, { year: 2015, officials: 56 }],
  },
  {
    code: '02.STNMT', name: 'Sở Tài nguyên và Môi trường tỉnh Hà Giang', shortName: 'Sở TN&MT Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 84 }, { year: 2014, officials: 87 }, { year: 2015, officials: 89 }],
  },
  {
    code: '02.SLDTBXH', name: 'Sở Lao động – Thương binh và Xã hội tỉnh Hà Giang', shortName: 'Sở LĐ-TB&XH Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 71 }, { year: 2014, officials: 69 }, { year: 2015, officials: 68 }],
  },
  {
    code: '02.SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Hà Giang', shortName: 'Sở VHTT&DL Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 88 }, { year: 2014, officials: 88 }, { year: 2015, officials: 89 }],
  },
  {
    code: '02.SGDDT', name: 'Sở Giáo dục và Đào tạo tỉnh Hà Giang', shortName: 'Sở GD&ĐT Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 82 }, { year: 2014, officials: 85 }, { year: 2015, officials: 87 }],
  },
  {
    code: '02.SYT', name: 'Sở Y tế tỉnh Hà Giang', shortName: 'Sở Y tế Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 69 }, { year: 2014, officials: 68 }, { year: 2015, officials: 69 }],
  },
  {
    code: '02.SNGV', name: 'Sở Ngoại vụ tỉnh Hà Giang', shortName: 'Sở Ngoại vụ Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 41 }, { year: 2014, officials: 42 }, { year: 2015, officials: 43 }],
  },
  {
    code: '02.TTR', name: 'Thanh tra tỉnh Hà Giang', shortName: 'Thanh tra tỉnh Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 43 }, { year: 2014, officials: 42 }, { year: 2015, officials: 41 }],
  },
  {
    code: '02.BDT', name: 'Ban Dân tộc tỉnh Hà Giang', shortName: 'Ban Dân tộc Hà Giang', kind: 'department', level: 'province', parentCode: '02',
    headcounts: [{ year: 2013, officials: 40 }, { year: 2014, officials: 41 }, { year: 2015, officials: 42 }],
  },
  {
    code: '02.TTCNTT', name: 'Trung tâm Công nghệ thông tin và Truyền thông tỉnh Hà Giang', shortName: 'Trung tâm CNTT&TT Hà Giang', kind: 'other', level: 'province', parentCode: '02.STTTT',
    headcounts: [{ year: 2013, officials: 22 }, { year: 2014, officials: 23 }, { year: 2015, officials: 24 }],
  }, // seed 004 footer; unit of Sở TT&TT (e-mail trungtamcntt.stttt@…)
  // ---- Hà Giang — 11 huyện, thành phố (2013–2015), mã GSO
  {
    code: '024', name: 'UBND thành phố Hà Giang', shortName: 'TP Hà Giang', kind: 'district', level: 'district', parentCode: '02',
    headcounts: [{ year: 2013, officials: 196 }, { year: 2014, officials: 198 }, { year: 2015, officials: 202 }],
  },
  {
    code: '026', name: 'UBND huyện Đồng Văn', shortName: 'Huyện Đồng Văn', kind: 'district', level: 'district', parentCode: '02',
    headcounts: [{ year: 2013, officials: 152 }, { year: 2014, officials: 155 }, { year: 2015, officials: 158 }],
  },
  {
    code: '027', name: 'UBND huyện Mèo Vạc', shortName: 'Huyện Mèo Vạc', kind: 'district', level: 'district', parentCode: '02',
    headcounts: [{ year: 2013, officials: 149 }, { year: 2014, officials: 151 }, { year: 2015, officials: 152 }],
  },
  {
    code: '028', name: 'UBND huyện Yên Minh', shortName: 'Huyện Yên Minh', kind: 'district', level: 'district', parentCode: '02',
    headcounts: [{ year: 2013, officials: 158 }, { year: 2014, officials: 161 }, { year: 2015, officials: 165 }],
  },
  {
    code: '029', name: 'UBND huyện Quản Bạ', shortName: 'Huyện Quản Bạ', kind: 'district', level: 'district', parentCode: '02',
    headcounts: [{ year: 2013, officials: 131 }, { year: 2014, officials: 131 }, { year: 2015, officials: 130 }],
  },
  {
    code: '030', name: 'UBND huyện Vị Xuyên', shortName: 'Huyện Vị Xuyên', kind: 'district', level: 'district', parentCode: '02',
    headcounts: [{ year: 2013, officials: 187 }, { year: 2014, officials: 189 }, { year: 2015, officials: 189 }],
  },
  {
    code: '031', name: 'UBND huyện Bắc Mê', shortName: 'Huyện Bắc Mê', kind: 'district', level: 'district', parentCode: '02',
    headcounts: [{ year: 2013, officials: 127 }, { year: 2014, officials: 126 }, { year: 2015, officials: 125 }],
  },
  {
    code: '032', name: 'UBND huyện Hoàng Su Phì', shortName: 'Huyện Hoàng Su Phì', kind: 'district', level: 'district', parentCode: '02',
    headcounts: [{ year: 2013, officials: 154 }, { year: 2014, officials: 155 }, { year: 2015, officials: 156 }],
  },
  {
    code: '033', name: 'UBND huyện Xín Mần', shortName: 'Huyện Xín Mần', kind: 'district', level: 'district', parentCode: '02',
    headcounts: [{ year: 2013, officials: 146 }, { year: 2014, officials: 144 }, { year: 2015, officials: 144 }],
  },
  {
    code: '034', name: 'UBND huyện Bắc Quang', shortName: 'Huyện Bắc Quang', kind: 'district', level: 'district', parentCode: '02',
    headcounts: [{ year: 2013, officials: 213 }, { year: 2014, officials: 214 }, { year: 2015, officials: 215 }],
  },
  {
    code: '035', name: 'UBND huyện Quang Bình', shortName: 'Huyện Quang Bình', kind: 'district', level: 'district', parentCode: '02',
    headcounts: [{ year: 2013, officials: 139 }, { year: 2014, officials: 137 }, { year: 2015, officials: 134 }],
  },
  // ---- Hà Giang — 3 xã, phường thuộc thành phố Hà Giang (mã GSO 5 chữ số)
  {
    code: '00691', name: 'UBND phường Trần Phú', shortName: 'Phường Trần Phú', kind: 'commune', level: 'commune', parentCode: '024',
    headcounts: [{ year: 2013, officials: 24 }, { year: 2014, officials: 24 }, { year: 2015, officials: 24 }],
  },
  {
    code: '00697', name: 'UBND phường Minh Khai', shortName: 'Phường Minh Khai', kind: 'commune', level: 'commune', parentCode: '024',
    headcounts: [{ year: 2013, officials: 22 }, { year: 2014, officials: 22 }, { year: 2015, officials: 22 }],
  },
  {
    code: '00700', name: 'UBND xã Ngọc Đường', shortName: 'Xã Ngọc Đường', kind: 'commune', level: 'commune', parentCode: '024',
    headcounts: [{ year: 2013, officials: 21 }, { year: 2014, officials: 21 }, { year: 2015, officials: 21 }],
  },
  // ---- Tỉnh Lào Cai (mã 10) — seed 003
  {
    code: '10', name: 'UBND tỉnh Lào Cai', shortName: 'Lào Cai', kind: 'province', level: 'province',
    headcounts: [{ year: 2013, officials: 8642 }, { year: 2014, officials: 8718 }, { year: 2015, officials: 8795 }],
  },
  // ---- Lào Cai — 22 sở, ban, ngành được xếp hạng ứng dụng CNTT năm 2014 (reconstructed list, see report)
  {
    code: '10.VPUBND', name: 'Văn phòng UBND tỉnh Lào Cai', shortName: 'VP UBND tỉnh Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 92 }, { year: 2014, officials: 96 }, { year: 2015, officials: 99 }],
  },
  {
    code: '10.STTTT', name: 'Sở Thông tin và Truyền thông tỉnh Lào Cai', shortName: 'Sở TT&TT Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 46 }, { year: 2014, officials: 46 }, { year: 2015, officials: 46 }],
  },
  {
    code: '10.SNV', name: 'Sở Nội vụ tỉnh Lào Cai', shortName: 'Sở Nội vụ Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 78 }, { year: 2014, officials: 81 }, { year: 2015, officials: 84 }],
  },
  {
    code: '10.STC', name: 'Sở Tài chính tỉnh Lào Cai', shortName: 'Sở Tài chính Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 74 }, { year: 2014, officials: 73 }, { year: 2015, officials: 73 }],
  },
  {
    code: '10.SKHDT', name: 'Sở Kế hoạch và Đầu tư tỉnh Lào Cai', shortName: 'Sở KH&ĐT Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 62 }, { year: 2014, officials: 62 }, { year: 2015, officials: 61 }],
  },
  {
    code: '10.SKHCN', name: 'Sở Khoa học và Công nghệ tỉnh Lào Cai', shortName: 'Sở KH&CN Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 55 }, { year: 2014, officials: 54 }, { year: 2015, officials: 53 }],
  },
  {
    code: '10.STP', name: 'Sở Tư pháp tỉnh Lào Cai', shortName: 'Sở Tư pháp Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 44 }, { year: 2014, officials: 45 }, { year: 2015, officials: 46 }],
  },
  {
    code: '10.SCT', name: 'Sở Công Thương tỉnh Lào Cai', shortName: 'Sở Công Thương Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 118 }, { year: 2014, officials: 121 }, { year: 2015, officials: 125 }],
  },
  {
    code: '10.SNNPTNT', name: 'Sở Nông nghiệp và Phát triển nông thôn tỉnh Lào Cai', shortName: 'Sở NN&PTNT Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 146 }, { year: 2014, officials: 146 }, { year: 2015, officials: 145 }],
  },
  {
    code: '10.SGTVT', name: 'Sở Giao thông vận tải tỉnh Lào Cai', shortName: 'Sở GTVT Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 96 }, { year: 2014, officials: 94 }, { year: 2015, officials: 94 }],
  },
  {
    code: '10.SXD', name: 'Sở Xây dựng tỉnh Lào Cai', shortName: 'Sở Xây dựng Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 58 }, { year: 2014, officials: 57 }, { year: 2015, officials: 56 }],
  },
  {
    code: '10.STNMT', name: 'Sở Tài nguyên và Môi trường tỉnh Lào Cai', shortName: 'Sở TN&MT Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 84 }, { year: 2014, officials: 84 }, { year: 2015, officials: 85 }],
  },
  {
    code: '10.SLDTBXH', name: 'Sở Lao động – Thương binh và Xã hội tỉnh Lào Cai', shortName: 'Sở LĐ-TB&XH Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 71 }, { year: 2014, officials: 69 }, { year: 2015, officials: 68 }],
  },
  {
    code: '10.SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Lào Cai', shortName: 'Sở VHTT&DL Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 88 }, { year: 2014, officials: 90 }, { year: 2015, officials: 91 }],
  },
  {
    code: '10.SGDDT', name: 'Sở Giáo dục và Đào tạo tỉnh Lào Cai', shortName: 'Sở GD&ĐT Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 82 }, { year: 2014, officials: 80 }, { year: 2015, officials: 79 }],
  },
  {
    code: '10.SYT', name: 'Sở Y tế tỉnh Lào Cai', shortName: 'Sở Y tế Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 69 }, { year: 2014, officials: 71 }, { year: 2015, officials: 72 }],
  },
  {
    code: '10.SNGV', name: 'Sở Ngoại vụ tỉnh Lào Cai', shortName: 'Sở Ngoại vụ Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 41 }, { year: 2014, officials: 41 }, { year: 2015, officials: 41 }],
  },
  {
    code: '10.TTR', name: 'Thanh tra tỉnh Lào Cai', shortName: 'Thanh tra tỉnh Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 43 }, { year: 2014, officials: 44 }, { year: 2015, officials: 45 }],
  },
  {
    code: '10.BDT', name: 'Ban Dân tộc tỉnh Lào Cai', shortName: 'Ban Dân tộc Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 40 }, { year: 2014, officials: 41 }, { year: 2015, officials: 42 }],
  },
  {
    code: '10.BQLKKT', name: 'Ban Quản lý Khu kinh tế tỉnh Lào Cai', shortName: 'BQL Khu kinh tế Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 64 }, { year: 2014, officials: 64 }, { year: 2015, officials: 64 }],
  },
  {
    code: '10.DPTTH', name: 'Đài Phát thanh và Truyền hình tỉnh Lào Cai', shortName: 'Đài PT-TH Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 97 }, { year: 2014, officials: 100 }, { year: 2015, officials: 102 }],
  },
  {
    code: '10.CDSP', name: 'Trường Cao đẳng Sư phạm Lào Cai', shortName: 'CĐSP Lào Cai', kind: 'department', level: 'province', parentCode: '10',
    headcounts: [{ year: 2013, officials: 112 }, { year: 2014, officials: 113 }, { year: 2015, officials: 113 }],
  },
  // ---- Lào Cai — 9 huyện, thành phố (2015), mã GSO
  {
    code: '080', name: 'UBND thành phố Lào Cai', shortName: 'TP Lào Cai', kind: 'district', level: 'district', parentCode: '10',
    headcounts: [{ year: 2013, officials: 224 }, { year: 2014, officials: 226 }, { year: 2015, officials: 229 }],
  },
  {
    code: '082', name: 'UBND huyện Bát Xát', shortName: 'Huyện Bát Xát', kind: 'district', level: 'district', parentCode: '10',
    headcounts: [{ year: 2013, officials: 171 }, { year: 2014, officials: 171 }, { year: 2015, officials: 172 }],
  },
  {
    code: '083', name: 'UBND huyện Mường Khương', shortName: 'Huyện Mường Khương', kind: 'district', level: 'district', parentCode: '10',
    headcounts: [{ year: 2013, officials: 148 }, { year: 2014, officials: 146 }, { year: 2015, officials: 144 }],
  },
  {
    code: '084', name: 'UBND huyện Si Ma Cai', shortName: 'Huyện Si Ma Cai', kind: 'district', level: 'district', parentCode: '10',
    headcounts: [{ year: 2013, officials: 126 }, { year: 2014, officials: 128 }, { year: 2015, officials: 128 }],
  },
  {
    code: '085', name: 'UBND huyện Bắc Hà', shortName: 'Huyện Bắc Hà', kind: 'district', level: 'district', parentCode: '10',
    headcounts: [{ year: 2013, officials: 153 }, { year: 2014, officials: 154 }, { year: 2015, officials: 154 }],
  },
  {
    code: '086', name: 'UBND huyện Bảo Thắng', shortName: 'Huyện Bảo Thắng', kind: 'district', level: 'district', parentCode: '10',
    headcounts: [{ year: 2013, officials: 192 }, { year: 2014, officials: 192 }, { year: 2015, officials: 192 }],
  },
  {
    code: '087', name: 'UBND huyện Bảo Yên', shortName: 'Huyện Bảo Yên', kind: 'district', level: 'district', parentCode: '10',
    headcounts: [{ year: 2013, officials: 176 }, { year: 2014, officials: 177 }, { year: 2015, officials: 176 }],
  },
  {
    code: '088', name: 'UBND huyện Sa Pa', shortName: 'Huyện Sa Pa', kind: 'district', level: 'district', parentCode: '10',
    headcounts: [{ year: 2013, officials: 164 }, { year: 2014, officials: 162 }, { year: 2015, officials: 160 }],
  },
  {
    code: '089', name: 'UBND huyện Văn Bàn', shortName: 'Huyện Văn Bàn', kind: 'district', level: 'district', parentCode: '10',
    headcounts: [{ year: 2013, officials: 181 }, { year: 2014, officials: 183 }, { year: 2015, officials: 186 }],
  },
  // ---- Tỉnh Quảng Ngãi (mã 51) — seed 001
  {
    code: '51', name: 'UBND tỉnh Quảng Ngãi', shortName: 'Quảng Ngãi', kind: 'province', level: 'province',
    headcounts: [{ year: 2013, officials: 9384 }, { year: 2014, officials: 9452 }, { year: 2015, officials: 9503 }],
  },
  {
    code: '51.STTTT', name: 'Sở Thông tin và Truyền thông tỉnh Quảng Ngãi', shortName: 'Sở TT&TT Quảng Ngãi', kind: 'department', level: 'province', parentCode: '51',
    headcounts: [{ year: 2013, officials: 54 }, { year: 2014, officials: 55 }, { year: 2015, officials: 56 }],
  },
  // ---- Quảng Ngãi — 14 huyện, thành phố (2013), mã GSO
  {
    code: '522', name: 'UBND thành phố Quảng Ngãi', shortName: 'TP Quảng Ngãi', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 238 }, { year: 2014, officials: 240 }, { year: 2015, officials: 243 }],
  },
  {
    code: '524', name: 'UBND huyện Bình Sơn', shortName: 'Huyện Bình Sơn', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 205 }, { year: 2014, officials: 206 }, { year: 2015, officials: 209 }],
  },
  {
    code: '525', name: 'UBND huyện Trà Bồng', shortName: 'Huyện Trà Bồng', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 138 }, { year: 2014, officials: 141 }, { year: 2015, officials: 145 }],
  },
  {
    code: '526', name: 'UBND huyện Tây Trà', shortName: 'Huyện Tây Trà', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 112 }, { year: 2014, officials: 115 }, { year: 2015, officials: 116 }],
  },
  {
    code: '527', name: 'UBND huyện Sơn Tịnh', shortName: 'Huyện Sơn Tịnh', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 196 }, { year: 2014, officials: 195 }, { year: 2015, officials: 194 }],
  },
  {
    code: '528', name: 'UBND huyện Tư Nghĩa', shortName: 'Huyện Tư Nghĩa', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 188 }, { year: 2014, officials: 189 }, { year: 2015, officials: 189 }],
  },
  {
    code: '529', name: 'UBND huyện Sơn Hà', shortName: 'Huyện Sơn Hà', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 147 }, { year: 2014, officials: 148 }, { year: 2015, officials: 147 }],
  },
  {
    code: '530', name: 'UBND huyện Sơn Tây', shortName: 'Huyện Sơn Tây', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 109 }, { year: 2014, officials: 110 }, { year: 2015, officials: 111 }],
  },
  {
    code: '531', name: 'UBND huyện Minh Long', shortName: 'Huyện Minh Long', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 96 }, { year: 2014, officials: 95 }, { year: 2015, officials: 94 }],
  },
  {
    code: '532', name: 'UBND huyện Nghĩa Hành', shortName: 'Huyện Nghĩa Hành', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 161 }, { year: 2014, officials: 162 }, { year: 2015, officials: 164 }],
  },
  {
    code: '533', name: 'UBND huyện Mộ Đức', shortName: 'Huyện Mộ Đức', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 174 }, { year: 2014, officials: 176 }, { year: 2015, officials: 178 }],
  },
  {
    code: '534', name: 'UBND huyện Đức Phổ', shortName: 'Huyện Đức Phổ', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 183 }, { year: 2014, officials: 184 }, { year: 2015, officials: 185 }],
  },
  {
    code: '535', name: 'UBND huyện Ba Tơ', shortName: 'Huyện Ba Tơ', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 142 }, { year: 2014, officials: 141 }, { year: 2015, officials: 140 }],
  },
  {
    code: '536', name: 'UBND huyện Lý Sơn', shortName: 'Huyện Lý Sơn', kind: 'district', level: 'district', parentCode: '51',
    headcounts: [{ year: 2013, officials: 84 }, { year: 2014, officials: 85 }, { year: 2015, officials: 86 }],
  },
  // ---- Tỉnh Thái Nguyên (mã 19) — seed 002
  {
    code: '19', name: 'UBND tỉnh Thái Nguyên', shortName: 'Thái Nguyên', kind: 'province', level: 'province',
    headcounts: [{ year: 2013, officials: 9046 }, { year: 2014, officials: 9118 }, { year: 2015, officials: 9163 }],
  },
  // ---- Thái Nguyên — các sở dự Hội nghị 28/05/2008 (seed 002)
  {
    code: '19.STTTT', name: 'Sở Thông tin và Truyền thông tỉnh Thái Nguyên', shortName: 'Sở TT&TT Thái Nguyên', kind: 'department', level: 'province', parentCode: '19',
    headcounts: [{ year: 2013, officials: 48 }, { year: 2014, officials: 49 }, { year: 2015, officials: 50 }],
  },
  {
    code: '19.VPUBND', name: 'Văn phòng UBND tỉnh Thái Nguyên', shortName: 'VP UBND tỉnh Thái Nguyên', kind: 'department', level: 'province', parentCode: '19',
    headcounts: [{ year: 2013, officials: 96 }, { year: 2014, officials: 96 }, { year: 2015, officials: 96 }],
  },
  {
    code: '19.SNV', name: 'Sở Nội vụ tỉnh Thái Nguyên', shortName: 'Sở Nội vụ Thái Nguyên', kind: 'department', level: 'province', parentCode: '19',
    headcounts: [{ year: 2013, officials: 81 }, { year: 2014, officials: 81 }, { year: 2015, officials: 81 }],
  },
  {
    code: '19.SKHDT', name: 'Sở Kế hoạch và Đầu tư tỉnh Thái Nguyên', shortName: 'Sở KH&ĐT Thái Nguyên', kind: 'department', level: 'province', parentCode: '19',
    headcounts: [{ year: 2013, officials: 66 }, { year: 2014, officials: 67 }, { year: 2015, officials: 67 }],
  },
  {
    code: '19.STC', name: 'Sở Tài chính tỉnh Thái Nguyên', shortName: 'Sở Tài chính Thái Nguyên', kind: 'department', level: 'province', parentCode: '19',
    headcounts: [{ year: 2013, officials: 79 }, { year: 2014, officials: 82 }, { year: 2015, officials: 85 }],
  },
  {
    code: '19.SKHCN', name: 'Sở Khoa học và Công nghệ tỉnh Thái Nguyên', shortName: 'Sở KH&CN Thái Nguyên', kind: 'department', level: 'province', parentCode: '19',
    headcounts: [{ year: 2013, officials: 58 }, { year: 2014, officials: 58 }, { year: 2015, officials: 58 }],
  },
  // ---- Thái Nguyên — 9 huyện, thành phố, thị xã (2008), mã GSO
  {
    code: '164', name: 'UBND thành phố Thái Nguyên', shortName: 'TP Thái Nguyên', kind: 'district', level: 'district', parentCode: '19',
    headcounts: [{ year: 2013, officials: 236 }, { year: 2014, officials: 234 }, { year: 2015, officials: 231 }],
  },
  {
    code: '165', name: 'UBND thị xã Sông Công', shortName: 'TX Sông Công', kind: 'district', level: 'district', parentCode: '19',
    headcounts: [{ year: 2013, officials: 136 }, { year: 2014, officials: 138 }, { year: 2015, officials: 139 }],
  },
  {
    code: '167', name: 'UBND huyện Định Hóa', shortName: 'Huyện Định Hóa', kind: 'district', level: 'district', parentCode: '19',
    headcounts: [{ year: 2013, officials: 168 }, { year: 2014, officials: 171 }, { year: 2015, officials: 175 }],
  },
  {
    code: '168', name: 'UBND huyện Phú Lương', shortName: 'Huyện Phú Lương', kind: 'district', level: 'district', parentCode: '19',
    headcounts: [{ year: 2013, officials: 172 }, { year: 2014, officials: 169 }, { year: 2015, officials: 167 }],
  },
  {
    code: '169', name: 'UBND huyện Đồng Hỷ', shortName: 'Huyện Đồng Hỷ', kind: 'district', level: 'district', parentCode: '19',
    headcounts: [{ year: 2013, officials: 181 }, { year: 2014, officials: 181 }, { year: 2015, officials: 182 }],
  },
  {
    code: '170', name: 'UBND huyện Võ Nhai', shortName: 'Huyện Võ Nhai', kind: 'district', level: 'district', parentCode: '19',
    headcounts: [{ year: 2013, officials: 154 }, { year: 2014, officials: 153 }, { year: 2015, officials: 151 }],
  },
  {
    code: '171', name: 'UBND huyện Đại Từ', shortName: 'Huyện Đại Từ', kind: 'district', level: 'district', parentCode: '19',
    headcounts: [{ year: 2013, officials: 207 }, { year: 2014, officials: 206 }, { year: 2015, officials: 205 }],
  },
  {
    code: '172', name: 'UBND huyện Phổ Yên', shortName: 'Huyện Phổ Yên', kind: 'district', level: 'district', parentCode: '19',
    headcounts: [{ year: 2013, officials: 189 }, { year: 2014, officials: 190 }, { year: 2015, officials: 191 }],
  },
  {
    code: '173', name: 'UBND huyện Phú Bình', shortName: 'Huyện Phú Bình', kind: 'district', level: 'district', parentCode: '19',
    headcounts: [{ year: 2013, officials: 178 }, { year: 2014, officials: 180 }, { year: 2015, officials: 182 }],
  },
];

export const DEMO_PEOPLE: DemoPerson[] = [
  // ---- Named in the seed articles (title verbatim from the article)
  {
    fullName: 'Trần Đức Lai',
    title: 'Thứ trưởng Bộ Thông tin và Truyền thông',
    organizationCode: 'BTTTT',
    isLeader: true,
    email: 'tdlai@mic.example.gov.vn',
  }, // seed 000 (article adds the abbreviation "(TTTT)")
  {
    fullName: 'Tạ Quang Nghĩa',
    title: 'Phó Cục trưởng Cục Ứng dụng CNTT Bộ TTTT',
    organizationCode: 'BTTTT.CUDCNTT',
    isLeader: true,
    email: 'tqnghia.aita@mic.example.gov.vn',
  }, // seed 000
  {
    fullName: 'Nguyễn Văn Sơn',
    title: 'Phó Chủ tịch Thường trực UBND tỉnh – Trưởng Ban chỉ đạo CNTT tỉnh',
    organizationCode: '02',
    isLeader: true,
    email: 'nvson.ubnd@hagiang.example.gov.vn',
  }, // seed 004; in seed 000 (12/2013): "Ủy viên BTV Tỉnh ủy - Phó Chủ tịch UBND tỉnh - Trưởng BCĐ ứng dụng công nghệ thông tin tỉnh"
  {
    fullName: 'Lý Thị Hơn',
    title: 'Ủy viên TTr HĐND tỉnh',
    organizationCode: '02.HDND',
    isLeader: true,
    email: 'lthon.hdnd@hagiang.example.gov.vn',
  }, // seed 000
  {
    fullName: 'Lã Đình Điền',
    title: 'Giám đốc',
    organizationCode: '02.TTCNTT',
    isLeader: true,
    email: 'lddien.ttcntt@hagiang.example.gov.vn',
  }, // seed 004 (page footer: "Chịu trách nhiệm chính: Ông Lã Đình Điền - Giám đốc")
  {
    fullName: 'Trần Thanh Trường',
    title: 'Phó Giám đốc Sở Thông tin và Truyền thông tỉnh Quảng Ngãi',
    organizationCode: '51.STTTT',
    isLeader: true,
    email: 'tttruong.stttt@quangngai.example.gov.vn',
  }, // seed 001
  {
    fullName: 'Nguyễn Mạnh Hùng',
    title: 'Tỉnh ủy viên, Giám đốc Sở Thông tin và Truyền thông',
    organizationCode: '51.STTTT',
    isLeader: true,
    email: 'nmhung.stttt@quangngai.example.gov.vn',
  }, // seed 001
  {
    fullName: 'Phạm Xuân Đương',
    title: 'Phó Bí thư Tỉnh uỷ, Chủ tịch UBND tỉnh',
    organizationCode: '19',
    isLeader: true,
    email: 'pxduong.ubnd@thainguyen.example.gov.vn',
  }, // seed 002 (article spells "Tỉnh uỷ")
  {
    fullName: 'Vũ Quốc Thạnh',
    title: 'Giám đốc Sở Thông tin và Truyền thông',
    organizationCode: '19.STTTT',
    isLeader: true,
    email: 'vqthanh.stttt@thainguyen.example.gov.vn',
  }, // seed 002
  {
    fullName: 'Đặng Xuân Thanh',
    title: 'Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo ứng dụng và phát triển công nghệ thông tin tỉnh',
    organizationCode: '10',
    isLeader: true,
    email: 'dxthanh.ubnd@laocai.example.gov.vn',
  }, // seed 003
  // ---- INVENTED contacts (not in any article) so every province has a working-level contact
  {
    fullName: 'Nông Văn Tuấn',
    title: 'Trưởng phòng Công nghệ thông tin, Sở Thông tin và Truyền thông',
    organizationCode: '02.STTTT',
    isLeader: false,
    email: 'nvtuan.stttt@hagiang.example.gov.vn',
    phone: '0219 3867 214',
  }, // invented
  {
    fullName: 'Lương Thị Hằng',
    title: 'Chuyên viên phụ trách CNTT, Văn phòng HĐND và UBND thành phố',
    organizationCode: '024',
    isLeader: false,
    email: 'lthang.ubndtp@hagiang.example.gov.vn',
    phone: '0219 3862 307',
  }, // invented
  {
    fullName: 'Hoàng Văn Dũng',
    title: 'Phó Chủ tịch UBND phường',
    organizationCode: '00691',
    isLeader: true,
    email: 'hvdung.ptranphu@hagiang.example.gov.vn',
    phone: '0219 3863 118',
  }, // invented
  {
    fullName: 'Nguyễn Thị Thanh Hương',
    title: 'Trưởng phòng Công nghệ thông tin, Sở Thông tin và Truyền thông',
    organizationCode: '10.STTTT',
    isLeader: false,
    email: 'ntthuong.stttt@laocai.example.gov.vn',
    phone: '0214 3840 526',
  }, // invented
  {
    fullName: 'Lý Văn Hùng',
    title: 'Phó Chánh Văn phòng HĐND và UBND huyện, phụ trách CNTT',
    organizationCode: '088',
    isLeader: false,
    email: 'lvhung.ubndsapa@laocai.example.gov.vn',
    phone: '0214 3871 209',
  }, // invented
  {
    fullName: 'Phan Văn Quý',
    title: 'Chuyên viên Phòng Văn hóa và Thông tin thành phố',
    organizationCode: '522',
    isLeader: false,
    email: 'pvquy.ubndtp@quangngai.example.gov.vn',
    phone: '0255 3822 631',
  }, // invented
  {
    fullName: 'Võ Thị Mai',
    title: 'Trưởng phòng Văn hóa và Thông tin huyện',
    organizationCode: '536',
    isLeader: false,
    email: 'vtmai.ubndlyson@quangngai.example.gov.vn',
    phone: '0255 3867 142',
  }, // invented
  {
    fullName: 'Dương Văn Hải',
    title: 'Trưởng phòng Công nghệ thông tin, Sở Thông tin và Truyền thông',
    organizationCode: '19.STTTT',
    isLeader: false,
    email: 'dvhai.stttt@thainguyen.example.gov.vn',
    phone: '0208 3855 413',
  }, // invented
  {
    fullName: 'Ngô Thị Lan',
    title: 'Chuyên viên Văn phòng HĐND và UBND thị xã, phụ trách CNTT',
    organizationCode: '165',
    isLeader: false,
    email: 'ntlan.ubndsongcong@thainguyen.example.gov.vn',
    phone: '0208 3862 275',
  }, // invented
];
