import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Eta } from 'eta';
import { safeHref } from '../common/html/escape';

/**
 * The templates: `src/web/views` when run from source (tests, `@swc-node/register`), and
 * `dist/src/web/views` in the build, where nest-cli.json's `assets` entry copies them.
 */
export const VIEWS_DIR = join(__dirname, 'views');

/** Functions every template (and every partial it includes) finds on `it`. */
const HELPERS = {
  /** The URL when it is an absolute http(s) or mailto link, else null: no `javascript:` in an href. */
  safeHref,
};

/**
 * Renders the server-side pages: Eta templates from one views folder, `<%= … %>` escaped
 * (`autoEscape`), `<%~ … %>` raw and used only for what a template or partial rendered. Each
 * template is compiled once and cached. A plain class, so the page controller (through Nest's
 * container) and the page specs (with `new ViewRenderer()`) render the same way.
 *
 * Whitespace: indentation and blank lines of the templates are dropped (`rmWhitespace`), and a
 * newline right after a tag is trimmed, so the output is one element or block per line.
 */
export class ViewRenderer {
  private readonly eta: Eta;

  constructor(viewsDir: string = VIEWS_DIR) {
    if (!existsSync(join(viewsDir, 'layout.eta'))) throw new Error(`hoinghi: page templates not found in ${viewsDir} (is nest-cli.json's assets entry missing?)`);
    this.eta = new Eta({ views: viewsDir, autoEscape: true, autoTrim: [false, 'nl'], rmWhitespace: true, cache: true });
  }

  /** The template `name` (a path below the views folder, without `.eta`) rendered with `data` as `it`. */
  render(name: string, data: object): string {
    return this.eta.render(name, { ...HELPERS, ...data });
  }
}
