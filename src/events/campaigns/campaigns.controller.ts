import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, CurrentPrincipal, MANAGERS, Roles } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { IdPipe } from '../../common/http/params';
import { CampaignPage, CampaignView, CreateCampaignDto, ListCampaignsQuery, UpdateCampaignDto } from './campaign.dto';
import { CampaignsService } from './campaigns.service';

@ApiTags('campaigns')
@Controller('api/campaigns')
export class CampaignsController {
  constructor(private readonly campaigns: CampaignsService) {}

  /** Campaigns hosted in your scope, each with `held` and `target`. */
  @Get()
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: CampaignPage })
  list(@CurrentPrincipal() p: Principal, @Query() query: ListCampaignsQuery) {
    return this.campaigns.list(p, query);
  }

  /** A campaign with the status of every target (held, scheduled, pending) and its events. */
  @Get(':id')
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: CampaignView })
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.campaigns.get(p, id);
  }

  @Post()
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: CampaignView })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateCampaignDto) {
    return this.campaigns.create(p, dto);
  }

  @Patch(':id')
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: CampaignView })
  update(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: UpdateCampaignDto) {
    return this.campaigns.update(p, id, dto);
  }
}
