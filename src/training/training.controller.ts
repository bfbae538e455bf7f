import { download } from '../common/http/download';
import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConflictResponse, ApiConsumes, ApiForbiddenResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { RosterWriteDto, SessionQuery } from '../attendance/dto/attendance.dto';
import { ANY_ROLE, CurrentPrincipal, MANAGERS, Roles } from '../common/auth/decorators';
import type { Principal } from '../common/auth/principal';
import { ApiImportsBusyResponse } from '../common/csv/import.dto';
import { IdPipe } from '../common/http/params';
import { AttachClassDto, ClassesQuery, CreateProgramDto, EnrollDto, ImportQuery, ProgramsQuery, RevokeDto, ScoreDto, SummaryQuery, TrainingExportQuery, UpdateClassDto, UpdateProgramDto } from './dto/training.dto';
import { TrainerRosterService } from './trainer-roster.service';
import { TrainingSummaryService } from './training-summary.service';
import { TrainingService } from './training.service';


/** Tập huấn: programs, classes, trainers' rosters, scores, certificates and the counts (lượt and người). */
@ApiTags('training')
@Controller('api/training')
export class TrainingController {
  constructor(
    private readonly training: TrainingService,
    private readonly summaries: TrainingSummaryService,
    private readonly trainerRosters: TrainerRosterService,
  ) {}

  /** A training plan of one year: code (certificate prefix), organizer, audience, topics, targets. */
  @Post('programs')
  @Roles(...MANAGERS)
  @ApiConflictResponse({ description: '`training.code_taken`' })
  createProgram(@CurrentPrincipal() p: Principal, @Body() dto: CreateProgramDto) {
    return this.training.createProgram(p, dto);
  }

  @Get('programs')
  @Roles(...ANY_ROLE)
  listPrograms(@CurrentPrincipal() p: Principal, @Query() q: ProgramsQuery) {
    return this.training.listPrograms(p, q.year);
  }

  @Get('programs/:id')
  @Roles(...ANY_ROLE)
  program(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.training.program(p, id);
  }

  /** Changes a program (absent fields stay, null clears an optional one); code and year only while no certificate is issued. Audited. */
  @Patch('programs/:id')
  @Roles(...MANAGERS)
  @ApiBadRequestResponse({ description: 'a field and its reason (e.g. `name`: may not be null)' })
  @ApiConflictResponse({ description: '`training.certificates_issued` (code or year of a program with certificates), `training.code_taken`' })
  updateProgram(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: UpdateProgramDto) {
    return this.training.updateProgram(p, id, dto);
  }

  /** Progress against the targets; lượt and người enrolled, attended, completed — in total, per agency (share of its headcount of the program's year) and per level; classes planned and held. */
  @Get('programs/:id/summary')
  @Roles(...ANY_ROLE)
  programSummary(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.summaries.programSummary(p, id);
  }

  /** The program summary per agency as XLSX or CSV (UTF-8 with BOM), Vietnamese headers. */
  @Get('programs/:id/summary/export')
  @Roles(...ANY_ROLE)
  @HttpCode(200)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  async exportSummary(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Query() q: TrainingExportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return download(reply, await this.summaries.exportSummary(p, id, q.format));
  }

  /** Makes a `training_class` event a class of the program: capacity, completion rule (default 80 %), pass score, trainers. */
  @Post('programs/:id/classes')
  @Roles(...MANAGERS)
  attachClass(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: AttachClassDto) {
    return this.training.attachClass(p, id, dto);
  }

  /** Every program's classes of a year (`period=2013`), optionally of one agency's subtree: lượt and người. */
  @Get('summary')
  @Roles(...ANY_ROLE)
  summary(@CurrentPrincipal() p: Principal, @Query() q: SummaryQuery) {
    return this.summaries.periodSummary(p, q.period, q.organizationId);
  }

  /** Classes (of a program); a trainer sees only the classes they teach. */
  @Get('classes')
  @Roles(...ANY_ROLE)
  classes(@CurrentPrincipal() p: Principal, @Query() q: ClassesQuery) {
    return this.training.listClasses(p, q.programId);
  }

  @Get('classes/:id')
  @Roles(...ANY_ROLE)
  @ApiForbiddenResponse({ description: '`training.not_trainer_of_class` for a trainer of another class' })
  class(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.training.classView(p, id);
  }

