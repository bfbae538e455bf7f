import multipart, { type MultipartFile } from '@fastify/multipart';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * File uploads of the workspace's forms (`enctype="multipart/form-data"`), read by `@fastify/multipart`
 * (busboy) into the request body before the CSRF check reads its `_csrf` field, as for any form:
 * text fields as strings, the file as `{ filename, bytes }`. Bounded while the body is read — one
 * file of at most the CSV size limit (a larger one is 413 as it streams in, before any work), 20
 * fields, 21 parts; a pasted CSV (the `csv` field) may be as large as a file.
 */
export interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

const MAX_FIELDS = 20;

export async function registerFormUploads(app: NestFastifyApplication, maxBytes: number): Promise<void> {
  await app.register(multipart as never, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: maxBytes, files: 1, fields: MAX_FIELDS, parts: MAX_FIELDS + 1, fieldSize: maxBytes },
    // The file's bytes with its name (the page shows which file was sent).
    onFile: async (part: MultipartFile & { value?: UploadedFile }) => {
      part.value = { filename: part.filename, bytes: await part.toBuffer() };
    },
  });
}

/** The file of a parsed multipart form body (the `file` input), if one was chosen (a form sent without one carries an empty part). */
export function uploadedFile(body: unknown): UploadedFile | undefined {
  const file = body && typeof body === 'object' ? (body as { file?: unknown }).file : undefined;
  if (!file || typeof file !== 'object' || !Buffer.isBuffer((file as UploadedFile).bytes)) return undefined;
  return (file as UploadedFile).bytes.length > 0 ? (file as UploadedFile) : undefined;
}
