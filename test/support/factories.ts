import { randomBytes } from 'node:crypto';
import type { Principal } from '../../src/common/auth/principal';
import type { CreateOrganizationDto } from '../../src/organizations/dto/organization.dto';
import { OrganizationsService } from '../../src/organizations/organizations.service';
import type { CreatePersonDto } from '../../src/people/dto/person.dto';
import { PeopleService } from '../../src/people/people.service';
import type { TestContext } from './app';

const SYSTEM: Principal = { userId: 'factory', email: 'factory@test', role: 'admin', scopeOrganizationId: null };
const uniq = () => randomBytes(4).toString('hex');

/** Builders that go through the services (so every invariant holds) and return what they made. */
export function factories(ctx: TestContext) {
  const orgs = ctx.app.get(OrganizationsService);
  const people = ctx.app.get(PeopleService);
  return {
    org: (o: Partial<CreateOrganizationDto> = {}) =>
      orgs.create(SYSTEM, { code: `T${uniq()}`, name: `Đơn vị ${uniq()}`, kind: 'department', level: 'province', ...o }),
    province: (name: string, code = `P${uniq()}`) => orgs.create(SYSTEM, { code, name, kind: 'province', level: 'province' }),
    person: (organizationId: string, p: Partial<CreatePersonDto> = {}) =>
      people.create(SYSTEM, { fullName: `Cán bộ ${uniq()}`, organizationId, email: `cb-${uniq()}@example.gov.vn`, ...p }),
  };
}
