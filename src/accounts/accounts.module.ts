import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from '../common/auth/auth.guard';
import { PRINCIPAL_LOADER } from '../common/auth/principal';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AccountsService } from './accounts.service';
import { AuthController } from './auth.controller';
import { PasswordResetService } from './password-reset.service';
import { User } from './user.entity';
import { UsersController } from './users.controller';

/**
 * Users and login; installs the global AuthGuard with AccountsService as its PrincipalLoader. Global so
 * that the PrincipalLoader reaches the CallerCheckInterceptor of the routes that check their caller in
 * their own statement (`@CallerCheckedInQuery()`), in whichever module they are.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User]), OrganizationsModule],
  controllers: [AuthController, UsersController],
  providers: [AccountsService, PasswordResetService, { provide: PRINCIPAL_LOADER, useExisting: AccountsService }, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccountsService, PasswordResetService, PRINCIPAL_LOADER],
})
export class AccountsModule {}
