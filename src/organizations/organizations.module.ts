import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/errors/http-exception.filter';
import { Organization, OrganizationHeadcount } from './organization.entity';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';

describeConstraint('organizations_code_key', 'code', 'An organization with this code already exists');
describeConstraint('organizations_parent_id_fkey', 'id', 'The organization still has child organizations');
describeConstraint('organization_headcounts_org_year_key', 'headcounts', 'A headcount for this year already exists');

@Module({
  imports: [TypeOrmModule.forFeature([Organization, OrganizationHeadcount])],
  controllers: [OrganizationsController],
  providers: [OrganizationsService],
  exports: [OrganizationsService],
})
export class OrganizationsModule {}
