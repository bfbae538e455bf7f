import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthGuard } from '../common/auth/auth.guard';
import { PRINCIPAL_LOADER } from '../common/auth/principal';
import { describeConstraint } from '../common/errors/http-exception.filter';
import { OrganizationsModule } from '../organizations/organizations.module';
import { AccountsService } from './accounts.service';
import { AuthController } from './auth.controller';
import { User } from './user.entity';
import { UsersController } from './users.controller';

describeConstraint('users_email_key', 'email', 'A user with this e-mail already exists');
describeConstraint('users_scope_organization_id_fkey', 'scopeOrganizationId', 'The organization is the scope of a user');

/** Users and login; installs the global AuthGuard with AccountsService as its PrincipalLoader. */
@Module({
  imports: [TypeOrmModule.forFeature([User]), OrganizationsModule],
  controllers: [AuthController, UsersController],
  providers: [AccountsService, { provide: PRINCIPAL_LOADER, useExisting: AccountsService }, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AccountsService],
})
export class AccountsModule {}
