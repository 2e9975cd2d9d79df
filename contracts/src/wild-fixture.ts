import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorKinds, requestKinds, taskStatuses } from '@wankit/core';
import { z } from 'zod';

// A real wire body collected from a public source, with the neutral outcome a tolerant adapter must reach
// (contracts/README.md, "Wild fixtures"). Strict: a misspelt key would silently weaken the check.

const sourceSchema = z
  .strictObject({
    kind: z.enum(['sdk-test', 'sdk-source', 'relay-source', 'recorded-traffic', 'issue', 'docs-page']),
    repository: z
      .string()
      .regex(/^[\w.-]+\/[\w.-]+$/)
      .optional(),
    path: z.string().min(1).optional(),
    commit: z
      .string()
      .regex(/^[0-9a-f]{7,40}$/)
      .optional(),
    url: z.string().url().optional(),
    note: z.string().optional(),
  })
  .refine(
    (source) => (source.repository !== undefined && source.path !== undefined) || source.url !== undefined,
    {
      message: 'a source names a repository and path, or a URL',
    },
  );

const outputSchema = z.strictObject({ kind: z.enum(['video', 'image']), url: z.string().min(1) });

export const wildFixtureSchema = z.strictObject({
  description: z.string().min(1),
  source: sourceSchema,
  exchange: z.enum(['create', 'status', 'callback', 'cancel']),
  requestKind: z.enum(requestKinds),
  response: z
    .strictObject({
      status: z.number().int().min(100).max(599),
      headers: z.record(z.string(), z.string()).optional(),
      body: z.unknown().optional(),
      bodyText: z.string().optional(),
    })
    .refine((response) => !(response.body !== undefined && response.bodyText !== undefined), {
      message: 'give either body or bodyText, not both',
    }),
  expect: z.strictObject({
    outcome: z.enum(['submitted', 'snapshot', 'error']),
    taskId: z.string().min(1).optional(),
    status: z.enum(taskStatuses).optional(),
    providerStatus: z.string().optional(),
    progress: z.number().min(0).max(1).optional(),
    outputs: z.array(outputSchema).optional(),
    error: z
      .strictObject({ kind: z.enum(errorKinds), code: z.string().optional(), message: z.string().optional() })
      .optional(),
    retryable: z.boolean().optional(),
  }),
});

export type WildFixture = z.infer<typeof wildFixtureSchema>;

export type LoadedWildFixture =
  | { ok: true; file: string; name: string; fixture: WildFixture }
  | { ok: false; file: string; name: string; message: string };

/** Every wild fixture of one adapter, each parsed or with the reason it could not be. */
export function loadWildFixtures(fixturesDir: string, adapterId: string): LoadedWildFixture[] {
  const dir = join(fixturesDir, adapterId, 'wild');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        return {
          ok: false,
          file,
          name,
          message: `wild fixture ${file} is not valid JSON: ${(error as Error).message}`,
        };
      }
      const parsed = wildFixtureSchema.safeParse(json);
      if (!parsed.success) {
        const problems = parsed.error.issues.map(
          (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
        );
        return {
          ok: false,
          file,
          name,
          message: `wild fixture ${file} breaks the format: ${problems.join('; ')}`,
        };
      }
      return { ok: true, file, name, fixture: parsed.data };
    });
}
