import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isWankitError, type WanAdapter, WankitError } from '@wankit/core';
import { canonicalJson, sha256Hex } from './canonical-json.js';
import { defaultModel } from './default-models.js';
import { type PreparedRequest, prepareRequest } from './prepare-request.js';
import { completeDraft, type DraftRequest, kindOf, type MediaKind } from './request-builder.js';

/** One line of a batch file, validated and keyed. */
export interface BatchLine {
  /** 1-based line number in the file. */
  readonly line: number;
  /**
   * `request:<sha256 of the canonical JSON of the request the line stands for>:<copy>` (its fields over
   * the flag defaults, with kind and model filled in; copy counts repeats of the same request from 1): an
   * edited line, or changed defaults, make a new request; moving a line does not.
   */
  readonly key: string;
  readonly prepared: PreparedRequest;
}

export interface BatchLineError {
  readonly line: number;
  readonly error: WankitError;
}

function parseLine(text: string, line: number): DraftRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `line ${line}: not valid JSON (${(error as Error).message})`,
      field: `line ${line}`,
      value: text.length > 80 ? `${text.slice(0, 77)}...` : text,
    });
  }
  if (typeof json === 'string') return { prompt: json };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `line ${line}: must be a JSON object with request fields, or a JSON string (the prompt)`,
      field: `line ${line}`,
      value: json,
    });
  }
  return json as DraftRequest;
}

/**
 * Reads and validates every line before anything is sent. Blank lines are skipped. Returns the
 * lines and, separately, every line's error (all of them, so the user can fix the file at once).
 */
export async function readBatchLines(
  file: string,
  media: MediaKind,
  defaults: DraftRequest,
  adapter: WanAdapter,
): Promise<{ lines: BatchLine[]; errors: BatchLineError[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      field: 'file',
      value: file,
    });
  }
  const chooseModel = (kind: string) => defaultModel(kind as never, adapter.capabilities.models);
  const lines: BatchLine[] = [];
  const errors: BatchLineError[] = [];
  const rows = text.split(/\r?\n/);
  // A line's key is its request, not its position: inserting, removing or reordering lines never makes a
  // submitted line look new. The same request written twice is two tasks: its copies count 1, 2, …
  const copies = new Map<string, number>();
  for (const [index, row] of rows.entries()) {
    const number = index + 1;
    if (row.trim() === '') continue;
    try {
      const merged = { ...defaults, ...parseLine(row, number) };
      const kind = kindOf(media, merged);
      const identity = { ...merged, kind, model: merged.model ?? chooseModel(kind) };
      const hash = sha256Hex(canonicalJson(identity));
      const copy = (copies.get(hash) ?? 0) + 1;
      copies.set(hash, copy);
      const key = `request:${hash}:${copy}`;
      // Local image paths in a line are relative to the batch file.
      const draft = await completeDraft(media, identity, chooseModel, dirname(file));
      lines.push({ line: number, key, prepared: await prepareRequest(draft, adapter) });
    } catch (error) {
      if (!isWankitError(error)) throw error;
      const message = error.message.startsWith(`line ${number}`)
        ? error.message
        : `line ${number}: ${error.message}`;
      errors.push({ line: number, error: error.with({ message }) });
    }
  }
  if (lines.length === 0 && errors.length === 0) {
    throw new WankitError({
      kind: 'invalid_request',
      message: `${file} has no requests`,
      field: 'file',
      value: file,
    });
  }
  return { lines, errors };
}
