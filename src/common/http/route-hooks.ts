import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

type Hook = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;

/** Lifecycle hooks for some routes only. */
export interface RouteHooks {
  onRequest?: Hook;
  preHandler?: Hook;
  onResponse?: Hook;
}

/**
 * Adds `hooks` to every route registered from now on whose method and URL pattern (`/api/rsvp/:token`)
 * `applies` to, as route-level hooks (after the global hooks of the same kind, in the order they were
 * added). A hook that concerns a few routes (the login limits, the forms' CSRF check) then costs the
 * others nothing, where a global hook ran on every request to decide it had nothing to do.
 * Must be called before the app registers its routes (Nest does at `init`).
 */
export function hookRoutes(fastify: FastifyInstance, applies: (method: string, url: string) => boolean, hooks: RouteHooks): void {
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const matching = methods.filter((m) => applies(m, route.url));
    if (matching.length === 0) return;
    const target = route as unknown as Record<keyof RouteHooks, Hook | Hook[] | undefined>;
    for (const name of Object.keys(hooks) as (keyof RouteHooks)[]) {
      const hook = hooks[name]!;
      // A route of several methods (e.g. GET and POST) runs the hook for the methods it applies to only.
      const added: Hook = matching.length === methods.length ? hook : async (req, reply) => (matching.includes(req.method) ? hook(req, reply) : undefined);
      const existing = target[name];
      target[name] = [...(existing === undefined ? [] : Array.isArray(existing) ? existing : [existing]), added];
    }
  });
}
