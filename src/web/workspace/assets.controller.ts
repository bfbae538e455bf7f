import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/decorators';

/**
 * The workspace's only script: every element `[data-live]` of the page is fetched again every
 * 3 seconds from the same URL with `part=live` and replaced (the server renders the fragment with
 * the same template). No framework, no build: progressive enhancement over a page that reads fine
 * without it (which falls back to a meta refresh). Polling stops while the tab is hidden.
 */
export const LIVE_SCRIPT = `(() => {
  if (!document.querySelector('[data-live]')) return;
  const url = new URL(location.href);
  url.searchParams.set('part', 'live');
  const tick = async () => {
    if (document.hidden) return;
    try {
      const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (!res.ok) return;
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      for (const fresh of doc.querySelectorAll('[data-live]')) {
        const old = document.querySelector('[data-live="' + fresh.getAttribute('data-live') + '"]');
        if (old) old.replaceWith(document.importNode(fresh, true));
      }
    } catch {}
  };
  setInterval(tick, 3000);
})();
`;

@ApiExcludeController()
@Controller('assets')
@Public()
export class WorkspaceAssetsController {
  @Get('workspace-live.js')
  live(@Res({ passthrough: true }) reply: FastifyReply) {
    void reply.type('text/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600');
    return LIVE_SCRIPT;
  }
}
