import { randomBytes } from 'node:crypto';
import { SYSTEM_PRINCIPAL as SYSTEM } from '../../src/common/auth/principal';
import type { CreateOrganizationDto } from '../../src/organizations/dto/organization.dto';
import { OrganizationsService } from '../../src/organizations/organizations.service';
import type { CreatePersonDto } from '../../src/people/dto/person.dto';
import { PeopleService } from '../../src/people/people.service';
import { startTestApp, type TestContext } from './app';

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

export type Factories = ReturnType<typeof factories>;

/** One app per test file, with an administrator's token and the factories. */
export async function startAdminApp(env: Record<string, string> = {}): Promise<{ ctx: TestContext; admin: string; f: Factories }> {
  const ctx = await startTestApp(env);
  return { ctx, admin: await ctx.tokenFor('admin'), f: factories(ctx) };
}
