import type { Locale } from '../i18n/i18n';
import { escapeHtml, safeHref } from './escape';

/*
 * A small block model for documents written both as HTML and as plain text (e-mails): every
 * document is built once as a list of blocks and rendered twice, so both parts always carry the
 * same information and the same links. Everything given is escaped here.
 */

export interface RenderedDocument {
  subject: string;
  text: string;
  html: string;
}

/** One labelled line group of the event details ("Thời gian", "Địa điểm", …). */
export interface DetailRow {
  label: string;
  lines: string[];
  /** Makes the (single) line a link, e.g. the join link. */
  href?: string;
  /** Separate items (the sessions): a list in text. Otherwise the lines are parts of one value (hall, address). */
  list?: boolean;
}

export interface AgendaLine {
  /** `14:00`, or `02/12/2013 14:00` when the event spans several days; null when the item has no time. */
  time: string | null;
  /** "Báo cáo: Kết quả ứng dụng CNTT Quý I/2015". */
  title: string;
  /** "Người trình bày: …" or null. */
  speaker: string | null;
}

export interface Link {
  label: string;
  href: string;
}

export type Block =
  | { kind: 'p'; text: string; strong?: boolean }
  | { kind: 'title'; text: string }
  | { kind: 'notice'; heading: string; items: string[] }
  | { kind: 'details'; rows: DetailRow[] }
  | { kind: 'actions'; buttons: (Link & { color: string })[]; links: Link[] }
  | { kind: 'agenda'; heading: string; items: AgendaLine[] }
  | { kind: 'section'; heading: string; text: string }
  /** An image attached to the mail (`cid`), with a caption; the text part gives `href` instead. */
  | { kind: 'image'; cid: string; alt: string; caption: string; href: string };

export const COLOR = { accept: '#15803d', decline: '#b91c1c', tentative: '#b45309', substitute: '#1d4ed8', primary: '#1d4ed8' };
const FONT = 'font-family:Arial,Helvetica,sans-serif;';

function linkHtml(link: Link, style: string): string {
  const href = safeHref(link.href);
  return href ? `<a href="${escapeHtml(href)}" style="${style}">${escapeHtml(link.label)}</a>` : `${escapeHtml(link.label)}: ${escapeHtml(link.href)}`;
}

const multiline = (text: string) => escapeHtml(text).replace(/\r?\n/g, '<br>');

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'p':
      return `<p style="margin:0 0 12px;">${block.strong ? `<strong>${multiline(block.text)}</strong>` : multiline(block.text)}</p>`;
    case 'title':
      return `<h1 style="margin:4px 0 16px;font-size:20px;line-height:1.35;color:#111827;">${escapeHtml(block.text)}</h1>`;
    case 'notice':
      return (
        `<div style="margin:0 0 16px;padding:12px 16px;background:#fef9c3;border-left:4px solid #ca8a04;">` +
        `<p style="margin:0 0 6px;"><strong>${escapeHtml(block.heading)}</strong></p>` +
        `<ul style="margin:0;padding-left:20px;">${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul></div>`
      );
    case 'details':
      return (
        `<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;margin:0 0 16px;border-collapse:collapse;">` +
        block.rows
          .map((row) => {
            const value = row.href && row.lines.length === 1 ? linkHtml({ label: row.lines[0], href: row.href }, 'color:#1d4ed8;') : row.lines.map(escapeHtml).join('<br>');
            return (
              `<tr><td style="padding:4px 12px 4px 0;vertical-align:top;width:170px;color:#4b5563;">${escapeHtml(row.label)}</td>` +
              `<td style="padding:4px 0;vertical-align:top;">${value}</td></tr>`
            );
          })
          .join('') +
        `</table>`
      );
    case 'actions':
      return (
        `<p style="margin:0 0 8px;">` +
        block.buttons
          .map((b) => linkHtml(b, `display:inline-block;margin:0 8px 8px 0;padding:10px 16px;background:${b.color};color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold;`))
          .join(' ') +
        `</p>` +
        (block.links.length ? `<p style="margin:0 0 16px;">${block.links.map((l) => linkHtml(l, 'color:#1d4ed8;')).join(' &nbsp;·&nbsp; ')}</p>` : '')
      );
    case 'agenda':
      return (
        `<h2 style="margin:16px 0 8px;font-size:16px;color:#111827;">${escapeHtml(block.heading)}</h2>` +
        `<table role="presentation" cellpadding="0" cellspacing="0" style="width:100%;margin:0 0 16px;border-collapse:collapse;">` +
        block.items
          .map(
            (i) =>
              `<tr><td style="padding:4px 12px 4px 0;vertical-align:top;width:110px;color:#4b5563;white-space:nowrap;">${escapeHtml(i.time ?? '')}</td>` +
              `<td style="padding:4px 0;vertical-align:top;">${escapeHtml(i.title)}${i.speaker ? `<br><span style="color:#4b5563;">${escapeHtml(i.speaker)}</span>` : ''}</td></tr>`,
          )
          .join('') +
        `</table>`
      );
    case 'section':
      return `<h2 style="margin:16px 0 8px;font-size:16px;color:#111827;">${escapeHtml(block.heading)}</h2><p style="margin:0 0 12px;">${multiline(block.text)}</p>`;
    case 'image':
      return (
        `<p style="margin:16px 0 8px;">${multiline(block.caption)}</p>` +
        `<p style="margin:0 0 16px;"><img src="cid:${escapeHtml(block.cid)}" alt="${escapeHtml(block.alt)}" width="180" height="180" style="display:block;border:0;"></p>`
      );
  }
}

