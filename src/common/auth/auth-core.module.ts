import { Global, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import type { AppConfig } from '../../config/env';

/** JWT signing and verification for every module. AccountsModule installs AuthGuard globally with its PrincipalLoader. */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      global: true,
      inject: [ConfigService],
      useFactory: (config: ConfigService<AppConfig, true>) => ({
        // A KeyObject made once: given a string, jsonwebtoken first tries it as a PEM public key (a throw and a
        // parse) and then builds a secret key, on every request.
        secret: createSecretKey(Buffer.from(config.get('jwtSecret', { infer: true }), 'utf8')) as unknown as string,
        // One algorithm, named on both sides: a token signed any other way (HS512, none, RS256 with
        // the secret as a "public key") is refused. AuthGuard also requires `exp`.
        signOptions: { expiresIn: '12h', issuer: 'hoinghi', algorithm: 'HS256' },
        verifyOptions: { issuer: 'hoinghi', algorithms: ['HS256'] },
      }),
    }),
  ],
})
export class AuthCoreModule {}
