import { afterEach } from 'vitest';
import { createManualClock, type ManualClock } from '../src/clock.js';
import type { SimulatorOptions } from '../src/options.js';
import { type Simulator, startSimulator } from '../src/server.js';

const open: Simulator[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((sim) => sim.close()));
});

/** A simulator on 127.0.0.1:0 with a manual clock (2026-01-01T00:00:00Z) and seed 1, closed after each test. */
export async function startTestSimulator(
  options: SimulatorOptions = {},
): Promise<{ sim: Simulator; clock: ManualClock }> {
  const clock = createManualClock();
  const sim = await startSimulator({ seed: 1, clock, ...options });
  open.push(sim);
  return { sim, clock };
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests index freely into wire bodies and compare them exactly
  readonly json: any;
}

export async function call(
  sim: Simulator,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  key: string | null = 'sk-test',
): Promise<ApiResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const response = await fetch(sim.url(path), {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Waits (in small real steps, bounded) until `condition` holds: for work the server does off the request path. */
export async function waitUntil(condition: () => boolean, what = 'condition'): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Moves the clock to the instant a task finishes (or just past a given offset from its creation). */
export function advanceTo(clock: ManualClock, instant: number): void {
  clock.advance(Math.max(0, instant - clock.now()));
}
