import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import {
  imageToVideoRequestSchema,
  isWankitError,
  type RequestKind,
  referenceToVideoRequestSchema,
  requestKinds,
  textToImageRequestSchema,
  textToVideoRequestSchema,
  type WanAdapter,
  WankitError,
} from '@wankit/core';
import { parseBoundedJson } from './bounded-json.js';
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
  /** The line's own `name` field, made safe for a file name (see `safeOutputName`): not part of the request. */
  readonly name?: string;
}

export interface BatchLineError {
  readonly line: number;
  readonly error: WankitError;
}

const lineError = (
  line: number,
  field: string,
  value: unknown,
  message: string,
  allowed?: readonly unknown[],
) =>
  new WankitError({
    kind: 'invalid_request',
    message: `line ${line}: ${message}`,
    field,
    value: typeof value === 'string' && value.length > 80 ? `${value.slice(0, 77)}...` : value,
    ...(allowed ? { allowed } : {}),
  });

/** Longest output name kept from a line's `name` field. */
export const maxOutputNameChars = 100;

/**
 * A line's `name` as a file name stem: the same characters core keeps in output file names (letters, digits,
 * `.`, `_`, `-`; anything else becomes `_`), no leading dot, at most 100 characters, so that no name
 * reaches outside the output folder or hides a file.
 */
export function safeOutputName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, maxOutputNameChars);
}

/** Takes the batch-only `name` field off a parsed line: it names the output files, it is not sent. */
function takeName(fields: DraftRequest, line: number): { fields: DraftRequest; name?: string } {
  if (!('name' in fields)) return { fields };
  const { name, ...rest } = fields as DraftRequest & { name?: unknown };
  const safe = typeof name === 'string' ? safeOutputName(name) : '';
  if (safe === '') {
    throw lineError(
      line,
      'name',
      name,
      'name must be a string with at least one letter or digit (it names the output files)',
      ['a string such as "kitten-01"'],
    );
  }
  return { fields: rest, name: safe };
}

function parseLine(text: string, line: number): DraftRequest {
  const parsed = parseBoundedJson(text);
  if (!parsed.ok) {
    throw lineError(
      line,
      `line ${line}`,
      text.length > 80 ? `${text.slice(0, 77)}...` : text,
      parsed.reason,
      ['a JSON object with request fields', 'a JSON string (the prompt)'],
    );
  }
  const json = parsed.value;
  if (typeof json === 'string') return { prompt: json };
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw lineError(
      line,
      `line ${line}`,
      json,
      'must be a JSON object with request fields, or a JSON string (the prompt)',
      ['a JSON object with request fields', 'a JSON string (the prompt)'],
    );
  }
  for (const [field, value] of Object.entries(json)) {
    // `"model": null` must not quietly become the default model.
    if (value === null) {
      throw lineError(line, field, null, `${field} is null; omit the field to use the default`, [
        'omit the field',
        'a value',
      ]);
    }
  }
  return json as DraftRequest;
}

const fieldsOf: Readonly<Record<RequestKind, readonly string[]>> = {
  'text-to-video': Object.keys(textToVideoRequestSchema.shape),
  'image-to-video': Object.keys(imageToVideoRequestSchema.shape),
  'text-to-image': Object.keys(textToImageRequestSchema.shape),
  'reference-to-video': Object.keys(referenceToVideoRequestSchema.shape),
};

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] as number;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] as number;
      row[j] = Math.min(current + 1, (row[j - 1] as number) + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length] as number;
}

function suggestion(field: string, allowed: readonly string[]): string | undefined {
  const plain = (name: string) => name.toLowerCase().replace(/[_-]/g, '');
  return (
    allowed.find((name) => plain(name) === plain(field)) ??
    allowed.find((name) => plain(name).startsWith(plain(field)) && field.length >= 3) ??
    allowed
      .map((name) => ({ name, d: distance(plain(field), plain(name)) }))
      .filter(({ d }) => d <= 2)
      .sort((x, y) => x.d - y.d)[0]?.name
  );
}

/**
 * Every field of a line must be a request field of its kind: a misspelt one (`duration` for
 * `durationSeconds`) would otherwise be dropped, and a 5-second video sent instead of a 10-second one.
 */
function checkLineFields(line: number, fields: DraftRequest, kind: string): void {
  if (!(requestKinds as readonly string[]).includes(kind)) {
    const hint =
      kind === 'video' || kind === 'image' ? ` (for "${kind}" lines, use --kind ${kind} or omit kind)` : '';
    throw lineError(line, 'kind', kind, `kind "${kind}" is not a request kind${hint}`, requestKinds);
  }
  const allowed = fieldsOf[kind as RequestKind];
  for (const field of Object.keys(fields)) {
    if (allowed.includes(field)) continue;
    const guess = suggestion(field, allowed);
    throw lineError(
      line,
      field,
      fields[field],
      `${field} is not a ${kind} request field${guess ? `; did you mean ${guess}?` : ''} (allowed: ${allowed.join(', ')})`,
      allowed,
    );
  }
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
  // A byte order mark (as some editors save UTF-8) is not part of the first line.
  const rows = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  // A line's key is its request, not its position: inserting, removing or reordering lines never makes a
  // submitted line look new. The same request written twice is two tasks: its copies count 1, 2, …
  const copies = new Map<string, number>();
  for (const [index, row] of rows.entries()) {
    const number = index + 1;
    if (row.trim() === '') continue;
    try {
      const { fields, name } = takeName(parseLine(row, number), number);
      const merged = { ...defaults, ...fields };
      const kind = kindOf(media, merged);
      checkLineFields(number, fields, kind);
      const identity = { ...merged, kind, model: merged.model ?? chooseModel(kind) };
      const hash = sha256Hex(canonicalJson(identity));
      const copy = (copies.get(hash) ?? 0) + 1;
      copies.set(hash, copy);
      const key = `request:${hash}:${copy}`;
      // Local image paths in a line are relative to the batch file.
      const draft = await completeDraft(media, identity, chooseModel, dirname(file));
      lines.push({
        line: number,
        key,
        prepared: await prepareRequest(draft, adapter),
        ...(name !== undefined ? { name } : {}),
      });
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
