import { type DynamicModule, Module } from '@nestjs/common';
import { DevOutboxController } from './dev-outbox.controller';
import { MailService } from './mail.service';

/** Mail transports (SMTP pooled, or .eml files) and, outside production, the dev outbox listing. */
@Module({})
export class MailModule {
  static forRoot({ devOutbox }: { devOutbox: boolean }): DynamicModule {
    return { module: MailModule, global: true, providers: [MailService], exports: [MailService], controllers: devOutbox ? [DevOutboxController] : [] };
  }
}
