import { type SimulatorOptions, startSimulator } from '@wankit/simulator';
import { createScaledSimulatorClock } from '../clock/scaled-simulator-clock.js';
import { type ServiceHandle, serveRole, startService } from '../process/child-role.js';

/** What the parent asks of a simulator child: the simulator's options minus its clock. */
export interface SimServiceInput {
  readonly options: Omit<SimulatorOptions, 'clock' | 'timeScale'>;
  /** Real ms per simulated ms; the whole simulator (phases, rate windows) runs on this scaled clock. */
  readonly timeScale?: number;
}

export interface SimServiceInfo {
  readonly baseUrl: string;
}

export const SIM_SERVICE_ROLE = 'sim-service';

/**
 * The simulator runs in its own process in the real-time benchmarks, so the measured process holds
 * only the client and a benchmark's CPU and RSS figures hold none of the server's work.
 */
export function startSimService(input: SimServiceInput): Promise<ServiceHandle<SimServiceInfo>> {
  return startService<SimServiceInfo>(SIM_SERVICE_ROLE, input, { timeoutMs: 30_000 });
}

export function serveSimService(): void {
  serveRole(async (raw) => {
    const input = raw as SimServiceInput;
    const scale = input.timeScale ?? 1;
    const sim = await startSimulator({
      ...input.options,
      ...(scale === 1 ? {} : { clock: createScaledSimulatorClock(scale) }),
    });
    const shutdown = () => {
      void sim.close().finally(() => process.exit(0));
    };
    process.once('SIGTERM', shutdown);
    process.once('disconnect', shutdown);
    return { baseUrl: sim.baseUrl } satisfies SimServiceInfo;
  }, true);
}

/** Reads `GET /__sim/stats` from a simulator in another process. */
export async function fetchSimStats(baseUrl: string): Promise<Record<string, unknown>> {
  const response = await fetch(new URL('/__sim/stats', baseUrl));
  if (!response.ok) throw new Error(`GET /__sim/stats answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}
