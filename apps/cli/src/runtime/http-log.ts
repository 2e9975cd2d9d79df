import type { Logger } from '@wankit/core';
import type { CommandContext } from '../run-action.js';

/** Bodies on a terminal are clipped here (core already redacts them and clips at 2 000 characters). */
export const shownBodyChars = 400;

/** `--verbose` or `WANKIT_DEBUG=1` (any value but empty, `0` or `false`). */
export function verboseOf(context: Pick<CommandContext, 'options' | 'env'>): boolean {
  if (context.options.verbose === true) return true;
  const debug = context.env.WANKIT_DEBUG;
  return debug !== undefined && !['', '0', 'false'].includes(debug.trim().toLowerCase());
}

const clipped = (value: unknown): string => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > shownBodyChars ? `${text.slice(0, shownBodyChars)}…(${text.length} chars)` : text;
};

const headerText = (headers: unknown): string =>
  Object.entries((headers ?? {}) as Record<string, string>)
    .map(([name, value]) => `${name}: ${value}`)
    .join('; ');

/**
 * Renders core's logger events as lines on stderr: each request with its headers and body, each answer with
 * its status, time and body, each exchange that got no answer. Core redacts before the events reach here
 * (the key, `Authorization`, bearer and callback tokens), so this only formats.
 */
export function createHttpLogger(write: (line: string) => void): Logger {
  return {
    debug(message, data = {}) {
      const target = `${String(data.method)} ${String(data.url)}`;
      if (message === 'http request') {
        write(`http → ${target}`);
        write(`  headers: ${headerText(data.headers)}`);
        if (data.body !== undefined) write(`  body: ${clipped(data.body)}`);
      } else if (message === 'http response') {
        write(`http ← ${String(data.status)} ${target} (${String(data.durationMs)} ms)`);
        if (data.body !== undefined && data.body !== '') write(`  body: ${clipped(data.body)}`);
      } else if (message === 'http failure') {
        write(
          `http ✗ ${target} (${String(data.durationMs)} ms): [${String(data.kind)}] ${String(data.message)}`,
        );
      }
    },
    warn(message, data = {}) {
      if (message === 'retrying') {
        write(
          `http retry #${String(data.attempt)} in ${String(data.delayMs)} ms after [${String(data.kind)}]`,
        );
      }
    },
  };
}

/** The `logger` connect option of a command: set only when verbose. */
export function httpLogOption(context: Pick<CommandContext, 'options' | 'env' | 'io'>): { logger?: Logger } {
  return verboseOf(context) ? { logger: createHttpLogger((line) => context.io.err(line)) } : {};
}
