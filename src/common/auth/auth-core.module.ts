import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import type { AppConfig } from '../../config/env';

/** JWT signing and verification for every module. AccountsModule installs AuthGuard globally with its PrincipalLoader. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      global: true,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        secret: config.get('jwtSecret', { infer: true }),
        signOptions: { expiresIn: '12h', issuer: 'hoinghi' },
        verifyOptions: { issuer: 'hoinghi' },
      }),
    }),
  ],
})
export class AuthCoreModule {}
