import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { badRequest } from './google-error.js';
import type { Upload } from './handler.js';

export interface ParsedBody {
  json: unknown;
  upload: Upload | undefined;
}

function readAll(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The first file part of a multipart/form-data body, parsed by busboy as a server would. */
function readMultipart(req: IncomingMessage): Promise<Upload | undefined> {
  return new Promise((resolve, reject) => {
    let upload: Upload | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers });
    } catch (error) {
      reject(badRequest(`malformed multipart body: ${(error as Error).message}`));
      return;
    }
    parser.on('file', (field, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        upload ??= { field, data: new Uint8Array(Buffer.concat(chunks)) };
      });
    });
    parser.on('error', (error: Error) => reject(badRequest(`malformed multipart body: ${error.message}`)));
    parser.on('close', () => resolve(upload));
    req.pipe(parser);
  });
}

export async function parseBody(req: IncomingMessage): Promise<ParsedBody> {
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('multipart/form-data')) return { json: undefined, upload: await readMultipart(req) };
  const raw = await readAll(req);
  if (raw.length === 0) return { json: {}, upload: undefined };
  if (!type.startsWith('application/json')) {
    throw badRequest(`unsupported Content-Type "${type}"; send application/json or multipart/form-data`);
  }
  try {
    return { json: JSON.parse(raw.toString('utf8')), upload: undefined };
  } catch {
    throw badRequest('Invalid JSON payload received. Unexpected token.');
  }
}
