import { Get, Req, Res } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import type { FastifyReply } from 'fastify';
import { BridgePointsService } from '../../bridge-points/bridge-points.service';
import { ANY_ROLE, Roles } from '../../common/auth/decorators';
import { ListCampaignsQuery } from '../../events/campaigns/campaign.dto';
import { CampaignsService } from '../../events/campaigns/campaigns.service';
import { ListEventsQuery } from '../../events/dto/event.dto';
import { EventsService } from '../../events/events.service';
import { ListTasksQuery } from '../../events/tasks/task.dto';
import { TasksService } from '../../events/tasks/tasks.service';
import { InvitationsService } from '../../invitations/sending/invitations.service';
import { ViewRenderer } from '../view-renderer';
import { html, localDay, type PageReq, WorkspacePages } from './workspace-http';
import { renderWorkspace, workspaceContext } from './workspace-page';
import { campaignRow, dashboardView, notReadyOf } from './workspace-views';

/** The organizer's dashboard: upcoming events with what still needs doing, overdue tasks, campaign progress ("9/14 huyện"). */
@WorkspacePages()
export class DashboardController {
  constructor(
    private readonly views: ViewRenderer,
    private readonly events: EventsService,
    private readonly tasks: TasksService,
    private readonly invitations: InvitationsService,
    private readonly points: BridgePointsService,
    private readonly campaigns: CampaignsService,
  ) {}

  @Get()
  @Roles(...ANY_ROLE)
  async dashboard(@Req() req: PageReq, @Res({ passthrough: true }) reply: FastifyReply) {
    const p = req.principal;
    const today = localDay(new Date());
    const upcoming = await this.events.list(p, plainToInstance(ListEventsQuery, { from: today, limit: 20 }));
    const live = upcoming.items.filter((e) => e.status === 'scheduled' || e.status === 'in_progress' || e.status === 'draft');
    const perEvent = await Promise.all(
      live.map(async (e) => ({
        event: e,
        summary: await this.invitations.summary(p, e.id),
        notReady: e.format === 'in_person' ? 0 : notReadyOf(await this.points.list(p, e.id)),
      })),
    );
    const [overdue, campaigns] = await Promise.all([
      this.tasks.list(p, plainToInstance(ListTasksQuery, { overdue: true, status: 'open', limit: 20 })),
      this.campaigns.list(p, plainToInstance(ListCampaignsQuery, { limit: 10 })),
    ]);
    html(reply);
    return renderWorkspace(this.views, workspaceContext(req, reply), 'dashboard', { ...dashboardView(perEvent, overdue.items, overdue.total ?? overdue.items.length), campaigns: campaigns.items.map(campaignRow) });
  }
}
