import { type DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JOB_RUNNER_OPTIONS, JobRunner, type JobRunnerOptions } from './job-runner';
import { JobsService } from './jobs.service';
import { OutboxMessage } from './outbox.entity';

/** The outbox, its relay and the job runner (BullMQ with REDIS_URL, inline without). Global: every module may enqueue. */
@Global()
@Module({})
export class JobsModule {
  static forRoot(options: JobRunnerOptions): DynamicModule {
    return {
      module: JobsModule,
      imports: [TypeOrmModule.forFeature([OutboxMessage])],
      providers: [JobsService, JobRunner, { provide: JOB_RUNNER_OPTIONS, useValue: options }],
      exports: [JobsService, JobRunner],
    };
  }
}
