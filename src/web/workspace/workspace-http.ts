import { validate } from 'class-validator';
import { applyDecorators, Controller, UseFilters, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../common/auth/decorators';
import type { Principal } from '../../common/auth/principal';
import { codeOf } from '../../common/errors/api-error';
import { clientError } from '../page-response';
import { SessionGuard } from './session';
import { WorkspaceErrorFilter } from './workspace-errors';
import { WORDED_ERRORS } from './workspace-messages';

/*
 * What every workspace controller does with a request and its answer: read a form field, answer a
 * page (never cached), go back after an action saying what happened, word a service's refusal.
 */

export type PageReq = FastifyRequest & { principal: Principal };
export type Form = Record<string, unknown>;

/** A form or query field as trimmed text ('' when absent or not a string). */
export const text = (v: unknown) => (typeof v === 'string' ? v.trim() : '');

export const html = (reply: FastifyReply, status = 200) => void reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store');

/** Hà Nội's calendar day of an instant: `2026-12-02`. */
export const localDay = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/** Where an action goes back to, saying what happened (POST → redirect → GET: a reload does not repeat it). */
export const back = (reply: FastifyReply, path: string, outcome: { done?: string; error?: string; [k: string]: string | undefined }) => {
  const [where, hash] = path.split('#');
  return reply.redirect(`${where}?${new URLSearchParams(outcome as Record<string, string>).toString()}${hash ? `#${hash}` : ''}`, 303);
};

/** A refusal of a service as the `?error=` the page words: its code when the catalog has one, else a generic one. */
export const refusal = (e: unknown) => {
  if (!clientError(e)) throw e;
  const code = (codeOf(e) ?? '').replace(/\./g, '_');
  return WORDED_ERRORS.includes(code) ? code : 'failed';
};

/**
 * A form's action, the way every workspace form acts: the DTO checked (`invalid` back), the service
 * called, then back to `path` with `done` (or what the result says) — or with the refusal's worded code.
 */
export async function formAction<T>(reply: FastifyReply, path: string, dto: object, run: () => Promise<T>, done: string | ((result: T) => string)) {
  if ((await validate(dto, { whitelist: true })).length) return back(reply, path, { error: 'invalid' });
  try {
    const result = await run();
    return back(reply, path, { done: typeof done === 'string' ? done : done(result) });
  } catch (e) {
    return back(reply, path, { error: refusal(e) });
  }
}

/** Only outcomes the catalog words (a crafted `?done=<anything>` shows nothing). */
export const outcome = (query: Form, known: readonly string[]) => ({
  done: known.includes(text(query.done)) ? text(query.done) : null,
  error: WORDED_ERRORS.includes(text(query.error)) ? text(query.error) : null,
});

/**
 * A controller of signed-in pages under `path`: the session cookie (not a bearer token) identifies
 * the user, roles are checked per route with @Roles as in the API, errors become pages (not JSON),
 * and the pages are no part of the OpenAPI document.
 */
export const WorkspacePages = (path = 'app') => applyDecorators(ApiExcludeController(), Controller(path), Public(), UseGuards(SessionGuard), UseFilters(WorkspaceErrorFilter));
