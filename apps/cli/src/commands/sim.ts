import { type Command, Option } from 'commander';
import { providerIds } from '../config/provider-ids.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { CommandContext } from '../run-action.js';

// The simulator's native answer variants (its NATIVE_VOCABULARIES and NATIVE_ERROR_FORMS, checked equal in
// sim.test.ts), written out so that building the command line does not load the simulator.
export const nativeVocabularies = ['gateway', 'cli-docs', 'seed'] as const;
export const nativeErrorForms = ['object', 'string', 'error_message'] as const;

/** The flags that choose how the simulator's native format answers, so any real variant can be reproduced. */
export function addSimulatorVariantOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--native-vocabulary <words>',
        'native status words: gateway (in_progress/completed), cli-docs (pending/processing/completed), seed (in_queue/processing/done)',
      ).choices(nativeVocabularies),
    )
    .addOption(
      new Option(
        '--native-error-form <form>',
        'how a failed native task carries its error: object {code, message}, string, error_message {code, error_message}',
      ).choices(nativeErrorForms),
    );
}

type Vocabulary = (typeof nativeVocabularies)[number];
type ErrorForm = (typeof nativeErrorForms)[number];

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
    ...(typeof options.nativeVocabulary === 'string'
      ? { nativeVocabulary: options.nativeVocabulary as Vocabulary }
      : {}),
    ...(typeof options.nativeErrorForm === 'string'
      ? { nativeErrorForm: options.nativeErrorForm as ErrorForm }
      : {}),
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
    // Every provider's wire is served on the same base URL (DashScope's paths hang off its root too).
    for (const provider of providerIds) {
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
