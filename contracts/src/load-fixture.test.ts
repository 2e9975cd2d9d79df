import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requestKinds } from '@wankit/core';
import { describe, expect, it } from 'vitest';
import { contractFixturesDir } from './contract-harness.js';
import { fixtureCases } from './fixture-format.js';
import { fixturePath, loadFixture, requireFixture } from './load-fixture.js';
import { nullPaths } from './wire-server.js';

const nowhere = { fixturesDir: contractFixturesDir, adapterId: 'no-such-adapter' };

function tempFixtures(files: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'wankit-contract-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'x', path, '..'), { recursive: true });
    writeFileSync(join(dir, 'x', path), text);
  }
  return { fixturesDir: dir, adapterId: 'x' };
}

describe('loadFixture', () => {
  it('reports a missing fixture with the missing file, so the scenario fails instead of being skipped', () => {
    const file = join(contractFixturesDir, 'no-such-adapter', 'submit', 't2v-full.json');
    expect(loadFixture(nowhere, 'submit', 't2v-full')).toStrictEqual({
      ok: false,
      file,
      message: `missing contract fixture: ${file} (scenario submit/t2v-full)`,
    });
  });

  it('requireFixture throws that message (inside a test, the test fails naming the file)', () => {
    expect(() => requireFixture(nowhere, 'status', 'status-words')).toThrow(
      `missing contract fixture: ${fixturePath(nowhere, 'status', 'status-words')} (scenario status/status-words)`,
    );
  });

  it('names the file and the problem when a fixture is not JSON', () => {
    const harness = tempFixtures({ 'status/status-words.json': '{ "description": ' });
    const loaded = loadFixture(harness, 'status', 'status-words');
    expect(loaded.ok).toBe(false);
    expect(loaded.ok ? '' : loaded.message).toMatch(
      /^contract fixture .*status-words\.json is not valid JSON: /,
    );
  });

  it('names the file and the key when a fixture breaks the format', () => {
    const harness = tempFixtures({
      'errors/http-400.json': JSON.stringify({
        description: 'd',
        response: { status: 400 },
        expect: { kinds: 'x' },
      }),
    });
    const loaded = loadFixture(harness, 'errors', 'http-400');
    expect(loaded.ok ? '' : loaded.message).toMatch(
      /http-400\.json breaks the fixture format: expect: .*kinds/,
    );
  });

  it('takes every request kind of core as requestKind, reference-to-video included, and no other', () => {
    const withKind = (requestKind: string) =>
      tempFixtures({
        'warnings/dropped.json': JSON.stringify({
          description: 'd',
          requestKind,
          requestPatch: { seed: 1 },
          response: { status: 200 },
        }),
      });
    for (const kind of requestKinds) {
      const loaded = loadFixture(withKind(kind), 'warnings', 'dropped');
      expect(loaded.ok && loaded.fixture.requestKind).toBe(kind);
    }
    const unknown = loadFixture(withKind('video-to-video'), 'warnings', 'dropped');
    expect(unknown.ok ? '' : unknown.message).toMatch(/breaks the fixture format: requestKind: /);
  });

  it('reads a valid fixture', () => {
    const loaded = loadFixture(
      { fixturesDir: contractFixturesDir, adapterId: 'reference' },
      'submit',
      't2v-minimal',
    );
    expect(loaded.ok && loaded.fixture.request?.path).toBe('/v1/tasks');
  });
});

describe('fixtureCases', () => {
  it('gives each variant the fixture request and merges expect', () => {
    const request = { method: 'GET' as const, path: '/t/1' };
    const cases = fixtureCases({
      description: 'd',
      request,
      expect: { code: 'c' },
      variants: [
        { name: 'a', response: { status: 200 }, expect: { status: 'queued' } },
        { name: 'b', response: { status: 201 } },
      ],
    });
    expect(cases).toStrictEqual([
      { name: 'a', request, response: { status: 200 }, expect: { code: 'c', status: 'queued' } },
      { name: 'b', request, response: { status: 201 }, expect: { code: 'c' } },
    ]);
  });

  it('gives the fixture itself as the one case when it has no variants, and none without a response', () => {
    expect(fixtureCases({ description: 'd', response: { status: 200 } })).toStrictEqual([
      { name: undefined, request: undefined, response: { status: 200 }, expect: {} },
    ]);
    expect(fixtureCases({ description: 'd' })).toStrictEqual([]);
  });
});

describe('nullPaths', () => {
  it('finds every null in a wire body', () => {
    expect(nullPaths({ a: 1, b: null, c: { d: [1, null] } })).toStrictEqual(['b', 'c.d[1]']);
    expect(nullPaths({ a: [], b: 'x' })).toStrictEqual([]);
  });
});
