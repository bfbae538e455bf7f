import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import type { AppConfig } from './env';

/**
 * Registers the configuration that `loadConfig()` validated before boot with @nestjs/config,
 * so services inject `ConfigService<AppConfig, true>` and read typed values with `{ infer: true }`.
 * Validation happens before Nest starts because the database mode must be known before the
 * module graph is built.
 */
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig) {
    return {
      module: AppConfigModule,
      imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, skipProcessEnv: true, load: [() => ({ ...config })] })],
    };
  }
}
