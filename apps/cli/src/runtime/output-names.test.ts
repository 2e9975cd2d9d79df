import { describe, expect, it } from 'vitest';
import { safeOutputName } from './batch-lines.js';
import { duplicateOutputNames, outputNameOf } from './output-names.js';

const line = (n: number, name?: string) => ({ line: n, key: `k${n}`, ...(name ? { name } : {}) }) as never;

describe('batch output names', () => {
  it('makes a line name safe: no separators, no leading dot, at most 100 characters', () => {
    expect(safeOutputName('../../etc/passwd')).toBe('etc_passwd');
    expect(safeOutputName('.hidden')).toBe('hidden');
    expect(safeOutputName('shot #2 (final)')).toBe('shot_2_final_');
    expect(safeOutputName('C:\\temp\\x')).toBe('C_temp_x');
    expect(safeOutputName('///')).toBe('');
    expect(safeOutputName('a'.repeat(150))).toHaveLength(100);
  });

  it('names by the name field, the line number or the task id', () => {
    expect(outputNameOf(line(3, 'kite'), undefined)).toBe('kite');
    expect(outputNameOf(line(3), undefined)).toBeUndefined();
    expect(outputNameOf(line(3), 'name')).toBe('line-3');
    expect(outputNameOf(line(3, 'kite'), 'line')).toBe('line-3');
    expect(outputNameOf(line(3, 'kite'), 'task')).toBeUndefined();
  });

  it('finds two lines that would write the same file, ignoring case', () => {
    const errors = duplicateOutputNames([line(1, 'Kite'), line(2, 'kite'), line(3, 'line-1')], 'name');
    expect(errors.map((e) => [e.line, e.error.message])).toStrictEqual([
      [2, 'line 2: its outputs would be named "kite", like those of line 1; give each line its own name'],
    ]);
    expect(duplicateOutputNames([line(1), line(2)], 'task')).toStrictEqual([]);
  });
});
