// `providerMetadata.wankit`: the JSON TaskRef (poll it from any process with `client.status`), the task's status,
// usage and cost as the provider reported them (or wankit estimated them, `usage.estimated`), and the outputs.
import type { TaskRef, TaskSnapshot } from '@wankit/core';
import type { JSONObject, JSONValue } from './spec-v4.js';

// TaskRef and usage are plain JSON by design; the round trip drops `undefined`s and anything else that is not.
const asJson = (value: unknown): JSONValue => JSON.parse(JSON.stringify(value)) as JSONValue;

export function refMetadata(ref: TaskRef): JSONObject {
  return { taskRef: asJson(ref), taskId: ref.taskId, adapter: ref.adapter };
}

export function snapshotMetadata(snapshot: TaskSnapshot): JSONObject {
  const outputs = snapshot.outputs.map((output) =>
    asJson({ kind: output.kind, url: output.url, expiresAt: output.expiresAt }),
  );
  return {
    ...refMetadata(snapshot.ref),
    status: snapshot.status,
    ...(snapshot.providerStatus !== undefined ? { providerStatus: snapshot.providerStatus } : {}),
    ...(snapshot.progress !== undefined ? { progress: snapshot.progress } : {}),
    ...(snapshot.usage ? { usage: asJson(snapshot.usage) } : {}),
    ...(snapshot.error ? { error: asJson(snapshot.error) } : {}),
    outputs,
  };
}
