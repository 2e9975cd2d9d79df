import { Command, Option } from 'commander';
import { addSimulatorVariantOptions } from './commands/sim.js';
import {
  addCommonRequestOptions,
  addConnectionOptions,
  addDryRunOption,
  addImageOptions,
  addJournalRunOptions,
  addPoolOptions,
  addStoreOptions,
  addVideoOptions,
  addWaitOptions,
  integerArg,
  parseFraction,
  parsePort,
  parsePositive,
} from './program-options.js';
import type { ActionRunner } from './run-action.js';

const examples = (lines: readonly string[]): string =>
  `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

/**
 * The command tree. Actions import their module lazily so that `--help` and `models` stay fast:
 * adapters, the simulator and ora load only in the commands that use them.
 */
export function buildProgram(
  run: ActionRunner,
  version: string,
  output?: { writeOut(text: string): void; writeErr(text: string): void },
): Command {
  const program = new Command('wankit');
  // Before any subcommand is added: commander copies these settings into each one.
  if (output) program.configureOutput(output);
  program
    .description(
      'Wan (Tongyi Wanxiang) video and image generation across API providers, or a local simulator.',
    )
    // Usage errors must exit 2, not commander's 1: bin.ts maps the thrown CommanderError.
    .exitOverride()
    .version(version, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText(
      'after',
      `${examples([
        'wankit video "a kitten running in the moonlight"',
        'wankit image "a red fox in snow, watercolor" --count 2',
        'wankit batch prompts.jsonl --concurrency 4 --out results',
        'wankit models',
      ])}
With no provider configured, commands run against an embedded simulator (no key, no network).
Exit codes: 0 ok, 2 invalid input, 3 refused by the provider, 4 task failed, 5 timed out or outcome unknown,
6 succeeded but results not saved, 7 a task the journal could not record, 8 journal locked or damaged
(nothing sent), 130 interrupted.`,
    );

  const video = program
    .command('video')
    .description('generate a video (text-to-video, or image-to-video with --image) and download it')
    .argument('<prompt>', 'what the video shows');
  addVideoOptions(addCommonRequestOptions(video));
  addWaitOptions(video);
  addDryRunOption(video);
  addConnectionOptions(video)
    .option('--callback-url <url>', 'ask the provider to POST the result here (providers with callbacks)')
    .addHelpText(
      'after',
      examples([
        'wankit video "a kitten running in the moonlight"',
        'wankit video "waves at dusk" --model wan2.2-t2v-plus --size 1920*1080',
        'wankit video "the cat turns its head" --image ./cat.png --resolution 720p',
        'wankit video "city timelapse" --provider generate-task --resolution 1080p --aspect 16:9 --duration 10',
        'wankit video "a kitten" --no-download --json > result.json',
        'wankit video "a kitten" --provider generate-task --resolution 1080p --dry-run',
      ]),
    )
    .action(run('video', () => import('./commands/generate.js')));

  const image = program
    .command('image')
    .description('generate images (text-to-image) and download them')
    .argument('<prompt>', 'what the image shows');
  addImageOptions(addCommonRequestOptions(image));
  addWaitOptions(image);
  addDryRunOption(image);
  addConnectionOptions(image)
    .addHelpText(
      'after',
      examples([
        'wankit image "a red fox in snow, watercolor"',
        'wankit image "product shot of a teapot" --size 1280*1280 --count 2 --out shots',
      ]),
    )
    .action(run('image', () => import('./commands/generate.js')));

  addStoreOptions(
    addConnectionOptions(
      program
        .command('status')
        .description('show the current status of a task (one status read)')
        .argument('<task>', 'task id from the journal, or a serialised task ref (JSON, or @file)'),
    ),
  )
    .addHelpText(
      'after',
      examples([
        'wankit status @result.json',
        'wankit status @result.json --json',
        'wankit status request:3f2a9c --store postgres://db.internal/wankit',
      ]),
    )
    .action(run('status', () => import('./commands/status.js')));

  addWaitOptions(
    addStoreOptions(
      addConnectionOptions(
        program
          .command('wait')
          .description('wait for a task to finish, then download its results')
          .argument('<task>', 'task id from the journal, or a serialised task ref (JSON, or @file)'),
      ),
    ),
  )
    .addHelpText(
      'after',
      examples(['wankit wait @result.json', 'wankit wait @result.json --timeout 10m --no-download']),
    )
    .action(run('wait', () => import('./commands/wait.js')));

  addStoreOptions(
    addConnectionOptions(
      program
        .command('download')
        .description("download a finished task's results (reads its status once)")
        .argument('<task>', 'task id from the journal, or a serialised task ref (JSON, or @file)')
        .option('--out <dir>', 'directory for downloaded results', '.')
        .option('--overwrite', 'replace files that already exist'),
    ),
  )
    .addHelpText('after', examples(['wankit download @result.json --out results']))
    .action(run('download', () => import('./commands/download.js')));

  const batch = program
    .command('batch')
    .description(
      'run every request of a JSONL file; re-run the same command to resume after any interruption',
    )
    .argument('<file>', 'one request per line: neutral JSON such as {"prompt":"…","size":"1280*720"}')
    .addOption(
      new Option('--kind <media>', 'default kind of the lines').choices(['video', 'image']).default('video'),
    )
    .option(
      '--concurrency <n>',
      'tasks in flight at once (capped by the provider limits)',
      integerArg('--concurrency'),
      4,
    )
    .option(
      '--resubmit-uncertain',
      'send again the lines whose earlier submit outcome is unknown (may pay twice)',
    )
    .option(
      '--retry-failed',
      'submit again the lines whose task failed (a new journal key per retry; never uncertain or succeeded lines)',
    )
    .addOption(
      new Option(
        '--name-by <source>',
        "name output files by the line's name field (else line-<n>), the line number, or the task id " +
          '(default: the name field when a line has one, else the task id)',
      ).choices(['name', 'line', 'task']),
    )
    .option('--overwrite', 'replace existing output files named by --name-by name|line')
    .option('--enqueue-only', 'with --store: queue the lines for the workers and exit')
    .option(
      '--batch-name <name>',
      'with --store: the batch name that keys its lines (default: the file name)',
    );
  addPoolOptions(addStoreOptions(batch));
  addImageOptions(addVideoOptions(addCommonRequestOptions(batch)));
  addWaitOptions(batch);
  addDryRunOption(batch);
  addJournalRunOptions(batch);
  addConnectionOptions(batch)
    .addHelpText(
      'after',
      `${examples([
        'wankit batch prompts.jsonl --out results',
        'wankit batch prompts.jsonl --concurrency 8 --model wan2.5-t2v-preview --provider generate-task',
        'wankit batch images.jsonl --kind image --size 1280*1280',
        'wankit batch prompts.jsonl --provider generate-task --dry-run',
        'wankit batch prompts.jsonl --retry-failed --name-by name',
        'wankit batch prompts.jsonl --store postgres://db.internal/wankit --enqueue-only',
      ])}
