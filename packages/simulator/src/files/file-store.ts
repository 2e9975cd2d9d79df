import type { ResultFile } from '../lifecycle/task.js';
import type { ResolvedOptions } from '../options.js';
import { createRandom, type Random, streamSeed } from '../random.js';

export interface NewFile {
  readonly ext: ResultFile['ext'];
  readonly availableAt: number;
  readonly expiresAt: number;
  readonly width?: number;
  readonly height?: number;
  readonly bytes?: number;
  readonly expiredStatus: 403 | 404;
  /** Add OSS-style `Expires`/`OSSAccessKeyId`/`Signature` query parameters (v2 passes DashScope URLs through). */
  readonly signed: boolean;
}

export const FILES_PATH = '/__sim/files/';

/** Result files by id; their URLs point back at this server. */
export class FileStore {
  private readonly files = new Map<string, ResultFile>();
  private baseUrl = '';
  private random: Random;

  constructor(private readonly options: ResolvedOptions) {
    this.random = createRandom(streamSeed(options.seed, 'file-ids'));
  }

  /** Known only once the server listens. */
  setBaseUrl(baseUrl: string): void {
    this.baseUrl = baseUrl;
  }

  create(file: NewFile): ResultFile {
    let id = this.random.hex(16);
    while (this.files.has(id)) id = this.random.hex(16);
    const query = new URLSearchParams();
    if (file.signed) {
      query.set('Expires', String(Math.floor(file.expiresAt / 1000)));
      query.set('OSSAccessKeyId', 'SIMULATOR');
      query.set('Signature', this.random.hex(28));
    }
    if (file.bytes !== undefined) query.set('bytes', String(file.bytes));
    const search = query.size ? `?${query}` : '';
    const { signed: _signed, ...rest } = file;
    const result: ResultFile = { ...rest, id, url: `${this.baseUrl}${FILES_PATH}${id}.${file.ext}${search}` };
    this.files.set(id, result);
    return result;
  }

  get(id: string): ResultFile | undefined {
    return this.files.get(id);
  }

  reset(): void {
    this.files.clear();
    this.random = createRandom(streamSeed(this.options.seed, 'file-ids'));
  }
}
