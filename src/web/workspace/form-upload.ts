import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * File uploads of the workspace's forms (`enctype="multipart/form-data"`) without a plugin: the body is
 * read as bytes under the CSV size limit — Fastify refuses a larger one with 413 while reading, before
 * any work — and split into its text fields (`_csrf`, `kind`, …: the CSRF check reads `_csrf` as for
 * any form) and one file, kept as a non-enumerable `file` property so the body-shape check never walks
 * its bytes. At most 20 parts; a malformed body is a 400.
 */
export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

const MAX_PARTS = 20;
const MAX_FIELD_BYTES = 64 * 1024;

export function registerFormUploads(app: NestFastifyApplication, maxBytes: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addContentTypeParser('multipart/form-data', { parseAs: 'buffer', bodyLimit: maxBytes }, (req, body, done) => {
    const parsed = parseMultipart(body as Buffer, String(req.headers['content-type'] ?? ''));
    if (!parsed) return done(Object.assign(new Error('Malformed multipart body'), { statusCode: 400 }), undefined);
    done(null, parsed);
  });
}

/** The fields of a multipart body, with its (first) file as the hidden `file`; null when malformed. */
export function parseMultipart(body: Buffer, contentType: string): Record<string, string> | null {
  const boundary = /boundary=(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const fields: Record<string, string> = Object.create(null);
  let file: UploadedFile | undefined;
  let at = body.indexOf(delimiter);
  if (at < 0) return null;
  for (let parts = 0; ; parts++) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') break;
    if (parts >= MAX_PARTS) return null;
    const headersEnd = body.indexOf('\r\n\r\n', at);
    const next = body.indexOf(delimiter, at);
    if (headersEnd < 0 || next < 0 || headersEnd > next) return null;
    const headers = body.subarray(at, headersEnd).toString('utf8');
    // The content ends with the CRLF that precedes the next delimiter.
    const content = body.subarray(headersEnd + 4, next - 2);
    const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
    const filename = /content-disposition:[^\r\n]*\bfilename="([^"]*)"/i.exec(headers)?.[1];
    if (name === undefined) return null;
    if (filename !== undefined) {
      if (!file && content.length > 0) file = { filename, bytes: Buffer.from(content) };
    } else {
      if (content.length > MAX_FIELD_BYTES && name !== 'csv') return null;
      fields[name] = content.toString('utf8');
    }
    at = next;
  }
  const out = { ...fields };
  if (file) Object.defineProperty(out, 'file', { value: file, enumerable: false });
  return out;
}

/** The file of a parsed multipart form body, if it had one. */
export const uploadedFile = (body: unknown): UploadedFile | undefined => (body && typeof body === 'object' ? (body as { file?: UploadedFile }).file : undefined);
