import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, CurrentPrincipal, MANAGERS, Roles } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { IdPipe } from '../../common/http/params';
import { CreateTaskDto, ListTasksQuery, TaskPage, TaskView, UpdateTaskDto } from './task.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@Controller('api')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  /** Tasks hosted or owed in your scope: `organizationId` (its subtree), `status`, `overdue=true`, `eventId`, `personId`. Sorted by due date. */
  @Get('tasks')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: TaskPage })
  list(@CurrentPrincipal() p: Principal, @Query() query: ListTasksQuery) {
    return this.tasks.list(p, query);
  }

  /** Change a task. Organizers of the host change anything; organizers of the assignee report status, done date and note. */
  @Patch('tasks/:id')
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: TaskView })
  update(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: UpdateTaskDto) {
    return this.tasks.update(p, id, dto);
  }

  /** The follow-up tasks an event's conclusion assigned. */
  @Get('events/:id/tasks')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: [TaskView] })
  forEvent(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.tasks.forEvent(p, id);
  }

  /** Assign a task: to an organization and/or a person, due on a date or by a period ("Quý II/2015" → 30/06/2015). */
  @Post('events/:id/tasks')
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: TaskView })
  create(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: CreateTaskDto) {
    return this.tasks.create(p, id, dto);
  }
}
