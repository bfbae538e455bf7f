import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { parseYesNo } from '../../common/csv/yes-no';
import { PageQuery } from '../../common/pagination/page';
import { cleanText } from '../../common/text/vietnamese';
import { TASK_STATUSES, type TaskStatus } from './task.entity';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateTaskDto {
  /** e.g. "Hoàn thành báo cáo đánh giá, chấm điểm mức độ ứng dụng CNTT". */
  @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 1000)
  title!: string;

  @IsOptional() @IsString() @Length(0, 10000)
  description?: string | null;

  /** The agency that owes the task (and/or a person). */
  @IsOptional() @IsUUID()
  assigneeOrganizationId?: string | null;

  @IsOptional() @IsUUID()
  assigneePersonId?: string | null;

  /** Local due date, `2015-06-30`. */
  @IsOptional() @Matches(DAY, { message: 'dueDate must be a day like 2015-06-30' })
  dueDate?: string | null;

  /** The period as the conclusion words it ("Quý II/2015", "6 tháng đầu năm 2015"); sets dueDate to its last day when dueDate is omitted. */
  @IsOptional() @Transform(({ value }) => cleanText(value)) @IsString() @Length(1, 60)
  duePeriod?: string | null;

  @IsOptional() @Transform(({ value }) => cleanText(value)) @IsString() @Length(0, 5000)
  note?: string | null;
}

export class UpdateTaskDto extends PartialType(CreateTaskDto) {
  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional() @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  /** Local date the task was done (defaults to today when status becomes done). */
  @IsOptional() @Matches(DAY, { message: 'doneOn must be a day like 2015-06-25' })
  doneOn?: string | null;
}

export class ListTasksQuery extends PageQuery {
  /** Tasks assigned to this organization or any organization below it. */
  @IsOptional() @IsUUID()
  organizationId?: string;

  @IsOptional() @IsUUID()
  personId?: string;

  @IsOptional() @IsUUID()
  eventId?: string;

  @ApiPropertyOptional({ enum: TASK_STATUSES })
  @IsOptional() @IsIn(TASK_STATUSES)
  status?: TaskStatus;

  /** Only open tasks whose due date has passed (Hà Nội date). */
  @IsOptional() @Transform(({ value }) => parseYesNo(value)) @IsIn([true, false])
  overdue?: boolean;
}

export class TaskView {
  id!: string;
  eventId!: string;
  title!: string;
  description!: string | null;
  assigneeOrganizationId!: string | null;
  assigneePersonId!: string | null;
  dueDate!: string | null;
  duePeriod!: string | null;
  @ApiProperty({ enum: TASK_STATUSES }) status!: TaskStatus;
  doneOn!: string | null;
  note!: string | null;
  /** Open and past its due date (Hà Nội date). */
  overdue!: boolean;
  createdAt!: Date;
  updatedAt!: Date;
}

export class TaskPage {
  @ApiProperty({ type: [TaskView] }) items!: TaskView[];
  total!: number;
  /** More rows follow this page. */
  hasMore!: boolean;
  limit!: number;
  offset!: number;
}
