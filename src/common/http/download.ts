import type { FastifyReply } from 'fastify';

/** A generated file to hand out (an XLSX or CSV export). */
export interface DownloadFile {
  body: Buffer;
  contentType: string;
  filename: string;
}

/** Answers `file` as an attachment (content type, file name); for a controller method with `@Res({ passthrough: true })`. */
export function download(reply: FastifyReply, file: DownloadFile): Buffer {
  void reply.type(file.contentType).header('content-disposition', `attachment; filename="${file.filename}"`);
  return file.body;
}
