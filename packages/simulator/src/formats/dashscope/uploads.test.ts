import { describe, expect, it } from 'vitest';
import { ASYNC, ds, VIDEO } from '../../../test/dashscope-kit.js';
import { startTestSimulator } from '../../../test/sim-test-kit.js';
import type { Simulator } from '../../server.js';

const HOUR = 3_600_000;
const RESOLVE = { ...ASYNC, 'X-DashScope-OssResourceResolve': 'enable' };

type PolicyData = Record<string, string | number>;

async function getPolicy(sim: Simulator, model: string): Promise<PolicyData> {
  const answer = await ds(sim, 'GET', `/api/v1/uploads?action=getPolicy&model=${model}`, undefined, {});
  expect(answer.status).toBe(200);
  return answer.json.data;
}

/** The form of [MS-UPLOAD]'s samples, in their field order, `file` last unless `order` says otherwise. */
function uploadForm(
  policy: PolicyData,
  key: string,
  file = new Blob([Buffer.from('fake png bytes')], { type: 'image/png' }),
  overrides: Record<string, string> = {},
  fileFirst = false,
): FormData {
  const form = new FormData();
  if (fileFirst) form.append('file', file, key.split('/').at(-1));
  const fields: Record<string, string> = {
    OSSAccessKeyId: String(policy.oss_access_key_id),
    Signature: String(policy.signature),
    policy: String(policy.policy),
    'x-oss-object-acl': String(policy.x_oss_object_acl),
    'x-oss-forbid-overwrite': String(policy.x_oss_forbid_overwrite),
    key,
    success_action_status: '200',
    ...overrides,
  };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  if (!fileFirst) form.append('file', file, key.split('/').at(-1));
  return form;
}

async function upload(sim: Simulator, model: string, name = 'cat.png', file?: Blob): Promise<string> {
  const policy = await getPolicy(sim, model);
  const key = `${policy.upload_dir}/${name}`;
  const response = await fetch(String(policy.upload_host), {
    method: 'POST',
    body: uploadForm(policy, key, file),
  });
  expect(response.status).toBe(200);
  expect(await response.text()).toBe('');
  return `oss://${key}`;
}

const i2v = (img_url: string, model = 'wan2.6-i2v') => ({ model, input: { prompt: 'x', img_url } });