  /**
   * Changes a class: capacity (null: no limit; raising it promotes from the waitlist in the same transaction), completion rule and pass score
   * (every trainee's status and certificate recomputed in the same transaction), hours, trainers (the whole list), external trainers, program.
   */
  @Patch('classes/:id')
  @Roles(...MANAGERS)
  @ApiBadRequestResponse({ description: 'a field and its reason' })
  @ApiConflictResponse({ description: '`training.capacity_below_enrolled`, `training.certificates_issued` (program of a class with certificates)' })
  updateClass(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: UpdateClassDto) {
    return this.training.updateClass(p, id, dto);
  }

  /** A session's trainees with their marks, for the class's trainers (and managers). */
  @Get('classes/:id/attendance')
  @Roles(...ANY_ROLE)
  roster(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Query() q: SessionQuery) {
    return this.trainerRosters.roster(p, id, q.sessionId);
  }

  /** The trainer records a session's attendance in bulk (attendance statuses); a trainer of another class gets 403. Statuses follow in the same transaction. */
  @Put('classes/:id/attendance')
  @Roles('admin', 'organizer', 'trainer')
  @ApiForbiddenResponse({ description: '`training.not_trainer_of_class`' })
  writeRoster(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Query() q: SessionQuery, @Body() dto: RosterWriteDto) {
    return this.trainerRosters.write(p, id, q.sessionId, dto.records);
  }

  /** The signed-in trainer's link to the phone roster page, `/roster/{token}`, valid on the class days. */
  @Get('classes/:id/roster-link')
  @Roles('admin', 'organizer', 'trainer')
  rosterLink(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.trainerRosters.link(p, id);
  }

  /** Records (or clears with null) a trainee's score; status and certificate follow in the same transaction. */
  @Put('enrollments/:id/score')
  @Roles('admin', 'organizer', 'trainer')
  score(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: ScoreDto) {
    return this.training.setScore(p, id, dto.score);
  }

  /** Withdraws a trainee (status `withdrawn`, off the list, certificate revoked keeping its number). */
  @Post('enrollments/:id/withdraw')
  @HttpCode(200)
  @Roles(...MANAGERS)
  withdraw(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.training.withdraw(p, id);
  }

  @Get('enrollments/:id/certificate')
  @Roles(...ANY_ROLE)
  certificateOf(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.training.certificate(p, { enrollmentId: id });
  }

  /** A reprint: the same number (the print count rises). */
  @Post('certificates/:id/reprint')
  @HttpCode(200)
  @Roles('admin', 'organizer', 'trainer')
  reprint(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.training.reprint(p, id);
  }

  /** Revokes a certificate; it keeps its number, and the verify page shows it revoked. */
  @Post('certificates/:id/revoke')
  @HttpCode(200)
  @Roles(...MANAGERS)
  revoke(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: RevokeDto) {
    return this.training.revoke(p, id, dto.reason);
  }
}

/** Enrolment of a class (an event of kind training_class). */
@ApiTags('training')
@Controller('api/events/:id/enrollments')
export class EnrollmentsController {
  constructor(
    private readonly training: TrainingService,
    private readonly summaries: TrainingSummaryService,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  list(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.training.listEnrollments(p, id);
  }

  /** One person (`personId`), or every nominee of the invited agencies (`fromNominations`); past capacity 409 unless `waitlist`. */
  @Post()
  @Roles(...MANAGERS)
  @ApiConflictResponse({ description: '`training.over_capacity`, `training.already_enrolled`' })
  enroll(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: EnrollDto) {
    return this.training.enroll(p, id, dto);
  }

  /** A roster file (CSV UTF-8 with or without BOM, or XLSX): Họ tên, Đơn vị, Chức vụ, Email, Điện thoại. All or nothing: every bad row listed. */
  @Post('import')
  @HttpCode(200)
  @Roles(...MANAGERS)
  @ApiConsumes('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiImportsBusyResponse()
  @ApiBody({ schema: { type: 'string', example: 'Họ tên,Đơn vị,Chức vụ,Email,Điện thoại\nNguyễn Văn A,Sở Thông tin và Truyền thông,Chuyên viên,nva@example.gov.vn,0912345678' } })
  import(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() body: unknown, @Headers('content-type') contentType: string | undefined, @Query() q: ImportQuery) {
    return this.training.importRoster(p, id, body, contentType, q.waitlist ?? false);
  }

  /** Roster and results (one line per trainee) as XLSX or CSV (UTF-8 with BOM), Vietnamese headers, dd/MM/yyyy. */
  @Get('export')
  @Roles(...ANY_ROLE)
  @HttpCode(200)
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv')
  @ApiOkResponse({ description: 'The file' })
  async export(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Query() q: TrainingExportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    return download(reply, await this.summaries.exportRoster(p, id, q.format));
  }
}
