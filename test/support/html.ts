/** Checks for rendered HTML in the page and mail specs. */

/** Every non-void element closed, in order. */
export function expectBalanced(html: string) {
  const VOID = new Set(['meta', 'br', 'input', 'link', 'img', 'hr']);
  const stack: string[] = [];
  for (const [, slash, name] of html.replace(/<!doctype html>/i, '').matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/g)) {
    const tag = name.toLowerCase();
    if (VOID.has(tag)) continue;
    if (slash) expect(stack.pop()).toBe(tag);
    else stack.push(tag);
  }
  expect(stack).toEqual([]);
}

/** What a reader sees: style and tags dropped, entities decoded, whitespace collapsed. */
export const visible = (html: string) =>
  html
    .replace(/<style>.*?<\/style>/s, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
