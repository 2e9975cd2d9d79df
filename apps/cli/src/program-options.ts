import { type Command, InvalidArgumentError, Option } from 'commander';
import { dashscopeRegions, providerIds } from './config/provider-ids.js';

/** `--seed 42`: a non-negative integer, or a clear usage error. */
export const integerArg =
  (what: string) =>
  (value: string): number => {
    if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError(`${what} takes a whole number, e.g. 42.`);
    return Number(value);
  };

/** `--timeout 90s`, `10m`, `1h`, or plain seconds; returns milliseconds. */
export function parseDuration(value: string): number {
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i.exec(value.trim());
  if (!match) throw new InvalidArgumentError('Write a duration such as 90s, 10m, 1h or a number of seconds.');
  const amount = Number(match[1]);
  const unit = (match[2] ?? 's').toLowerCase();
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000;
  const ms = Math.round(amount * factor);
  if (ms <= 0) throw new InvalidArgumentError('A duration must be more than zero, e.g. 90s.');
  return ms;
}

/** A number greater than zero, e.g. a time scale. */
export function parsePositive(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0)
    throw new InvalidArgumentError('Write a number greater than zero, e.g. 0.05.');
  return n;
}

/** A fraction from 0 to 1, e.g. a fault rate. */
export function parseFraction(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError('Write a fraction from 0 to 1, e.g. 0.1.');
  return n;
}

/** A TCP port, 0 (any free one) to 65535. */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65_535)
    throw new InvalidArgumentError('Write a port from 0 to 65535 (0 picks a free one).');
  return n;
}

const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

const knownProviders: readonly string[] = providerIds;

/** One provider id, or a comma-separated list of them (a router, tried in order). */
function providerList(value: string): string {
  const bad = value.split(',').find((id) => !knownProviders.includes(id.trim()));
  if (bad !== undefined) {
    throw new InvalidArgumentError(
      `Allowed choices are ${knownProviders.join(', ')}, or several separated by commas.`,
    );
  }
  return value;
}

/** Where to send requests: every command that talks to a provider. */
export function addConnectionOptions(command: Command): Command {
  return command
    .addOption(
      new Option(
        '--provider <id>',
        'provider wire format, or several (native,v2) to fall back across in order (default: $WANKIT_PROVIDER, the config file)',
      ).argParser(providerList),
    )
    .option(
      '--base-url <url>',
      "provider base URL (default: $WANKIT_BASE_URL, the config file, the adapter's)",
    )
    .option(
      '--api-key-env <name>',
      'read the API key from this environment variable (default: WANKIT_API_KEY)',
    )
    .addOption(
      new Option(
        '--region <name>',
        'dashscope: the region of the key and models (default: singapore)',
      ).choices(dashscopeRegions),
    )
    .option('--workspace-id <id>', 'dashscope: the workspace, sent as X-DashScope-WorkSpace')
    .option(
      '--allow-insecure-http',
      'allow a plain http: base URL off loopback (the key travels unencrypted)',
    )
    .option('--sim', 'run against an in-process simulator (the default when no provider is configured)')
    .option('--config <path>', 'config file (default: $WANKIT_CONFIG or $XDG_CONFIG_HOME/wankit/config.json)')
    .option('--journal <path>', 'task journal file (default: $XDG_STATE_HOME/wankit/journal.jsonl)')
    .option(
      '--time-scale <x>',
      'the server runs tasks at x times the documented durations (a `wankit sim --time-scale x`); scales polling',
      parsePositive,
    )
    .option('--json', 'print one JSON document on stdout and nothing else there')
    .option(
      '--verbose',
      'print every HTTP exchange on stderr, key redacted, with timing (also: WANKIT_DEBUG=1)',
    );
}

/** `video`, `image`, `batch`: show what would be sent and what it would cost, and send nothing. */
export function addDryRunOption(command: Command): Command {
  return command.option(
    '--dry-run',
    'validate, print the exact request(s) (key redacted) and the estimated cost; send nothing',
  );
}

