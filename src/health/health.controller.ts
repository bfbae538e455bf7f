import { Controller, Get, HttpException, Logger, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/decorators';
import { HttpExceptionFilter } from '../common/errors/http-exception.filter';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Controller('health')
export class HealthController {
  private readonly log = new Logger('health');
  /** What the last check found down (empty: all up): an outage is logged when it starts and ends, not per check. */
  private down = '';
  private readonly errors = new HttpExceptionFilter();

  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  /**
   * 200 when PostgreSQL (and Redis, when configured) answer; 503 naming what is down. A 503 here is
   * an expected answer, not our failure: it is logged once per outage as a warning (and its end as
   * info), never as an error with a stack per request.
   */
  @Get()
  @Public()
  @HealthCheck()
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    try {
      const result = await this.health.check([() => this.db.pingCheck('database', { timeout: 2000 }), () => this.redis.check()]);
      if (this.down) this.log.log(`health: ${this.down} back up`);
      this.down = '';
      return result;
    } catch (e) {
      if (!(e instanceof HttpException) || e.getStatus() !== 503) throw e;
      const body = this.errors.toBody(e);
      const down = body.details.map((d) => `${d.field} (${d.message})`).join(', ');
      const names = body.details.map((d) => d.field).join(', ');
      if (names !== this.down) this.log.warn(`health: 503, down: ${down}`);
      this.down = names;
      reply.status(503);
      return body;
    }
  }
}
