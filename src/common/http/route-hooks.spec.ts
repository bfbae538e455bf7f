import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import { hookRoutes } from './route-hooks';

describe('hookRoutes', () => {
  it('runs a hook on the routes and methods it applies to only, after the global hooks', async () => {
    const app = Fastify();
    const seen: string[] = [];
    app.addHook('preHandler', async (req) => void seen.push(`global ${req.method} ${req.routeOptions.url}`));
    hookRoutes(app, (method, url) => method === 'POST' && url.startsWith('/form'), {
      preHandler: async (req: FastifyRequest, reply: FastifyReply) => {
        seen.push(`form ${req.method} ${req.routeOptions.url}`);
        if ((req.body as { refuse?: boolean } | undefined)?.refuse) return reply.code(403).send({ refused: true });
      },
    });
    app.route({ method: ['GET', 'POST'], url: '/form/both', handler: async () => ({ ok: true }) });
    app.post('/form/post', async () => ({ ok: true }));
    app.post('/other', async () => ({ ok: true }));
    await app.ready();

    expect((await app.inject({ method: 'GET', url: '/form/both' })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/form/both', payload: {} })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/form/post', payload: {} })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/other', payload: { refuse: true } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: '/form/post', payload: { refuse: true } })).json()).toEqual({ refused: true });
    expect(seen).toEqual([
      'global GET /form/both',
      'global POST /form/both',
      'form POST /form/both',
      'global POST /form/post',
      'form POST /form/post',
      'global POST /other',
      'global POST /form/post',
      'form POST /form/post',
    ]);
    await app.close();
  });
});
