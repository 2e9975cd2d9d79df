import { describe, expect, it } from 'vitest';
import { createManualClock } from '../clock.js';
import { startSimulator } from '../server.js';
import { progressAt } from './progress-curve.js';

describe('progress curves', () => {
  it('linear: progress is the share of running time', () => {
    expect([0, 0.25, 0.5, 1].map((t) => progressAt('linear', t))).toEqual([0, 0.25, 0.5, 1]);
  });

  it('uneven: a slow start, a fast middle, a plateau near the end', () => {
    const at = (t: number) => Math.round(progressAt('uneven', t) * 1000) / 1000;
    expect([0, 0.25, 0.6, 0.95, 1].map(at)).toEqual([0, 0.05, 0.8, 0.9, 1]);
    expect(at(0.125)).toBe(0.025);
    expect(at(0.775)).toBe(0.85);
  });

  it('clamps outside the running time', () => {
    expect([progressAt('uneven', -1), progressAt('uneven', 2)]).toEqual([0, 1]);
  });

  it('the simulator reports progress along the configured curve, and refuses an unknown one', async () => {
    const clock = createManualClock(0);
    const sim = await startSimulator({
      clock,
      seed: 3,
      progressCurve: 'uneven',
      durations: { '1080p': [100, 100] },
    });
    try {
      const headers = { authorization: 'Bearer k', 'content-type': 'application/json' };
      const created = await fetch(`${sim.baseUrl}/model/v1/generation`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model: 'wan22_t2v_plus', input: { prompt: 'a cat' } }),
      });
      const { id } = (await created.json()) as { id: string };
      const task = sim.tasks.get('native', id)!;
      // Halfway through the running time: 0.05 + 0.75 × (0.5 − 0.25) / 0.35.
      clock.advance(task.startAt + (task.endAt - task.startAt) / 2 - clock.now());
      const status = await fetch(`${sim.baseUrl}/model/v1/generation/task/${id}`, { headers });
      expect(((await status.json()) as { progress: number }).progress).toBe(0.59);
    } finally {
      await sim.close();
    }
    await expect(startSimulator({ progressCurve: 'steps' as 'linear' })).rejects.toThrow(
      "unknown progressCurve 'steps'",
    );
  });
});
