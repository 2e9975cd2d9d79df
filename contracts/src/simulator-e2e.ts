import { mkdtemp, open, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createCallbackHandler,
  createCallbackRegistry,
  createClient,
  type GenerationRequest,
  type RequestKind,
  type WanAdapter,
  WankitError,
} from '@wankit/core';
import { toNodeListener } from '@wankit/core/node';
import { type Simulator, type SimulatorOptions, startSimulator, type WireFormat } from '@wankit/simulator';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

export interface SimulatorE2eHarness {
  /** Adapter under test; it is pointed at the simulator through the client's `baseUrl`. */
  createAdapter(): WanAdapter;
  /** The simulator's name for this wire format (its stats are keyed by it). */
  format: WireFormat;
  /** One request per kind the adapter supports; every one must complete end to end. */
  requests: Partial<Record<RequestKind, GenerationRequest>>;
  /** Run the callback round trip too (adapters whose provider calls back). */
  callbacks?: boolean;
  /** More simulator settings, e.g. a relay dialect (`v2Dialect`, `generateTaskDialect`). */
  simulatorOptions?: Omit<SimulatorOptions, 'timeScale' | 'seed'>;
  /** Names this run when one adapter runs the suite against several simulator settings. */
  label?: string;
}

// 0.002: a 60 s video takes 120 ms on the simulator, and the client's schedule is scaled the same way.
const timeScale = 0.002;
const magic: Record<'video' | 'image', { offset: number; bytes: string }> = {
  video: { offset: 4, bytes: 'ftyp' },
  image: { offset: 1, bytes: 'PNG' },
};

async function headerOf(path: string, length: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, 0);
    return buffer.toString('latin1');
  } finally {
    await handle.close();
  }
}

/**
 * Every adapter, driven through core's `generate`, completes real tasks against the simulator over loopback HTTP:
 * one per supported kind, a content-policy failure, and (where the provider calls back) a callback round trip.
 */
export function runSimulatorEndToEnd(harness: SimulatorE2eHarness): void {
  describe(`end to end against the simulator (${harness.format}${harness.label ? `, ${harness.label}` : ''})`, () => {
    let simulator: Simulator;
    let outDir: string;
    const adapter = harness.createAdapter();
    const client = () =>
      createClient({
        adapter,
        apiKey: 'sim-key',
        baseUrl: simulator.baseUrl,
        schedule: { timeScale },
      });

    beforeAll(async () => {
      nock.enableNetConnect(/127\.0\.0\.1/);
      simulator = await startSimulator({ ...harness.simulatorOptions, timeScale, seed: 7 });
      outDir = await mkdtemp(join(tmpdir(), 'wankit-e2e-'));
    });
    afterAll(async () => {
      await simulator?.close();
      if (outDir) await rm(outDir, { recursive: true, force: true });
    });

    for (const [kind, request] of Object.entries(harness.requests) as [RequestKind, GenerationRequest][]) {
      it(`${kind}: submit, wait and download a real file`, async () => {
        const before = simulator.stats().formats[harness.format].creates;
        const seen: string[] = [];
        const result = await client().generate(request, {
          download: { dir: join(outDir, kind) },
          onProgress: (snapshot) => seen.push(snapshot.status),
          deadlineMs: 20_000,
        });
        expect(result.snapshot.status).toBe('succeeded');
        expect(seen.at(-1)).toBe('succeeded');
        expect(result.ref.adapter).toBe(adapter.id);
        expect(simulator.stats().formats[harness.format].creates).toBe(before + 1);
        const outputKind = kind === 'text-to-image' ? 'image' : 'video';
        const expectedCount =
          kind === 'text-to-image' ? (request.kind === 'text-to-image' ? (request.count ?? 1) : 1) : 1;
        expect(result.snapshot.outputs).toHaveLength(expectedCount);
        expect(result.files).toHaveLength(expectedCount);
        for (const file of result.files ?? []) {
          expect(file.bytes).toBeGreaterThan(0);
          expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
          const { offset, bytes } = magic[outputKind];
          expect((await headerOf(file.path, offset + bytes.length)).slice(offset)).toBe(bytes);
        }
      });
    }

    it('a prompt the provider refuses ends as a content_policy failure, reported with HTTP 200', async () => {
      const request = Object.values(harness.requests)[0]!;
      const refused = { ...request, prompt: `${request.prompt ?? 'scene'} [[unsafe]]` } as GenerationRequest;
      const error = await client()
        .generate(refused, { deadlineMs: 20_000 })
        .catch((caught: unknown) => caught);
      expect(WankitError.isInstance(error)).toBe(true);
      expect((error as WankitError).kind).toBe('content_policy');
      expect((error as WankitError).taskRef?.adapter).toBe(adapter.id);
    });

    it('a task submitted by one client is polled to the end by another from its serialised ref', async () => {
      const request = Object.values(harness.requests)[0]!;
      const { ref } = await client().submit(request);
      const revived = JSON.parse(JSON.stringify(ref));
      const snapshot = await client().wait(revived, { deadlineMs: 20_000 });
      expect(snapshot.status).toBe('succeeded');
      expect(snapshot.ref.taskId).toBe(ref.taskId);
    });

    if (harness.callbacks) {
      it('callback mode: the provider POSTs the result and wait resolves from it', async () => {
        const request = Object.values(harness.requests)[0]!;
        let server: Server | undefined;
        try {
          server = createServer();
          await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
          const { port } = server.address() as AddressInfo;
          const registry = createCallbackRegistry({
            publicBaseUrl: `http://127.0.0.1:${port}/wankit/callback`,
          });
          server.on('request', toNodeListener(createCallbackHandler({ adapter, registry })));
          const delivered = simulator.stats().callbacks.delivered;
          const result = await client().generate(request, {
            callback: registry.register(),
            deadlineMs: 20_000,
          });
          expect(result.snapshot.status).toBe('succeeded');
          await simulator.idle();
          expect(simulator.stats().callbacks.delivered).toBe(delivered + 1);
        } finally {
          await new Promise((resolve) => server?.close(resolve));
        }
      });
    }
  });
}
