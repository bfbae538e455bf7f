import request from 'supertest';
import type { TestContext } from './app';
import { TEST_PASSWORD } from './app';

/** The CSRF token of a rendered form. */
export const csrfOf = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)![1];

/** A supertest agent signed in to the workspace (the sign-in form, its CSRF token, the session cookie) as `email`. */
export async function signedIn(ctx: Pick<TestContext, 'app'>, email: string): Promise<ReturnType<typeof request.agent>> {
  const agent = request.agent(ctx.app.getHttpServer());
  const page = await agent.get('/login').expect(200);
  await agent.post('/login').type('form').send({ _csrf: csrfOf(page.text), email, password: TEST_PASSWORD }).expect(303);
  return agent;
}
