import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { CommandContext } from '../run-action.js';

/** `wankit sim`: the simulator as a long-running local server, until Ctrl-C. */
export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io, options, interrupt } = context;
  const simulator = await import('@wankit/simulator');
  const fault = typeof options.faultRate === 'number' ? options.faultRate : undefined;
  const server = await simulator.startSimulator({
    port: options.port as number,
    host: options.host as string,
    timeScale: options.timeScale as number,
    ...(typeof options.seed === 'number' ? { seed: options.seed } : {}),
    ...(typeof options.apiKey === 'string' ? { apiKey: options.apiKey } : {}),
    ...(options.rpm !== undefined || options.concurrent !== undefined
      ? {
          limits: {
            ...(typeof options.rpm === 'number' ? { requestsPerMinute: options.rpm } : {}),
            ...(typeof options.concurrent === 'number' ? { concurrentTasks: options.concurrent } : {}),
          },
        }
      : {}),
    ...(fault !== undefined ? { faults: { rate: fault } } : {}),
    ...(options.instant === true ? { instantCompletion: true } : {}),
  });
  const scale = options.timeScale as number;
  const scaleFlag = scale === 1 ? '' : ` --time-scale ${scale}`;
  if (io.json) {
    io.printJson({ baseUrl: server.baseUrl, timeScale: scale, stats: `${server.baseUrl}/__sim/stats` });
  } else {
    io.out(server.baseUrl);
    io.err(simulator.describeSimulator(server.baseUrl, server.options));
    io.err('');
    io.err('Point wankit at it (any non-empty key is accepted):');
    for (const provider of ['native', 'v2', 'generate-task']) {
      io.err(`  wankit video "a kitten" --provider ${provider} --base-url ${server.baseUrl}${scaleFlag}`);
    }
    io.err('Press Ctrl-C to stop.');
  }
  await new Promise<void>((resolve) => {
    if (interrupt.signal.aborted) resolve();
    interrupt.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.close();
  return ExitCode.ok;
}
