import type { Logger } from '@wankit/core';

const levels = ['debug', 'info', 'warn', 'error'] as const;

/** One logger that hands every event to each given logger (the time-scale watcher and `--verbose` both listen). */
export function combineLoggers(...loggers: readonly (Logger | undefined)[]): Logger {
  const present = loggers.filter((logger): logger is Logger => logger !== undefined);
  const combined: Logger = {};
  for (const level of levels) {
    if (!present.some((logger) => logger[level])) continue;
    combined[level] = (message, data) => {
      for (const logger of present) logger[level]?.(message, data);
    };
  }
  return combined;
}
