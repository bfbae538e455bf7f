import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../common/auth/decorators';

/**
 * The workspace's only script: every element `[data-live]` of the page is fetched again every
 * 3 seconds from the same URL with `part=live` and replaced (the server renders the fragment with
 * the same template). No framework, no build: progressive enhancement over a page that reads fine
 * without it (which falls back to a meta refresh). Polling stops while the tab is hidden.
 * A search form `form[data-search="<id>"]` searches as one types: 250 ms after the last key, its GET
 * with `part=found` replaces the element `#<id>` (without the script the form's button does the same).
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
(() => {
  for (const form of document.querySelectorAll('form[data-search]')) {
    const target = document.getElementById(form.getAttribute('data-search'));
    const input = form.querySelector('input[type=search]');
    if (!target || !input) continue;
    let timer = 0;
    let seq = 0;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const url = new URL(form.action, location.href);
        url.hash = '';
        for (const [k, v] of new FormData(form)) url.searchParams.set(k, v);
        url.searchParams.set('part', 'found');
        const mine = ++seq;
        try {
          const res = await fetch(url, { credentials: 'same-origin', headers: { accept: 'text/html' } });
          if (!res.ok || mine !== seq) return;
          const fresh = new DOMParser().parseFromString(await res.text(), 'text/html').getElementById(target.id);
          if (fresh) target.replaceWith(document.importNode(fresh, true));
        } catch {}
      }, 250);
    });
  }
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
