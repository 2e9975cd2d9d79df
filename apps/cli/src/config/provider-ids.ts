/** The providers (adapters) the CLI knows, by adapter id. */
export const providerIds = ['native', 'v2', 'generate-task', 'dashscope'] as const;
export type ProviderId = (typeof providerIds)[number];

export const isProviderId = (value: unknown): value is ProviderId =>
  typeof value === 'string' && (providerIds as readonly string[]).includes(value);

/** DashScope's regions (its adapter's `region` setting), written out so resolving flags loads no adapter. */
export const dashscopeRegions = ['singapore', 'beijing', 'virginia'] as const;

/** The provider the embedded simulator speaks when none is configured. */
export const defaultEmbeddedProvider: ProviderId = 'native';
