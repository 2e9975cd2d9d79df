import { taskRefSchema } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { type ContractHarness, harnessApiKey } from './contract-harness.js';
import { contractClient } from './contract-runtime.js';
import { useWireHooks } from './define-fixture-tests.js';
import { fixtureCases } from './fixture-format.js';
import { requireFixture } from './load-fixture.js';
import { submitTask, taskKind } from './status-steps.js';

/** Ref group: a task ref survives JSON and can be polled by another adapter instance (another process). */
export function runRefContract(harness: ContractHarness): void {
  describe(`${harness.adapterId} contract › ref`, () => {
    useWireHooks();

    it('ref-json-round-trip', async () => {
      const label = 'ref/ref-json-round-trip';
      const succeeded = fixtureCases(requireFixture(harness, 'status', 'status-succeeded-video'))[0];
      if (!succeeded) throw new Error('contract fixture status/status-succeeded-video has no response');
      const first = harness.createAdapter();
      const task = await submitTask(harness, taskKind(first, 'video'), [succeeded.response], first);

      const text = JSON.stringify(task.ref);
      const copy: unknown = JSON.parse(text);
      expect(copy, `${label}: JSON.parse(JSON.stringify(ref))`).toStrictEqual(task.ref);
      expect(taskRefSchema.safeParse(copy).success, `${label}: the copy passes taskRefSchema`).toBe(true);
      expect(text, `${label}: the API key must not appear in the ref`).not.toContain(harnessApiKey(harness));

      const second = harness.createAdapter();
      const snapshot = await contractClient(harness, second).status(taskRefSchema.parse(copy));
      expect(snapshot.status, `${label}: status read through the copied ref`).toBe('succeeded');
      expect(snapshot.ref, `${label}: snapshot.ref`).toStrictEqual(task.ref);
    });
  });
}
