import type { TaskRef } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { downloadHint, type HintConnection, rerunWithConnection, resumeHint } from './resume-hint.js';

const connection = (extra: Partial<HintConnection> = {}): HintConnection =>
  ({
    embedded: false,
    provider: 'native',
    baseUrl: 'http://127.0.0.1:8787',
    timeScale: 0.05,
    ...extra,
  }) as HintConnection;
const ref = { taskId: 't-1' } as TaskRef;

describe('hints are full commands', () => {
  it('resume: provider, base URL, key variable, config, time scale, store and journal, quoted for a shell', () => {
    const options = { apiKeyEnv: 'MY_KEY', config: './my config.json', store: 'postgres://db/w' };
    expect(resumeHint(connection(), ref, '/tmp/j.jsonl', options)).toBe(
      'task t-1 keeps running; resume with: wankit wait t-1 --provider native --base-url http://127.0.0.1:8787 ' +
        "--api-key-env MY_KEY --config './my config.json' --time-scale 0.05 --store postgres://db/w --journal /tmp/j.jsonl" +
        "   (or: wankit resume --provider native --base-url http://127.0.0.1:8787 --api-key-env MY_KEY --config './my config.json' " +
        '--time-scale 0.05 --store postgres://db/w --journal /tmp/j.jsonl)',
    );
  });

  it('a real provider at its own pace needs no --time-scale', () => {
    const real = connection({ baseUrl: 'https://cloud.vtrix.ai', timeScale: 1 });
    expect(downloadHint(real, {}, 't-1', '/j.jsonl', '/out')).toBe(
      'wankit download t-1 --provider native --base-url https://cloud.vtrix.ai --journal /j.jsonl --out /out',
    );
  });

  it('re-run: the same command line, plus the connection that came from the environment', () => {
    expect(rerunWithConnection(['batch', 'p.jsonl', '--concurrency', '8'], connection(), {})).toBe(
      'wankit batch p.jsonl --concurrency 8 --provider native --base-url http://127.0.0.1:8787 --time-scale 0.05',
    );
    expect(
      rerunWithConnection(
        ['batch', 'p.jsonl', '--provider', 'native', '--base-url', 'http://127.0.0.1:8787'],
        connection(),
        {},
      ),
    ).toBe('wankit batch p.jsonl --provider native --base-url http://127.0.0.1:8787 --time-scale 0.05');
    expect(rerunWithConnection(['batch', 'my prompts.jsonl'], connection({ embedded: true }), {})).toBe(
      "wankit batch 'my prompts.jsonl'",
    );
  });
});
