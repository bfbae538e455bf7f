import { Injectable } from '@nestjs/common';
import { neutralize, toCsv, toXlsx } from '../attendance/attendance-export';
import type { Principal } from '../common/auth/principal';
import { Clock } from '../common/time/clock';
import { UnitOfWork } from '../common/unit-of-work/unit-of-work';
import { OrganizationsService } from '../organizations/organizations.service';
import { BY_LEVEL_SQL, BY_ORGANIZATION_SQL, BY_PROGRAM_SQL, CLASSES_SQL, TOTALS_SQL } from './summary.queries';
import { TrainingService } from './training.service';

type Counts = Record<string, number>;

/** Trainee counts (lượt and người) per program, agency, level and period; the exports. */
@Injectable()
export class TrainingSummaryService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly training: TrainingService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  private q<T>(sql: string, params: unknown[]): Promise<T[]> {
    return this.uow.manager.query(sql, params);
  }

  /** A program's progress against its targets, with lượt/người per agency (share of its headcount of the program's year) and per level. */
  async programSummary(principal: Principal, programId: string) {
    const program = (await this.training.program(principal, programId)) as unknown as Record<string, unknown> & { year: number; targetClasses: number | null; targetTrainees: number | null; targetHeadcountPercent: number | null };
    const figures = await this.figures(programId, null, null, program.year);
    return {
      programId, code: program.code, name: program.name, year: program.year,
      ...figures,
      targets: {
        classes: program.targetClasses, trainees: program.targetTrainees, headcountPercent: program.targetHeadcountPercent,
        classesProgress: program.targetClasses ? round3(figures.classes.held / program.targetClasses) : null,
        traineesProgress: program.targetTrainees ? round3(figures.trainees.enrolledNguoi / program.targetTrainees) : null,
      },
    };
  }

  /** Every program's classes of a year (optionally one agency's subtree): totals, per program, agency and level. */
  async periodSummary(principal: Principal, period: string, organizationId?: string) {
    const year = Number(period);
    let path: string | null = await this.organizations.scopePath(principal);
    if (organizationId) path = (await this.organizations.getInScope(principal, organizationId)).path;
    const figures = await this.figures(null, year, path, year);
    const byProgram = await this.q<Counts>(BY_PROGRAM_SQL, [null, year, path]);
    return { period, organizationId: organizationId ?? null, ...figures, byProgram };
  }

  private async figures(programId: string | null, year: number | null, path: string | null, headcountYear: number) {
    const now = this.clock.now();
    const [[classes], [trainees], byOrganization, byLevel] = await Promise.all([
      this.q<{ planned: number; held: number }>(CLASSES_SQL, [programId, year, path, now]),
      this.q<Counts>(TOTALS_SQL, [programId, year, path]),
      this.q<Counts & { organizationId: string; organizationName: string }>(BY_ORGANIZATION_SQL, [programId, year, path, headcountYear]),
      this.q<Counts & { level: string }>(BY_LEVEL_SQL, [programId, year, path]),
    ]);
    return { headcountYear, classes, trainees: trainees as Counts & { enrolledNguoi: number }, byOrganization, byLevel };
  }

  async exportSummary(principal: Principal, programId: string, format: 'xlsx' | 'csv') {
    const s = await this.programSummary(principal, programId);
    const header = ['Đơn vị', 'Cấp', 'Ghi danh (lượt)', 'Ghi danh (người)', 'Có mặt (lượt)', 'Có mặt (người)', 'Hoàn thành (lượt)', 'Hoàn thành (người)', 'Biên chế (năm)', 'Biên chế', 'Tỷ lệ được tập huấn'];
    const rows = s.byOrganization.map((o) => [
      String(o.organizationName), LEVELS[String(o.level)] ?? String(o.level), String(o.enrolledLuot), String(o.enrolledNguoi), String(o.attendedLuot), String(o.attendedNguoi),
      String(o.completedLuot), String(o.completedNguoi), o.headcountYear == null ? '' : String(o.headcountYear), o.headcount == null ? '' : String(o.headcount),
      o.shareTrained == null ? '' : `${(Number(o.shareTrained) * 100).toFixed(1)}%`,
    ]);
    const t = s.trainees as Counts;
    rows.push(['Tổng cộng', '', String(t.enrolledLuot), String(t.enrolledNguoi), String(t.attendedLuot), String(t.attendedNguoi), String(t.completedLuot), String(t.completedNguoi), '', '', '']);
    return file([header, ...rows].map((r) => r.map(neutralize)), format, 'Tổng hợp', `tong-hop-tap-huan-${s.code}-${s.year}`);
  }

  /** A class's roster and results: one line per trainee. */
  async exportRoster(principal: Principal, eventId: string, format: 'xlsx' | 'csv') {
    const list = await this.training.listEnrollments(principal, eventId);
    const header = ['STT', 'Họ và tên', 'Chức vụ', 'Đơn vị', 'Email', 'Điện thoại', 'Ngày ghi danh', 'Trạng thái', 'Số buổi tính', 'Số buổi có mặt', 'Số buổi vắng có lý do', 'Điểm', 'Số giấy chứng nhận'];
    const rows = list.map((e, i) => [
      String(i + 1), e.fullName, e.title ?? '', e.organizationName ?? '', e.email ?? '', e.phone ?? '', ddMMyyyy(new Date(e.enrolledAt)), STATUS[e.status], String(e.sessionsCounted), String(e.sessionsAttended),
      String(e.sessionsExcused), e.score === null ? '' : String(e.score), e.certificate ? `${e.certificate.number}${e.certificate.revoked ? ' (đã thu hồi)' : ''}` : '',
    ]);
    return file([header, ...rows].map((r) => r.map(neutralize)), format, 'Học viên', `hoc-vien-${eventId.slice(0, 8)}`);
  }
}

const LEVELS: Record<string, string> = { central: 'Trung ương', province: 'Tỉnh', district: 'Huyện', commune: 'Xã' };
export const STATUS: Record<string, string> = { waitlisted: 'Danh sách chờ', enrolled: 'Đang học', completed: 'Hoàn thành', incomplete: 'Chưa hoàn thành', withdrawn: 'Đã rút' };

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** dd/MM/yyyy in Hà Nội time. */
export function ddMMyyyy(d: Date): string {
  const iso = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

async function file(table: string[][], format: 'xlsx' | 'csv', sheet: string, name: string) {
  return format === 'csv'
    ? { contentType: 'text/csv; charset=utf-8', filename: `${name}.csv`, body: toCsv(table) }
    : { contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename: `${name}.xlsx`, body: await toXlsx(table, sheet) };
}
