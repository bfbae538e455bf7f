import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from '../common/auth/auth.guard';
import { CallerCheckInterceptor } from '../common/auth/caller-check.interceptor';
import { PRINCIPAL_LOADER } from '../common/auth/principal';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AccountsService } from './accounts.service';
import { AuthController } from './auth.controller';
import { PasswordResetService } from './password-reset.service';
import { User } from './user.entity';
import { UsersController } from './users.controller';

/** Users and login; installs the global AuthGuard (and its CallerCheckInterceptor) with AccountsService as its PrincipalLoader. */
@Module({
  imports: [TypeOrmModule.forFeature([User]), OrganizationsModule],
  controllers: [AuthController, UsersController],
  providers: [AccountsService, PasswordResetService, { provide: PRINCIPAL_LOADER, useExisting: AccountsService }, { provide: APP_GUARD, useClass: AuthGuard }, { provide: APP_INTERCEPTOR, useClass: CallerCheckInterceptor }],
  exports: [AccountsService, PasswordResetService, PRINCIPAL_LOADER],
})
export class AccountsModule {}
