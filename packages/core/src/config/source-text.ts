import { MlshipError } from '../errors.js';

/** No honest release.yaml comes near this; larger input is refused with one error instead of thousands. */
export const MAX_RELEASE_BYTES = 1024 * 1024;

function lineColAt(text: string, index: number): string {
  const before = text.slice(0, index).split('\n');
  return `${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

function encodingError(file: string, message: string): MlshipError {
  return new MlshipError('CONFIG_ENCODING', message, {
    hint: `save ${file} as UTF-8 text (YAML); mlship reads nothing else`,
  });
}

/** Refuses files that are too large to be a release file. */
export function checkSize(file: string, bytes: number): void {
  if (bytes <= MAX_RELEASE_BYTES) return;
  const mib = (bytes / (1024 * 1024)).toFixed(1);
  throw new MlshipError(
    'CONFIG_TOO_LARGE',
    `${file} is ${mib} MiB; a release file is at most ${MAX_RELEASE_BYTES / 1024} KiB`,
    { hint: 'check that --file points at release.yaml and not at a model or an archive' },
  );
}

/** Decodes a release file as UTF-8, refusing UTF-16, invalid UTF-8 and binary content. */
export function decodeRelease(bytes: Uint8Array, file: string): string {
  checkSize(file, bytes.length);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw encodingError(file, `${file} is UTF-16 text (it starts with a UTF-16 byte-order mark)`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw encodingError(file, `${file} is not valid UTF-8 text (binary content?)`);
  }
  checkText(text, file);
  return text;
}

/** A NUL character never belongs in YAML: it marks a binary or UTF-16 file. */
export function checkText(text: string, file: string): void {
  checkSize(file, text.length);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw encodingError(
      file,
      `${file}:${lineColAt(text, nul)}: a NUL byte; this is binary or UTF-16 data, not YAML text`,
    );
  }
}
