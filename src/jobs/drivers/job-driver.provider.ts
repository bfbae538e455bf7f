import type { Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../../config/env';
import { JobExecutor } from '../job-executor';
import { JobsService } from '../jobs.service';
import { BullmqDriver } from './bullmq.driver';
import { InlineDriver } from './inline.driver';
import { JOB_DRIVER, JOBS_OPTIONS, type JobDriver, type JobsOptions } from './job-driver';

/** The one place that picks the job driver: BullMQ when REDIS_URL is set, inline otherwise. */
export const jobDriverProvider: Provider = {
  provide: JOB_DRIVER,
  inject: [ConfigService, JOBS_OPTIONS, JobsService, JobExecutor, getDataSourceToken()],
  useFactory: (config: ConfigService<AppConfig, true>, options: JobsOptions, jobs: JobsService, executor: JobExecutor, db: DataSource): JobDriver => {
    const redisUrl = config.get('redisUrl', { infer: true });
    const mailRatePerSecond = config.get('mailRatePerSecond', { infer: true });
    if (redisUrl) {
      const prefix = config.get('queuePrefix', { infer: true });
      const lockMs = config.get('jobLockMs', { infer: true });
      return new BullmqDriver({ redisUrl, prefix, runWorker: options.runWorker, mailRatePerSecond, lockMs }, jobs, executor, db);
    }
    return new InlineDriver({ runWorker: options.runWorker, mailRatePerSecond }, jobs, executor, db);
  },
};
