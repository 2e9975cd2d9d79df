import { resolve } from 'node:path';
import { loadConfigFile } from '../config/config-file.js';
import { defaultConfigFile } from '../config/paths.js';
import { providerIds } from '../config/provider-ids.js';
import { resolveConfig } from '../config/resolve-config.js';
import { ExitCode, type ExitCodeValue } from '../exit-codes.js';
import type { CommandContext } from '../run-action.js';
import { providers } from '../runtime/providers.js';

export async function run(context: CommandContext): Promise<ExitCodeValue> {
  const { io, options, env } = context;
  const configPath = resolve(
    context.cwd,
    (options.config as string | undefined) ?? env.WANKIT_CONFIG ?? defaultConfigFile(env),
  );
  const explicit = options.config !== undefined || env.WANKIT_CONFIG !== undefined;
  const file = await loadConfigFile(configPath, explicit);
  const { target } = resolveConfig({}, env, file);
  const active =
    target.mode === 'embedded'
      ? { provider: target.provider, mode: 'embedded simulator', reason: target.reason }
      : {
          provider: target.provider,
          mode: 'remote',
          baseUrl: target.baseUrl ?? '(adapter default)',
          providerFrom: target.providerSource,
          // Where the key comes from, never the key.
          apiKeyFrom: target.apiKeySource,
        };

  const list = [];
  for (const id of providerIds) {
    const info = providers[id];
    const adapter = await info.load({});
    list.push({
      id,
      name: adapter.name,
      package: info.packageName,
      speaks: info.examples,
      defaultBaseUrl: adapter.defaultBaseUrl ?? null,
      capabilities: adapter.capabilities,
      setup: info.setup,
    });
  }
  const configure = {
    provider: '--provider <id>, $WANKIT_PROVIDER, or "provider" in the config file',
    baseUrl:
      '--base-url <url>, $WANKIT_BASE_URL, or "baseUrl" (or providers.<id>.baseUrl) in the config file',
    apiKey:
      '--api-key-env <NAME>, $WANKIT_API_KEY, or "apiKeyEnv"/"apiKey" in the config file; never printed',
    dashscope:
      '--region singapore|beijing|virginia and --workspace-id <id>, or "region"/"workspaceId" (or providers.dashscope.…) in the config file',
    configFile: configPath,
  };
  if (io.json) {
    io.printJson({ active, providers: list, configure });
    return ExitCode.ok;
  }
  const { colors } = io;
  for (const p of list) {
    const caps = p.capabilities;
    io.out(`${colors.bold(p.id)}  ${p.name} (${p.package})`);
    io.out(`  speaks: ${p.speaks}`);
    io.out(`  kinds: ${caps.kinds.join(', ')}; models: ${caps.models.join(', ')}`);
    io.out(
      `  callbacks: ${caps.callbacks ? 'yes' : 'no'}; progress: ${caps.progress ? 'yes' : 'no'}; cancel: ${caps.cancel ? 'yes' : 'no'}`,
    );
    const limits = [
      caps.limits.requestsPerMinute !== undefined
        ? `${caps.limits.requestsPerMinute} requests/min`
        : undefined,
      caps.limits.concurrentTasks !== undefined
        ? `${caps.limits.concurrentTasks} concurrent tasks`
        : undefined,
    ].filter(Boolean);
    io.out(`  limits: ${limits.length > 0 ? limits.join(', ') : 'none documented'}`);
    io.out(`  base URL: ${p.defaultBaseUrl ?? 'none documented (required)'}`);
    io.out(`  setup: ${p.setup}`);
    io.out('');
  }
  io.out(colors.bold('configure'));
  io.out(`  provider: ${configure.provider}`);
  io.out(`  base URL: ${configure.baseUrl}`);
  io.out(`  API key:  ${configure.apiKey}`);
  io.out(`  dashscope: ${configure.dashscope}`);
  io.out(`  config file: ${configure.configFile}`);
  io.out('');
  io.out(
    target.mode === 'embedded'
      ? `active: embedded simulator speaking ${target.provider} (${target.reason})`
      : `active: ${target.provider} at ${target.baseUrl ?? 'its default base URL'}, key from ${target.apiKeySource}`,
  );
  return ExitCode.ok;
}
