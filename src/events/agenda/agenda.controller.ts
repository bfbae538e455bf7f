import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ANY_ROLE, CurrentPrincipal, MANAGERS, Roles } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { IdPipe } from '../../common/http/params';
import { AgendaView, ReplaceAgendaDto } from './agenda.dto';
import { AgendaService } from './agenda.service';

@ApiTags('events')
@Controller('api/events/:id/agenda')
export class AgendaController {
  constructor(private readonly agenda: AgendaService) {}

  /** The programme of the event, in order. */
  @Get()
  @Roles(...ANY_ROLE)
  @ApiOkResponse({ type: AgendaView })
  get(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string) {
    return this.agenda.get(p, id);
  }

  /** Replace the programme (ordered items with time, title, type and speaker); warns about double-booked speakers. */
  @Put()
  @Roles(...MANAGERS)
  @ApiOkResponse({ type: AgendaView })
  replace(@CurrentPrincipal() p: Principal, @Param('id', IdPipe) id: string, @Body() dto: ReplaceAgendaDto) {
    return this.agenda.replace(p, id, dto);
  }
}
