import type { TaskRef, TaskSnapshot } from '@wankit/core';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createIo } from '../output/io.js';
import type { Connection } from './connect.js';
import { followTask } from './follow-task.js';

/** A terminal-like stderr that keeps what was written. */
function tty(): { stream: NodeJS.WriteStream; text(): string } {
  let text = '';
  const stream = {
    isTTY: true,
    columns: 120,
    write(chunk: string | Uint8Array) {
      text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return true;
    },
    // What ora moves the cursor with on a TTY.
    cursorTo: () => true,
    moveCursor: () => true,
    clearLine: () => true,
    on: () => stream,
    once: () => stream,
    off: () => stream,
    removeListener: () => stream,
  };
  return { stream: stream as unknown as NodeJS.WriteStream, text: () => text };
}

const start = Date.parse('2026-01-01T00:00:00Z');
const ref = { taskId: 't-1', submittedAt: new Date(start).toISOString() } as TaskRef;
// SGR colour codes (foreground 30-37/90-97, 38;…); cursor movement and line clearing are not colour.
const colour = new RegExp(`${String.fromCharCode(27)}\\[(?:3[0-8]|9[0-7])(?:;[\\d;]*)?m`);

beforeAll(async () => {
  // Loaded for real first: a module load does not finish under fake timers.
  await import('ora');
});
afterEach(() => {
  vi.useRealTimers();
});

describe('NO_COLOR', () => {
  it('turns colour off but keeps the live line and its elapsed-time ticker', async () => {
    vi.useFakeTimers({ now: start });
    const stderr = tty();
    const env = { NO_COLOR: '1', TERM: 'xterm-256color' };
    const io = createIo({ json: false, env, stderr: stderr.stream, stdout: tty().stream });
    expect(io.interactive).toBe(true);
    expect(io.colors.isColorSupported).toBe(false);

    let finish: (snapshot: TaskSnapshot) => void = () => undefined;
    const connection = {
      timeScale: 1,
      timeScaleKnown: true,
      client: { wait: () => new Promise<TaskSnapshot>((resolve) => (finish = resolve)) },
    } as unknown as Connection;
    const following = followTask(connection, ref, io, { typicalSeconds: [50, 70] });
    await vi.advanceTimersByTimeAsync(3_200);
    // No status change in between: only the ticker moves the elapsed time on.
    expect(stderr.text()).toContain('t-1: queued · 3s elapsed · ~57s left');
    expect(stderr.text()).not.toMatch(colour);
    finish({ status: 'succeeded' } as TaskSnapshot);
    await following;
  });

  it('the colour check itself: with colour allowed, warnings are drawn in colour', () => {
    const stderr = tty();
    const io = createIo({ json: false, env: { TERM: 'xterm-256color' }, stderr: stderr.stream });
    io.warn('careful');
    expect(stderr.text()).toMatch(colour);
    const plain = tty();
    createIo({ json: false, env: { NO_COLOR: '1', TERM: 'xterm-256color' }, stderr: plain.stream }).warn(
      'careful',
    );
    expect(plain.text()).toBe('warning: careful\n');
  });
});
