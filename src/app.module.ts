import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule, type Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AccountsModule } from './accounts/accounts.module';
import { BridgePointsModule } from './bridge-points/bridge-points.module';
import { AttendanceModule } from './attendance/attendance.module';
import { TrainingModule } from './training/training.module';
import { IndicatorsModule } from './indicators/indicators.module';
import { AuthCoreModule } from './common/auth/auth-core.module';
import { UnitOfWorkModule } from './common/unit-of-work/unit-of-work.module';
import { AppConfigModule } from './config/config.module';
import type { AppConfig } from './config/env';
import { redactingSerializers } from './common/security/redact';
import { appPoolOptions, dataSourceOptions } from './database/data-source';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { InvitationsModule } from './invitations/invitations.module';
import { JobsModule } from './jobs/jobs.module';
import { MailModule } from './mail/mail.module';
import { WebModule } from './web/web.module';
import { OrganizationsModule } from './organizations/organizations.module';
import { PeopleModule } from './people/people.module';

export interface AppOptions {
  config: AppConfig;
  /** The database to use, decided once at boot by `startDatabase()`. */
  databaseUrl: string;
  /** `api` serves HTTP; `worker` runs jobs only (no controllers); `cli` neither relays nor runs jobs. */
  role?: 'api' | 'worker' | 'cli';
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: DestinationStream;
}

/** The whole module graph; main.ts, worker.ts, cli.ts and the tests all build it from here. */
@Module({})
export class AppModule {
  static forRoot({ config, databaseUrl, role = 'api', logStream }: AppOptions): DynamicModule {
    const pretty = config.env === 'development' && process.stdout.isTTY;
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // No middleware: request lines come from a Fastify hook (common/logging/request-log.ts).
          // The pino-http options below still build the one logger, with its serializers and redaction.
          forRoutes: [],
          pinoHttp: withStream(logStream, {
            level: config.logLevel,
            // The request id is Fastify's (see bootstrap.ts), logged as req.id.
            redact: ['req.headers.authorization', 'req.headers.cookie'],
            // Personal-link tokens in paths (and a redirect's Location) are credentials too.
            serializers: redactingSerializers,
            ...(pretty && !logStream ? { transport: { target: 'pino-pretty', options: { singleLine: true, translateTime: 'SYS:HH:MM:ss' } } } : {}),
          }),
        }),
        TypeOrmModule.forRoot({ ...dataSourceOptions(databaseUrl, { extra: appPoolOptions(config.statementTimeoutMs) }), migrations: [], autoLoadEntities: false }),
        UnitOfWorkModule,
        AuthCoreModule,
        // The worker process always runs jobs; the API process too unless RUN_WORKER=false; the CLI
        // never (it must not send mail: `seed-demo` with SMTP_URL set would mail real people).
        JobsModule.forRoot(role === 'cli' ? { runWorker: false, relay: false } : { runWorker: role === 'worker' || config.runWorker }),
        MailModule.forRoot({ devOutbox: role === 'api' && config.env !== 'production' }),
        OrganizationsModule,
        PeopleModule,
        AccountsModule,
        EventsModule,
        InvitationsModule,
        BridgePointsModule,
        AttendanceModule,
        TrainingModule,
        IndicatorsModule,
        ...(role === 'api' ? [HealthModule, WebModule] : []),
      ],
    };
  }
}

type PinoHttpOptions = Exclude<NonNullable<Params['pinoHttp']>, unknown[] | DestinationStream>;
const withStream = (stream: DestinationStream | undefined, options: PinoHttpOptions): Params['pinoHttp'] => (stream ? [options, stream] : options);