describe('DashScope temporary uploads', () => {
  it('hands out a policy whose upload_host is the simulator, in the documented shape', async () => {
    const { sim } = await startTestSimulator();
    const answer = await ds(sim, 'GET', '/api/v1/uploads?action=getPolicy&model=wan2.6-i2v', undefined, {});
    expect(Object.keys(answer.json)).toEqual(['request_id', 'data']);
    const { data } = answer.json;
    expect(Object.keys(data)).toEqual([
      'policy',
      'signature',
      'upload_dir',
      'upload_host',
      'expire_in_seconds',
      'max_file_size_mb',
      'capacity_limit_mb',
      'oss_access_key_id',
      'x_oss_object_acl',
      'x_oss_forbid_overwrite',
    ]);
    expect(data).toMatchObject({
      upload_host: `${sim.baseUrl}/__sim/oss`,
      expire_in_seconds: 300,
      max_file_size_mb: 100,
      capacity_limit_mb: 999_999_999,
      x_oss_object_acl: 'private',
      x_oss_forbid_overwrite: 'true',
    });
    expect(data.upload_dir).toMatch(/^dashscope-instant\/[0-9a-f]{32}\/2026-01-01\/[0-9a-f-]{36}$/);
    const policy = JSON.parse(Buffer.from(data.policy, 'base64').toString('utf8'));
    expect(policy.expiration).toBe('2026-01-01T00:05:00.000Z');
    expect(policy.conditions).toContainEqual(['starts-with', '$key', data.upload_dir]);
  });

  it('needs the bearer key, action=getPolicy and a model', async () => {
    const { sim } = await startTestSimulator();
    expect(
      (await ds(sim, 'GET', '/api/v1/uploads?action=getPolicy&model=x', undefined, {}, null)).status,
    ).toBe(401);
    const noAction = await ds(sim, 'GET', '/api/v1/uploads?model=x', undefined, {});
    expect([noAction.status, noAction.json.message]).toEqual([400, "Input should be 'getPolicy': action"]);
    const noModel = await ds(sim, 'GET', '/api/v1/uploads?action=getPolicy', undefined, {});
    expect([noModel.status, noModel.json.message]).toEqual([400, 'Field required: model']);
  });

  it('accepts the form, then oss:// inputs only with X-DashScope-OssResourceResolve: enable', async () => {
    const { sim } = await startTestSimulator();
    const url = await upload(sim, 'wan2.6-i2v');
    expect(url).toMatch(/^oss:\/\/dashscope-instant\/.+\/cat\.png$/);

    const withoutHeader = await ds(sim, 'POST', VIDEO, i2v(url));
    expect(withoutHeader.status).toBe(400);
    expect(withoutHeader.json).toEqual({
      code: 'InvalidParameter.DataInspection',
      message: 'The media format is not supported or incorrect for the data inspection.',
      request_id: expect.any(String),
    });
    const created = await ds(sim, 'POST', VIDEO, i2v(url), RESOLVE);
    expect(created.status).toBe(200);
    expect(sim.stats().formats.dashscope.requests.upload).toBe(2);
  });

  it('binds an upload to the model named at upload, and forgets it after 48 h (scaled)', async () => {
    const { sim, clock } = await startTestSimulator({ timeScale: 0.25 });
    const url = await upload(sim, 'wan2.6-i2v');
    const other = await ds(sim, 'POST', VIDEO, i2v(url, 'wan2.6-i2v-flash'), RESOLVE);
    expect(other.status).toBe(400);
    expect(other.json).toMatchObject({
      code: 'InvalidParameter.DataInspection',
      message: 'Unable to download the media resource during the data inspection process.',
    });
    const unknown = await ds(sim, 'POST', VIDEO, i2v('oss://dashscope-instant/nope/cat.png'), RESOLVE);
    expect(unknown.json.code).toBe('InvalidParameter.DataInspection');
    clock.advance(12 * HOUR - 1);
    expect((await ds(sim, 'POST', VIDEO, i2v(url), RESOLVE)).status).toBe(200);
    clock.advance(1);
    expect((await ds(sim, 'POST', VIDEO, i2v(url), RESOLVE)).status).toBe(400);
  });

  it('tells an uploaded reference video from an image by its type (wan2.6 r2v)', async () => {
    const { sim } = await startTestSimulator();
    const video = new Blob([Buffer.from('not really an mp4')], { type: 'video/mp4' });
    const clips = await Promise.all(
      [1, 2, 3, 4].map((n) => upload(sim, 'wan2.6-r2v', `clip${n}.bin`, video)),
    );
    const refused = await ds(
      sim,
      'POST',
      VIDEO,
      { model: 'wan2.6-r2v', input: { prompt: 'x', reference_urls: clips } },
      RESOLVE,
    );
    expect(refused.json.message).toBe('At most 3 reference videos are allowed: input.reference_urls');
    const created = await ds(
      sim,
      'POST',
      VIDEO,
      { model: 'wan2.6-r2v', input: { prompt: 'x', reference_urls: clips.slice(0, 3) } },
      RESOLVE,
    );
    expect(created.status).toBe(200);
  });

  it('answers form problems with OSS XML errors: expired policy, wrong signature, key outside the dir, file not last', async () => {
    const { sim, clock } = await startTestSimulator();
    const policy = await getPolicy(sim, 'wan2.6-i2v');
    const key = `${policy.upload_dir}/cat.png`;
    const post = (form: FormData) => fetch(String(policy.upload_host), { method: 'POST', body: form });
    const expectXml = async (response: Response, status: number, code: string, message: string) => {
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toBe('application/xml');
      const xml = await response.text();
      expect(xml).toContain(`<Code>${code}</Code>`);
      expect(xml).toContain(`<Message>${message}</Message>`);
    };

    await expectXml(
      await post(uploadForm(policy, key, undefined, {}, true)),
      400,
      'InvalidArgument',
      'The file field must be the last field of the form.',
    );
    await expectXml(
      await post(uploadForm(policy, key, undefined, { Signature: 'forged' })),
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
    await expectXml(
      await post(uploadForm(policy, 'dashscope-instant/elsewhere/cat.png')),
      403,
      'AccessDenied',
      `Invalid according to Policy: Policy Condition failed: ["starts-with", "$key", "${policy.upload_dir}"]`,
    );
    const stored = await post(uploadForm(policy, key, undefined, { success_action_status: '' }));
    expect(stored.status).toBe(204);
    await expectXml(
      await post(uploadForm(policy, key)),
      409,
      'FileAlreadyExists',
      'The object you specified already exists and can not be overwritten.',
    );
    // [MS-UPLOAD]: the documented expiry answer, 300 s after the policy was issued (not scaled)
    clock.advance(300_000);
    await expectXml(
      await post(uploadForm(policy, `${policy.upload_dir}/dog.png`)),
      403,
      'AccessDenied',
      'Invalid according to Policy: Policy expired.',
    );
    const garbage = await fetch(String(policy.upload_host), {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: 'not a form',
    });
    expect(garbage.status).toBe(400);
    expect(await garbage.text()).toContain('<Code>MalformedPOSTRequest</Code>');
  });

  it('refuses a file over the policy’s size limit', async () => {
    const { sim } = await startTestSimulator({ dashscope: { maxUploadMb: 1 } });
    const policy = await getPolicy(sim, 'wan2.6-i2v');
    expect(policy.max_file_size_mb).toBe(1);
    const big = new Blob([Buffer.alloc(1024 * 1024 + 1)], { type: 'image/png' });
    const response = await fetch(String(policy.upload_host), {
      method: 'POST',
      body: uploadForm(policy, `${policy.upload_dir}/big.png`, big),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('<Code>EntityTooLarge</Code>');
  });

  it('limits getPolicy to 100 QPS per model when the documented limits are on', async () => {
    const { sim, clock } = await startTestSimulator({ limits: { documented: true } });
    for (let i = 0; i < 100; i++) await getPolicy(sim, 'wan2.6-i2v');
    const limited = await ds(sim, 'GET', '/api/v1/uploads?action=getPolicy&model=wan2.6-i2v', undefined, {});
    expect([limited.status, limited.json.code, limited.headers.get('retry-after')]).toEqual([
      429,
      'Throttling.RateQuota',
      '1',
    ]);
    await getPolicy(sim, 'wan2.7-i2v');
    clock.advance(1000);
    await getPolicy(sim, 'wan2.6-i2v');
  });
});
