import { Body, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { FastifyReply } from 'fastify';
import { MANAGERS, Roles } from '../../common/auth/decorators';
import { CreateTaskDto, UpdateTaskDto } from '../../events/tasks/task.dto';
import { TasksService } from '../../events/tasks/tasks.service';
import { back, type Form, formAction, type PageReq, refusal, text, WorkspacePages } from './workspace-http';

/**
 * An event's follow-up tasks from its page: assign one (an agency and/or a person, a due date) and
 * mark one done — TasksService as the API's POST …/tasks and PATCH /api/tasks/:id use it (the host's
 * organizers assign; the assignee's organizers may report it done).
 */
@WorkspacePages('app/events/:id/tasks')
@Roles(...MANAGERS)
export class WorkspaceTasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post()
  async create(@Param('id', ParseUUIDPipe) id: string, @Req() req: PageReq, @Body() body: Form, @Res() reply: FastifyReply) {
    const dto = plainToInstance(CreateTaskDto, {
      title: text(body?.title) || undefined,
      assigneeOrganizationId: text(body?.assigneeOrganizationId) || undefined,
      assigneePersonId: text(body?.assigneePersonId) || undefined,
      dueDate: text(body?.dueDate) || undefined,
    });
    return formAction(reply, `/app/events/${id}#tasks`, dto, () => this.tasks.create(req.principal, id, dto), 'task');
  }

  @Post(':taskId/done')
  async done(@Param('id', ParseUUIDPipe) id: string, @Param('taskId', ParseUUIDPipe) taskId: string, @Req() req: PageReq, @Res() reply: FastifyReply) {
    try {
      const task = (await this.tasks.forEvent(req.principal, id)).find((t) => t.id === taskId);
      if (!task) return back(reply, `/app/events/${id}#tasks`, { error: 'invalid' });
      await this.tasks.update(req.principal, taskId, plainToInstance(UpdateTaskDto, { status: 'done' }));
      return back(reply, `/app/events/${id}#tasks`, { done: 'taskDone' });
    } catch (e) {
      return back(reply, `/app/events/${id}#tasks`, { error: refusal(e) });
    }
  }
}