Each line is a JSON object with neutral request fields (prompt, model, size, resolution, aspectRatio,
durationSeconds, negativePrompt, seed, image, count, ...) or just a JSON string (the prompt); flags give
defaults. A line's "name" field (not sent) names its output files. The journal (default <file>.journal.jsonl) records every step: a re-run skips finished lines,
re-attaches to submitted tasks and never sends a line twice; lines whose submit outcome is unknown are
reported, and sent again only with --resubmit-uncertain.
With --store (or $WANKIT_STORE_URL) the lines go into a shared PostgreSQL store's queue instead, keyed by
batch name and request: any number of \`wankit worker\` processes on any machine work on them, and running
the same file again, or on two machines, queues nothing twice.
`,
    )
    .action(run('batch', () => import('./commands/batch.js')));

  addJournalRunOptions(
    addWaitOptions(
      addStoreOptions(
        addConnectionOptions(
          program
            .command('resume')
            .description('re-attach to every unfinished task in the journal and download results'),
        ),
      ),
    ),
  )
    .addHelpText(
      'after',
      examples(['wankit resume', 'wankit resume --journal prompts.jsonl.journal.jsonl --out results']),
    )
    .action(run('resume', () => import('./commands/resume.js')));

  addJournalRunOptions(
    program
      .command('resolve')
      .description(
        'settle a journal entry whose submit outcome is unknown, once you have checked with the provider',
      )
      .argument('<key>', 'the journal key shown by batch or resume (a unique prefix is enough)')
      .option('--task-id <id>', 'the provider created this task for it: re-attach to it from now on')
      .option('--drop', 'the provider created nothing for it: it may be sent again')
      .option('--journal <path>', 'task journal file (default: $XDG_STATE_HOME/wankit/journal.jsonl)')
      .option(
        '--config <path>',
        'config file (default: $WANKIT_CONFIG or $XDG_CONFIG_HOME/wankit/config.json)',
      )
      .option('--json', 'print one JSON document on stdout and nothing else there'),
  )
    .addHelpText(
      'after',
      examples([
        'wankit resolve request:3f2a9c --task-id 0f6c2a7e-3b1d-4c55-9c1e-5d1f0e2a9b7c --journal prompts.jsonl.journal.jsonl',
        'wankit resolve request:3f2a9c --drop --journal prompts.jsonl.journal.jsonl',
      ]),
    )
    .action(run('resolve', () => import('./commands/resolve.js')));

  const worker = program
    .command('worker')
    .description("work on the queued lines of a shared store's pool (until Ctrl-C or SIGTERM)")
    .option('--concurrency <n>', 'jobs worked on at once by this process', integerArg('--concurrency'), 4)
    .option('--out <dir>', 'directory for downloaded results (one every worker can reach)', '.')
    .option('--no-download', 'do not download results');
  addPoolOptions(addStoreOptions(addConnectionOptions(worker)))
    .addHelpText(
      'after',
      examples([
        'wankit worker --store postgres://db.internal/wankit --provider native --concurrency 8 --out /shared/results',
        'WANKIT_STORE_URL=postgres://db.internal/wankit wankit worker --rpm 600',
      ]),
    )
    .action(run('worker', () => import('./commands/worker.js')));

  addStoreOptions(
    program
      .command('store')
      .description('manage a shared PostgreSQL task store')
      .argument('<action>', 'migrate: create or update its tables (safe to repeat)')
      .option('--json', 'print one JSON document on stdout'),
  )
    .addHelpText('after', examples(['wankit store migrate --store postgres://db.internal/wankit']))
    .action(run('store', () => import('./commands/store.js')));

  addStoreOptions(
    program
      .command('tasks')
      .alias('history')
      .description('list tasks, newest first, from the journal or a shared store (--store)')
      .option('--status <list>', 'states or statuses, comma-separated (e.g. uncertain,failed,submitted)')
      .option('--batch <name>', 'only this batch')
      .option('--since <date>', 'created on or after (2026-01-31 or ISO 8601)')
      .option('--until <date>', 'created before')
      .option('--limit <n>', 'at most this many', integerArg('--limit'), 50)
      .addOption(
        new Option('--cost-by <group>', 'sum reported costs per batch or per day').choices(['batch', 'day']),
      )
      .option('--journal <path>', 'task journal file (default: $XDG_STATE_HOME/wankit/journal.jsonl)')
      .option('--config <path>', 'config file')
      .option('--json', 'print one JSON document on stdout'),
  )
    .addHelpText(
      'after',
      examples([
        'wankit tasks',
        'wankit tasks --journal prompts.jsonl.journal.jsonl --status uncertain,failed',
        'wankit tasks --store postgres://db.internal/wankit --batch prompts.jsonl --json',
        'wankit tasks --store postgres://db.internal/wankit --cost-by day --since 2026-01-01',
      ]),
    )
    .action(run('tasks', () => import('./commands/tasks.js')));

  program
    .command('models')
    .description('the model catalog: kinds, sizes, durations and limits, per provider')
    .addOption(
      new Option('--provider <id>', 'only the models this provider serves').choices([
        'native',
        'v2',
        'generate-task',
      ]),
    )
    .option('--json', 'print the catalog as one JSON document')
    .addHelpText('after', examples(['wankit models', 'wankit models --provider v2', 'wankit models --json']))
    .action(run('models', () => import('./commands/models.js')));

  program
    .command('providers')
    .description('the adapters, their capabilities, and how each is configured')
    .option('--json', 'print as one JSON document')
    .option('--config <path>', 'config file to report on')
    .addHelpText('after', examples(['wankit providers', 'wankit providers --json']))
    .action(run('providers', () => import('./commands/providers.js')));

  const sim = program
    .command('sim')
    .description('run the simulator as a long-running local server speaking every wire format')
    .option('--port <n>', 'port (0 picks a free one)', parsePort, 0)
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option(
      '--time-scale <x>',
      'task duration factor: 1 = real durations, 0.05 = 20x faster',
      parsePositive,
      1,
    )
    .option('--seed <n>', 'random seed for reproducible runs', integerArg('--seed'))
    .option('--api-key <key>', 'accept only this key (default: any non-empty key)')
    .option('--rpm <n>', 'requests per minute before 429', integerArg('--rpm'))
    .option('--concurrent <n>', 'concurrent tasks before 429', integerArg('--concurrent'))
    .option('--fault-rate <x>', 'fraction of requests that get an injected fault (0-1)', parseFraction)
    .option('--instant', 'tasks finish at once')
    .option('--json', 'print the base URL and endpoints as JSON on start');
  addSimulatorVariantOptions(sim)
    .addHelpText(
      'after',
      examples([
        'wankit sim --port 8787 --time-scale 0.05',
        'wankit sim --native-vocabulary seed --native-error-form string',
        'wankit video "a kitten" --provider native --base-url http://127.0.0.1:8787',
      ]),
    )
    .action(run('sim', () => import('./commands/sim.js')));

  return program;
}