function blockText(block: Block): string {
  switch (block.kind) {
    case 'p':
    case 'title':
      return block.text;
    case 'notice':
      return [`${block.heading}:`, ...block.items.map((i) => `- ${i}`)].join('\n');
    case 'details':
      return block.rows
        .map((row) => (row.list && row.lines.length > 1 ? [`${row.label}:`, ...row.lines.map((l) => `  - ${l}`)].join('\n') : `${row.label}: ${row.lines.join(', ')}`))
        .join('\n');
    case 'actions':
      return [...block.buttons, ...block.links].map((l) => `${l.label}: ${l.href}`).join('\n');
    case 'agenda':
      return [`${block.heading}:`, ...block.items.map((i) => `- ${i.time ? `${i.time} ` : ''}${i.title}${i.speaker ? `\n  ${i.speaker}` : ''}`)].join('\n');
    case 'section':
      return `${block.heading}:\n${block.text}`;
    case 'image':
      return `${block.caption}\n${block.href}`;
  }
}

export interface Doc {
  locale: Locale;
  subject: string;
  host: string;
  blocks: Block[];
  footer: string;
}

/** A document (a mail) as HTML for mail clients (tables, inline styles) and as plain text, from one list of blocks. */
export function renderDocument(doc: Doc): RenderedDocument {
  const subject = doc.subject.replace(/\s+/g, ' ').trim();
  const html =
    `<!doctype html><html lang="${doc.locale}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:#f3f4f6;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f3f4f6;"><tr><td align="center" style="padding:16px 8px;">` +
    `<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="width:100%;max-width:600px;background:#ffffff;border:1px solid #e5e7eb;${FONT}font-size:15px;line-height:1.5;color:#111827;">` +
    `<tr><td style="padding:12px 24px;background:#1e3a8a;color:#ffffff;font-size:13px;font-weight:bold;">${escapeHtml(doc.host)}</td></tr>` +
    `<tr><td style="padding:24px;">${doc.blocks.map(blockHtml).join('\n')}</td></tr>` +
    `<tr><td style="padding:12px 24px;border-top:1px solid #e5e7eb;color:#6b7280;font-size:12px;">${escapeHtml(doc.footer)}</td></tr>` +
    `</table></td></tr></table></body></html>`;
  const text = `${doc.blocks.map(blockText).join('\n\n')}\n\n-- \n${doc.footer}\n`;
  return { subject, text, html };
}