/** Waiting and downloading: every command that waits for a task. */
export function addWaitOptions(command: Command): Command {
  return command
    .option('--out <dir>', 'directory for downloaded results', '.')
    .option('--no-download', 'do not download results; print their URLs')
    .option(
      '--timeout <duration>',
      'stop waiting after this long (e.g. 90s, 10m); the task keeps running',
      parseDuration,
    );
}

/** Generation settings shared by `video`, `image` and `batch` (defaults for its lines). */
export function addCommonRequestOptions(command: Command): Command {
  return command
    .option('--model <id>', 'canonical Wan model id (see `wankit models`)')
    .option('--size <W*H>', 'frame size, e.g. 1280*720')
    .option('--aspect <ratio>', 'aspect ratio: 16:9, 9:16, 1:1, 4:3, 3:4')
    .option('--negative <text>', 'negative prompt: what to avoid')
    .option('--seed <n>', 'random seed, 0-2147483647', integerArg('--seed'))
    .addOption(new Option('--prompt-extend', 'let the provider rewrite the prompt').hideHelp())
    .option('--no-prompt-extend', 'do not let the provider rewrite the prompt')
    .option('--watermark', 'ask for the provider watermark')
    .addOption(new Option('--no-watermark', 'ask for no watermark').hideHelp())
    .option('--provider-option <key=value>', 'provider-specific wire option (repeatable)', collect);
}

export function addVideoOptions(command: Command): Command {
  return command
    .option('--resolution <tier>', 'tier: 480p, 720p, 1080p (with --aspect instead of --size)')
    .option('--duration <seconds>', 'video length in seconds', integerArg('--duration'))
    .option('--audio', 'generate an audio track (models with audio)')
    .option('--no-audio', 'no audio track')
    .option('--audio-url <url>', 'audio to drive the video (models with audio input)')
    .option('--shot-type <type>', 'single or multi (models with shot types)')
    .option('--image <url|path>', 'first frame: image-to-video (a local file is sent inline)')
    .option('--last-image <url|path>', 'last frame, for first-and-last-frame models')
    .option('--template <name>', 'effect template (image-to-video models with templates)');
}

export function addImageOptions(command: Command): Command {
  return command.option(
    '--count <n>',
    'number of images (default 1; providers bill per image)',
    integerArg('--count'),
  );
}

/** Commands that plan from a journal take its lock and refuse a damaged one. */
export function addJournalRunOptions(command: Command): Command {
  return command
    .option('--wait', 'wait for another run holding the journal to finish, instead of stopping at once')
    .option(
      '--repair',
      'repair a damaged journal first: keep every readable record (the original is kept beside it)',
    );
}

/** A shared Postgres task store instead of the file journal. */
export function addStoreOptions(command: Command): Command {
  return command
    .option('--store <url>', 'PostgreSQL URL of a shared task store (default: $WANKIT_STORE_URL)')
    .option('--store-schema <name>', 'schema of the task store (default: $WANKIT_STORE_SCHEMA, else wankit)');
}

/** How the workers of a store's pool share a provider account and recover from each other's deaths. */
export function addPoolOptions(command: Command): Command {
  return command
    .option(
      '--account <id>',
      'the provider account whose limits every worker shares (default: provider and base URL)',
    )
    .option(
      '--rpm <n>',
      "the account's requests-per-minute limit (default: the provider's documented one)",
      integerArg('--rpm'),
    )
    .option(
      '--max-tasks <n>',
      "the account's concurrent-task limit (default: the provider's documented one)",
      integerArg('--max-tasks'),
    )
    .option(
      '--job-timeout <duration>',
      'a job whose worker stopped answering runs on another worker after this (default 5m)',
      parseDuration,
    )
    .option(
      '--lease <duration>',
      "a create's claim outlives its worker's last heartbeat by this (default 30s)",
      parseDuration,
    );
}
