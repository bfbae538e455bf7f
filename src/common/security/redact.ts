/**
 * Personal links carry their credential in the path (`/rsvp/<token>`, `/nominate/<token>`,
 * `/calendar/<token>.ics`, and the same under `/api/`): request logs show `***` in its place, as
 * they already hide the Authorization header.
 */
const TOKEN_PATH = /^(\/(?:api\/)?(?:rsvp|nominate|check-?in)\/|\/calendar\/)[^/?#]+?(\.ics)?(?=$|[/?#])/;

export function redactUrl(url: unknown): unknown {
  return typeof url === 'string' ? url.replace(TOKEN_PATH, '$1***$2') : url;
}

type Serialized = Record<string, unknown> & { url?: unknown; params?: Record<string, unknown>; headers?: Record<string, unknown> };

/** pino-http serializers: the request's URL and route parameters, the response's Location (a page POST redirects to its link). */
export const redactingSerializers = {
  req(req: Serialized): Serialized {
    req.url = redactUrl(req.url);
    if (req.params && typeof req.params === 'object') req.params = Object.fromEntries(Object.entries(req.params).map(([k, v]) => [k, k === 'token' || k === 'file' ? '***' : v]));
    return req;
  },
  res(res: Serialized): Serialized {
    if (res.headers?.location) res.headers = { ...res.headers, location: redactUrl(res.headers.location) };
    return res;
  },
};
