/**
 * A tiny translator for hoinghi's user-facing text: Vietnamese first, English available.
 *
 * A catalog is a pair of flat objects, key → template. The Vietnamese object is the reference:
 * the English one must have exactly its keys (checked by the compiler through `defineCatalog`),
 * and `{name}` placeholders are filled by `translate`, whose `params` argument is typed from
 * the Vietnamese template. Templates are plain text; HTML escaping is the renderer's job.
 */

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'vi';

/** A flat message table: key → template with `{name}` placeholders. */
export type Messages = { readonly [key: string]: string };

/** The English side of a catalog: exactly the keys of the Vietnamese side, each a string. */
export type TranslationOf<V extends Messages> = { readonly [K in keyof V]: string };

/** Both languages of one catalog. Build it with `defineCatalog` so the key check applies. */
export interface Catalog<V extends Messages> {
  readonly vi: V;
  readonly en: TranslationOf<V>;
}

/** The placeholder names in a template literal type: `'Kính gửi {name} – {title}'` → `'name' | 'title'`. */
export type ParamsOf<S> = S extends `${string}{${infer P}}${infer Rest}` ? P | ParamsOf<Rest> : never;

export type ParamValue = string | number;

/** The `params` argument for a template: required with exactly its names when it has any, optional otherwise. */
export type ParamArgs<S> = [ParamsOf<S>] extends [never] ? [params?: Record<string, never>] : [params: { readonly [P in ParamsOf<S>]: ParamValue }];

/**
 * Declares a catalog. `vi` fixes the keys (and, as a `const` type, the placeholders of each
 * template); `en` must be an object with exactly those keys: a missing key or an extra one is
 * a compile error.
 */
export function defineCatalog<const V extends Messages>(vi: V, en: NoInfer<TranslationOf<V>>): Catalog<V> {
  return Object.freeze({ vi: Object.freeze(vi), en: Object.freeze(en) });
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * The template of `key` in `locale`, with every `{name}` replaced by `params[name]` in one
 * pass (a value that itself contains `{x}` is not expanded again). A placeholder without a
 * value stays as written, so a mistake shows instead of throwing while a mail is rendered.
 * A key missing in the locale (only possible past the type checker) falls back to Vietnamese,
 * then to the key itself.
 */
export function translate<V extends Messages, K extends keyof V & string>(
  catalog: Catalog<V>,
  locale: Locale,
  key: K,
  ...params: ParamArgs<V[K]>
): string {
  const table: Messages = catalog[locale] ?? catalog.vi;
  const template = table[key] ?? catalog.vi[key] ?? key;
  return interpolate(template, params[0] as Readonly<Record<string, ParamValue>> | undefined);
}

/** Fills `{name}` placeholders of any template. */
export function interpolate(template: string, params?: Readonly<Record<string, ParamValue>>): string {
  if (!params) return template;
  return template.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** `translate` bound to one catalog and locale: `t('greeting', { name })`. */
export type Translator<V extends Messages> = <K extends keyof V & string>(key: K, ...params: ParamArgs<V[K]>) => string;

export function translator<V extends Messages>(catalog: Catalog<V>, locale: Locale): Translator<V> {
  return (key, ...params) => translate(catalog, locale, key, ...params);
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** `en`, `EN`, `en-US`, `en_GB` → `en`; anything unsupported → null. */
function toLocale(tag: string | null | undefined): Locale | null {
  if (!tag) return null;
  const primary = tag.trim().toLowerCase().split(/[-_]/)[0];
  return isLocale(primary) ? primary : null;
}

/**
 * The locale to answer in: an explicit choice (`?lang=en`) when it names a supported locale,
 * else the best supported language of an `Accept-Language` header by its q-values (`q=0`
 * means "not this one"), else Vietnamese.
 */
export function pickLocale(acceptLanguage?: string | null, explicit?: string | null): Locale {
  const chosen = toLocale(explicit);
  if (chosen) return chosen;
  if (!acceptLanguage) return DEFAULT_LOCALE;
  let best: { locale: Locale; q: number } | null = null;
  for (const part of acceptLanguage.split(',')) {
    const [tag, ...attributes] = part.split(';');
    const locale = toLocale(tag);
    if (!locale) continue;
    let q = 1;
    for (const attribute of attributes) {
      const [name, value] = attribute.split('=').map((s) => s.trim());
      if (name.toLowerCase() === 'q') q = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/.test(value ?? '') ? Number(value) : 0;
    }
    if (q > 0 && (!best || q > best.q)) best = { locale, q };
  }
  return best?.locale ?? DEFAULT_LOCALE;
}

/**
 * Problems a compiler cannot see in a catalog: keys present on one side only (e.g. a catalog
 * built with a cast), empty templates, and placeholders that differ between the languages.
 * Catalog specs assert this is empty.
 */
export function catalogProblems(catalog: Catalog<Messages>): string[] {
  const problems: string[] = [];
  const placeholders = (s: string) => [...new Set([...s.matchAll(PLACEHOLDER)].map((m) => m[1]))].sort().join(',');
  for (const key of Object.keys(catalog.vi)) if (!Object.hasOwn(catalog.en, key)) problems.push(`en lacks ${key}`);
  for (const key of Object.keys(catalog.en)) if (!Object.hasOwn(catalog.vi, key)) problems.push(`en has extra ${key}`);
  for (const locale of LOCALES) {
    for (const [key, template] of Object.entries(catalog[locale])) {
      if (template.trim() === '') problems.push(`${locale}.${key} is empty`);
    }
  }
  for (const [key, template] of Object.entries(catalog.vi)) {
    const en = catalog.en[key];
    if (en !== undefined && placeholders(en) !== placeholders(template)) problems.push(`${key}: placeholders differ (vi {${placeholders(template)}}, en {${placeholders(en)}})`);
  }
  return problems;
}
