import { createHash } from 'node:crypto';
import { isJournalRecord, type JournalRecord } from './journal-record.js';

/**
 * The line format of the file journal: one JSON object per line, the record's own fields, then
 * `"sum":"<16 hex>"`, the first 64 bits of the sha256 of the line as it would read without its sum. A
 * record that changed on disk (a bit flip, an edit) no longer matches its sum. The first record written
 * after a crash's torn last line carries `"afterTorn":true`: the torn line before it is a known crash
 * remnant, not damage.
 */
const sumSuffix = /,"sum":"([0-9a-f]{16})"\}$/;

const sumOf = (body: string): string => createHash('sha256').update(body).digest('hex').slice(0, 16);

/** Serialises a (scrubbed) record as one journal line, without the newline. */
export function journalLine(record: JournalRecord, afterTorn = false): string {
  const body = JSON.stringify(afterTorn ? { ...record, afterTorn: true } : record);
  return `${body.slice(0, -1)},"sum":"${sumOf(body)}"}`;
}

export type LineDamage = {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly reason: 'unreadable' | 'checksum mismatch' | 'not a journal record';
  /** The first characters of the line, for the report. */
  readonly preview: string;
};

export interface JournalScan {
  /** Every record that could be read, in file order (records whose checksum failed included). */
  readonly records: JournalRecord[];
  /** Lines that are damaged: unreadable anywhere but the end, altered, or foreign. */
  readonly damage: LineDamage[];
  /** The last line was cut off (a crash while appending): skipped, and not damage. */
  readonly tornTail: boolean;
  /** Keys named in damaged lines: their records may be among those lost. */
  readonly keysInDamage: string[];
}

const keyPattern = /"key":"((?:[^"\\]|\\.)*)"/g;

function keysIn(text: string): string[] {
  const keys: string[] = [];
  for (const match of text.matchAll(keyPattern)) {
    try {
      keys.push(JSON.parse(`"${match[1]}"`) as string);
    } catch {
      // A key cut in the middle of an escape: nothing to name.
    }
  }
  return keys;
}

const preview = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: NUL bytes (a zero-filled block) are shown as such.
  (text.length > 60 ? `${text.slice(0, 57)}...` : text).replace(/\u0000/g, '\\0');

type ParsedLine =
  | { ok: true; record: JournalRecord; afterTorn: boolean; sumOk: boolean }
  | { ok: false; reason: LineDamage['reason'] };

function parseLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not a journal record' };
  }
  const envelope = value as Record<string, unknown>;
  let sumOk = true;
  if ('sum' in envelope) {
    const match = sumSuffix.exec(line);
    sumOk =
      match !== null && match[1] === envelope.sum && sumOf(`${line.slice(0, match.index)}}`) === match[1];
  }
  const { sum: _sum, afterTorn, ...record } = envelope;
  if (!isJournalRecord(record)) return { ok: false, reason: 'not a journal record' };
  return { ok: true, record, afterTorn: afterTorn === true, sumOk };
}

/**
 * Reads journal text strictly. A torn last line (no newline after it) is what a crash mid-append leaves: it
 * was never acknowledged, so it is skipped. Anything else that cannot be read, a record whose checksum fails
 * and a line that is not a record are damage: records may be missing, and planning from what is left could
 * send a request twice. Lines written before checksums existed are read as they are.
 */
export function scanJournalText(text: string): JournalScan {
  const lines = text.split('\n');
  const endsTorn = text.length > 0 && !text.endsWith('\n');
  const parsed = lines.map((line) => (line.trim() === '' ? undefined : parseLine(line)));
  const records: JournalRecord[] = [];
  const damage: LineDamage[] = [];
  const keysInDamage: string[] = [];
  let tornTail = false;
  const nextParsed = (index: number) => parsed.slice(index + 1).find((entry) => entry !== undefined);
  for (const [index, entry] of parsed.entries()) {
    if (entry === undefined) continue;
    const line = lines[index] as string;
    if (entry.ok) {
      records.push(entry.record);
      if (!entry.sumOk) {
        damage.push({ line: index + 1, reason: 'checksum mismatch', preview: preview(line) });
        keysInDamage.push(entry.record.key);
      }
      continue;
    }
    const isLast = index === lines.length - 1;
    if (entry.reason === 'unreadable' && isLast && endsTorn) {
      tornTail = true;
      continue;
    }
    const next = nextParsed(index);
    if (entry.reason === 'unreadable' && next?.ok === true && next.afterTorn) continue;
    damage.push({ line: index + 1, reason: entry.reason, preview: preview(line) });
    keysInDamage.push(...keysIn(line));
  }
  return { records, damage, tornTail, keysInDamage: [...new Set(keysInDamage)] };
}

/**
 * Parses JSON lines leniently: every readable record, skipping whatever is damaged. For looking a task up;
 * planning must use the strict scan.
 */
export function parseJournalLines(text: string): JournalRecord[] {
  return scanJournalText(text).records;
}
