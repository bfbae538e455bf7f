import { Clock } from '../common/time/clock';
import { HttpStatus, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Principal, PrincipalLoader } from '../common/auth/principal';
import type { SqlCondition } from '../common/sql';
import { ORGANIZATION_PATHS_SQL } from '../organizations/organizations.read-model';
import { ApiError, badRequest, forbidden, notFound } from '../common/errors/api-error';
import { AccountsError } from './accounts.errors';
import { type Page, pageWithTotal } from '../common/pagination/page';
import { OrganizationsService } from '../organizations/organizations.service';
import type { CreateUserDto, ListUsersQuery, TokenView, UpdateUserDto, UserView } from './dto/user.dto';
import { DUMMY_HASH, hashPassword, verifyPassword } from './password';
import { User } from './user.entity';

const TOKEN_TTL_SECONDS = 12 * 3600;
/** Unique parameter names for caller checks, so one statement may hold several conditions. */
let checkCounter = 0;

const toView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  scopeOrganizationId: u.scopeOrganizationId,
  active: u.active,
  lastLoginAt: u.lastLoginAt,
  createdAt: u.createdAt,
});

/** Users, login and the PrincipalLoader the global AuthGuard uses. Every read and write of `users`. */
@Injectable()
export class AccountsService implements PrincipalLoader {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly jwt: JwtService,
    private readonly organizations: OrganizationsService,
    private readonly clock: Clock,
  ) {}

  async load(userId: string, tokenVersion: number): Promise<Principal | null> {
    // One plain query per request: the user and the path of its scope (so scope checks of this request need no query).
    const [u]: (Principal & { scopePath: string | null })[] = await this.users.query(
      `SELECT u.id AS "userId", u.email, u.role, u.scope_organization_id AS "scopeOrganizationId", o.path AS "scopePath"
         FROM users u LEFT JOIN ${ORGANIZATION_PATHS_SQL} o ON o.id = u.scope_organization_id
        WHERE u.id = $1 AND u.active AND u.token_version = $2`,
      [userId, tokenVersion],
    );
    if (!u) return null;
    const { scopePath, ...principal } = u;
    return { ...principal, ...(u.scopeOrganizationId && scopePath ? { scope: { organizationId: u.scopeOrganizationId, path: scopePath } } : {}) };
  }

  checkCondition(userId: string, tokenVersion: number): SqlCondition {
    const n = ++checkCounter;
    return {
      sql: `EXISTS (SELECT 1 FROM users caller_u WHERE caller_u.id = :callerId${n} AND caller_u.active AND caller_u.token_version = :callerVersion${n})`,
      params: { [`callerId${n}`]: userId, [`callerVersion${n}`]: tokenVersion },
    };
  }

  async login(email: string, password: string): Promise<TokenView> {
    const user = await this.users.findOne({ where: { email }, select: { id: true, email: true, displayName: true, role: true, scopeOrganizationId: true, active: true, lastLoginAt: true, createdAt: true, passwordHash: true, tokenVersion: true } });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) throw new ApiError(HttpStatus.UNAUTHORIZED, 'Wrong e-mail or password', [], AccountsError.WrongCredentials);
    user.lastLoginAt = this.clock.now();
    await this.users.update({ id: user.id }, { lastLoginAt: user.lastLoginAt });
    // Role, scope and e-mail as of now: valid while the version is (a change of role or scope raises it), so
    // reads marked @CallerCheckedInQuery() need only check the version, in their own statement.
    const claims = { sub: user.id, ver: user.tokenVersion, rol: user.role, scp: user.scopeOrganizationId, eml: user.email };
    const accessToken = await this.jwt.signAsync(claims, { expiresIn: TOKEN_TTL_SECONDS });
    return { accessToken, tokenType: 'Bearer', expiresIn: TOKEN_TTL_SECONDS, user: toView(user) };
  }

  async me(principal: Principal): Promise<UserView> {
    return this.get(principal.userId);
  }

  async list(query: ListUsersQuery): Promise<Page<UserView>> {
    const [items, total] = await this.users.findAndCount({
      where: query.role ? { role: query.role } : {},
      order: { email: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return pageWithTotal(items.map(toView), total, query);
  }

  async get(id: string): Promise<UserView> {
    const u = await this.users.findOne({ where: { id } });
    if (!u) throw notFound('User', id, AccountsError.UserNotFound);
    return toView(u);
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    this.checkAdminUnscoped(dto.role, dto.scopeOrganizationId ?? null);
    await this.checkScope(dto.scopeOrganizationId);
    const saved = await this.users.save(
      this.users.create({
        email: dto.email,
        displayName: dto.displayName,
        role: dto.role,
        scopeOrganizationId: dto.scopeOrganizationId ?? null,
        passwordHash: await hashPassword(dto.password),
      }),
    );
    return this.get(saved.id);
  }

  async update(principal: Principal, id: string, dto: UpdateUserDto): Promise<UserView> {
    await this.get(id);
    if (id === principal.userId && (dto.active === false || (dto.role && dto.role !== 'admin'))) {
      throw forbidden('You cannot deactivate yourself or take away your own admin role');
    }
    const current = await this.users.findOneOrFail({ where: { id } });
    this.checkAdminUnscoped(dto.role ?? current.role, dto.scopeOrganizationId !== undefined ? dto.scopeOrganizationId : current.scopeOrganizationId);
    if (dto.scopeOrganizationId) await this.checkScope(dto.scopeOrganizationId);
    const { password, ...fields } = dto;
    const revokes =
      !!password ||
      dto.active === false ||
      (dto.role !== undefined && dto.role !== current.role) ||
      (dto.scopeOrganizationId !== undefined && dto.scopeOrganizationId !== current.scopeOrganizationId);
    await this.users.update(
      { id },
      { ...fields, ...(password ? { passwordHash: await hashPassword(password) } : {}), ...(revokes ? { tokenVersion: () => 'token_version + 1' } : {}) },
    );
    return this.get(id);
  }

  async remove(principal: Principal, id: string): Promise<void> {
    if (id === principal.userId) throw forbidden('You cannot delete yourself');
    const { affected } = await this.users.delete({ id });
    if (!affected) throw notFound('User', id, AccountsError.UserNotFound);
  }

  /**
   * Creates or resets an account (CLI `create-admin`, demo seeding): idempotent by e-mail.
   * Returns true when the account was created.
   */
  async ensureUser(input: { email: string; password: string; role: User['role']; displayName: string; scopeOrganizationId?: string | null }): Promise<boolean> {
    const email = input.email.trim().toLowerCase();
    const existing = await this.users.findOne({ where: { email } });
    const fields = { displayName: input.displayName, role: input.role, scopeOrganizationId: input.scopeOrganizationId ?? null, active: true, passwordHash: await hashPassword(input.password) };
    if (existing) await this.users.update({ id: existing.id }, { ...fields, tokenVersion: () => 'token_version + 1' });
    else await this.users.insert({ email, ...fields });
    return !existing;
  }

  private checkAdminUnscoped(role: User['role'], scope: string | null) {
    if (role === 'admin' && scope) {
      throw badRequest('Administrators cannot be limited to a scope', [{ field: 'scopeOrganizationId', message: 'must be empty for the admin role' }], AccountsError.AdminCannotBeScoped);
    }
  }

  private async checkScope(id: string | null | undefined) {
    if (!id) return;
    if ((await this.organizations.pathsByIds([id])).size === 0) {
      throw badRequest('Scope organization not found', [{ field: 'scopeOrganizationId', message: `organization ${id} does not exist` }], AccountsError.ScopeOrganizationNotFound);
    }
  }
}
