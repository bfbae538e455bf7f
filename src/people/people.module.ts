import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/errors/http-exception.filter';
import { OrganizationsModule } from '../organizations/organizations.module';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';
import { Person } from './person.entity';

describeConstraint('people_email_key', 'email', 'A person with this e-mail already exists');
describeConstraint('people_organization_id_fkey', 'organizationId', 'The organization still has people');

@Module({
  imports: [TypeOrmModule.forFeature([Person]), OrganizationsModule],
  controllers: [PeopleController],
  providers: [PeopleService],
  exports: [PeopleService],
})
export class PeopleModule {}
