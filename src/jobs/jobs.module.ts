import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JOB_DRIVER, JOBS_OPTIONS, type JobsOptions } from './drivers/job-driver';
import { jobDriverProvider } from './drivers/job-driver.provider';
import { JobExecutor } from './job-executor';
import { JobKindCheck } from './job-kind-check';
import { JobsService } from './jobs.service';
import { OutboxMessage } from './outbox.entity';
import { OutboxRelay } from './outbox-relay';
import { OutboxRetention } from './outbox-retention';

/**
 * The outbox, its relay and the job driver (BullMQ with REDIS_URL, inline without), the boot check
 * of job kinds, and outbox retention. Global: every module may enqueue.
 */
@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobsOptions): DynamicModule {
    return {
      module: JobsModule,
      imports: [TypeOrmModule.forFeature([OutboxMessage])],
      providers: [
        JobsService,
        JobExecutor,
        JobKindCheck,
        { provide: JOBS_OPTIONS, useValue: options },
        jobDriverProvider,
        OutboxRelay,
        OutboxRetention,
      ],
      exports: [JobsService, JOB_DRIVER],
    };
  }
}
