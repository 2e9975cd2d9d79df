import { describe, expect, it } from 'vitest';
import { createClient } from '../client/create-client.js';
import { checkRefBaseUrl } from '../client/ref-base-url.js';
import { checkBaseUrl } from '../http/base-url.js';
import type { TaskRef } from '../spec/task.js';
import { createFakeAdapter } from '../testing/fake-adapter.js';
import { type HintOption, hintOptions, libraryHintText, problemText } from './error-hint.js';
import { WankitError } from './wankit-error.js';

const caught = (fn: () => unknown): WankitError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof WankitError) return error;
    throw error;
  }
  throw new Error('expected a WankitError');
};

describe('error hints', () => {
  it('end the library message with the remedy in option names, and keep the problem apart', () => {
    const error = new WankitError({
      kind: 'invalid_request',
      message: '/tmp/a.mp4 already exists',
      hint: { option: 'overwrite' },
    });
    expect(error.message).toBe('/tmp/a.mp4 already exists; pass overwrite: true to replace it');
    expect(problemText(error)).toBe('/tmp/a.mp4 already exists');
    expect(error.toJSON()).toMatchObject({ kind: 'invalid_request', hint: { option: 'overwrite' } });
  });

  it('survive a JSON round trip and a copy with more context, without doubling the remedy', () => {
    const error = new WankitError({
      kind: 'invalid_request',
      message: 'x already exists',
      hint: { option: 'overwrite' },
    });
    const copy = error.with({ requestId: 'r1' });
    expect(copy.message).toBe('x already exists; pass overwrite: true to replace it');
    const revived = new WankitError(JSON.parse(JSON.stringify(error.toJSON())));
    expect(revived.message).toBe(error.message);
    expect(revived.hint).toEqual({ option: 'overwrite' });
  });

  it('have a library wording for every option', () => {
    for (const option of hintOptions) {
      expect(libraryHintText({ option: option as HintOption }).length).toBeGreaterThan(10);
    }
  });

  it('name plain http: off loopback neutrally, with allowInsecureHttp as the hint', () => {
    const error = caught(() => checkBaseUrl('http://gateway.lan/'));
    expect(error.kind).toBe('invalid_request');
    expect(error.hint).toEqual({ option: 'allowInsecureHttp' });
    expect(problemText(error)).toBe(
      'the base URL http://gateway.lan/ uses plain http:, which would send the API key unencrypted',
    );
    expect(error.message).toBe(
      `${problemText(error)}; use https: or a loopback address, or set allowInsecureHttp: true`,
    );
  });

  it('say how to give the key when a base URL carries credentials', () => {
    const error = caught(() => checkBaseUrl('https://u:p@gw.example'));
    expect(error.hint).toEqual({ option: 'apiKey' });
    expect(error.message).not.toContain('u:p');
  });

  it('name baseUrl when the adapter documents none, and apiKey when there is no key', async () => {
    const request = { kind: 'text-to-video', model: 'wan2.5-t2v-preview', prompt: 'a kitten' } as const;
    const adapter = { ...createFakeAdapter(), defaultBaseUrl: undefined };
    const noBase = await createClient({ adapter, apiKey: 'k-abcdef' })
      .submit(request)
      .then(
        () => undefined as never,
        (e: WankitError) => e,
      );
    expect(noBase).toMatchObject({ kind: 'invalid_request', hint: { option: 'baseUrl' } });
    expect(noBase.message).toBe(
      'Fake provider documents no default base URL; pass baseUrl to createClient({ adapter, baseUrl })',
    );
    const noKey = await createClient({ adapter: createFakeAdapter() })
      .submit(request)
      .then(
        () => undefined as never,
        (e: WankitError) => e,
      );
    expect(noKey).toMatchObject({ kind: 'authentication', hint: { option: 'apiKey' } });
    expect(problemText(noKey)).toBe('No API key for Fake provider');
  });

  it('give the ref base URL as the value of acceptRefsFromOtherBaseUrls', () => {
    const ref = { taskId: 't1', baseUrl: 'http://127.0.0.1:9' } as TaskRef;
    const error = caught(() => checkRefBaseUrl(ref, 'https://gw.example', false));
    expect(error.hint).toEqual({ option: 'acceptRefsFromOtherBaseUrls', value: 'http://127.0.0.1:9' });
    expect(error.message).toBe(
      'task t1 was created at http://127.0.0.1:9, but this client (and its API key) is for https://gw.example; ' +
        'create a client for http://127.0.0.1:9, or pass acceptRefsFromOtherBaseUrls: true to poll it with this one',
    );
  });
});
