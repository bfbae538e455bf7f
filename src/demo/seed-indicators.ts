import type { INestApplicationContext } from '@nestjs/common';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../common/auth/principal';
import type { CreateDefinitionDto } from '../indicators/dto/indicator.dto';
import { IndicatorsService } from '../indicators/indicators.service';
import { DEMO_ORGANIZATIONS } from './demo-data';

/**
 * The indicators of the demo: Thái Nguyên 2008's plan targets (seed 002) as reported indicators, with
 * their department and district targets, plus two computed from participation; and Lào Cai's first
 * ranking of its 22 departments and 9 districts for 2014 (seed 003), published, with "29% tốt, 39% khá".
 */
export const DEMO_INDICATORS: CreateDefinitionDto[] = [
  { code: 'VBDT', nameVi: 'Tỷ lệ văn bản trao đổi dưới dạng điện tử', nameEn: 'Documents exchanged electronically', unit: 'percent', source: 'reported', weight: 3, targetDepartment: 40, targetDistrict: 40 },
  { code: 'THUCV', nameVi: 'Tỷ lệ cán bộ sử dụng thư điện tử trong công việc', nameEn: 'Officials using e-mail for work', unit: 'percent', source: 'reported', weight: 3, targetDepartment: 50, targetDistrict: 30 },
  { code: 'QLVB', nameVi: 'Tỷ lệ văn bản được quản lý trên mạng', nameEn: 'Documents managed online', unit: 'percent', source: 'reported', weight: 2, targetDepartment: 50, targetDistrict: 20 },
  { code: 'HOPTHU', nameVi: 'Tỷ lệ cán bộ có hộp thư điện tử công vụ', nameEn: 'Officials with an official mailbox', unit: 'percent', source: 'reported', weight: 2, targetDepartment: 100, targetDistrict: 100 },
  { code: 'TAPHUAN', nameVi: 'Tỷ lệ cán bộ được tập huấn CNTT', nameEn: 'Officials trained in IT', unit: 'percent', source: 'participation', metric: 'headcount_trained', weight: 1, targetDepartment: 30, targetDistrict: 30 },
  { code: 'THAMDU', nameVi: 'Tỷ lệ cán bộ được mời có mặt tại hội nghị', nameEn: 'Invited officials who attended', unit: 'percent', source: 'participation', metric: 'attendance_rate', weight: 1 },
];

export const DEMO_RANKING_YEAR = 2014;
/** The Lào Cai agencies ranked (seed 003): the province's direct departments and districts. */
export const DEMO_RANKED = DEMO_ORGANIZATIONS.filter((o) => o.parentCode === '10' && (o.kind === 'department' || o.kind === 'district'));

/**
 * Each agency's intended score: 9 tốt, 12 khá, 7 trung bình, 3 yếu of 31 (29%, 39%, 23%, 10%), spread
 * over departments and districts by a fixed stride, every score at least a point from a threshold.
 */
const SCORES = [90, 89, 88, 87, 86, 85, 84, 83, 82, 79, 78, 77, 76, 75, 74, 73, 72, 71, 70, 68, 67, 63, 61, 59, 57, 55, 53, 52, 46, 41, 35];

/**
 * The reported values that give the intended scores. No Lào Cai official was trained in 2014 (the
 * computed TAPHUAN is 0%, weight 1 of 11) and there was no conference to attend (THAMDU does not
 * apply): so every reported indicator is at score × 11/10 of its target, one rounding digit.
 */
export function demoValues(): { indicatorCode: string; organizationCode: string; value: number }[] {
  const reported = DEMO_INDICATORS.filter((d) => d.source === 'reported');
  const weights = DEMO_INDICATORS.filter((d) => d.source === 'reported' || d.metric === 'headcount_trained').reduce((n, d) => n + d.weight, 0);
  const reportedWeight = reported.reduce((n, d) => n + d.weight, 0);
  return DEMO_RANKED.flatMap((o, i) => {
    const score = SCORES[(i * 7) % SCORES.length];
    const fraction = Math.min(1, (score * weights) / reportedWeight / 100);
    return reported.map((d) => {
      const target = (o.kind === 'department' ? d.targetDepartment : d.targetDistrict) ?? 100;
      return { indicatorCode: d.code, organizationCode: o.code, value: Math.round(fraction * target * 10) / 10 };
    });
  });
}

/** Idempotent: definitions created when missing, values upserted (unchanged ones untouched), 2014 published once. */
export async function seedDemoIndicators(app: INestApplicationContext, provinceId: string): Promise<void> {
  const indicators = app.get(IndicatorsService);
  const existing = new Set((await indicators.listDefinitions()).map((d) => d.code));
  for (const d of DEMO_INDICATORS) if (!existing.has(d.code)) await indicators.createDefinition(d);
  const csv = ['Mã chỉ số,Mã đơn vị,Năm,Giá trị', ...demoValues().map((v) => `${v.indicatorCode},${v.organizationCode},${DEMO_RANKING_YEAR},${v.value}`)].join('\n');
  await indicators.importValues(SYSTEM, Buffer.from(csv), 'text/csv', false);
  const published = await indicators.listSnapshots(SYSTEM, { organizationId: provinceId, period: String(DEMO_RANKING_YEAR) });
  if (published.length === 0) await indicators.publish(SYSTEM, String(DEMO_RANKING_YEAR), provinceId);
}
