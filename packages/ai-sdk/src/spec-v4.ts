// Local declarations of the AI SDK's v4 provider interface (`@ai-sdk/provider` 4.x, used by `ai` 7). Both
// packages declare `engines: { node: ">=22" }` (checked with `pnpm add ai@7` / `@ai-sdk/provider@4` under
// engine-strict on Node 20.20.2: ERR_PNPM_UNSUPPORTED_ENGINE), so wankit cannot depend on them yet.
// Shapes follow vercel/ai @ ed857f5 (2026-08-22): packages/provider/src/video-model/v4/*.ts,
// image-model/v4/*.ts, shared/v4/shared-v4-warning.ts and provider/v4/provider-v4.ts. Structural typing makes
// these models assignable to the published types once `ai` 7 can be installed.

export type JSONValue = null | string | number | boolean | JSONObject | JSONArray;
export type JSONObject = { [key: string]: JSONValue | undefined };
export type JSONArray = JSONValue[];

export type SharedV4ProviderOptions = Record<string, JSONObject>;
export type SharedV4ProviderMetadata = Record<string, JSONObject>;

export type SharedV4Warning =
  | { type: 'unsupported'; feature: string; details?: string }
  | { type: 'compatibility'; feature: string; details?: string }
  | { type: 'deprecated'; setting: string; message: string }
  | { type: 'other'; message: string };

export type VideoModelV4File =
  | { type: 'file'; mediaType: string; data: string | Uint8Array; providerOptions?: SharedV4ProviderMetadata }
  | { type: 'url'; url: string; mediaType?: string; providerOptions?: SharedV4ProviderMetadata };

export type VideoModelV4FrameType = 'first_frame' | 'last_frame';
export type VideoModelV4FrameImage = { image: VideoModelV4File; frameType: VideoModelV4FrameType };

export type VideoModelV4CallOptions = {
  prompt: string | undefined;
  n: number;
  aspectRatio: `${number}:${number}` | 'adaptive' | undefined;
  resolution: `${number}x${number}` | undefined;
  duration: number | undefined;
  fps: number | undefined;
  seed: number | undefined;
  image: VideoModelV4File | undefined;
  frameImages: VideoModelV4FrameImage[] | undefined;
  inputReferences: VideoModelV4File[] | undefined;
  generateAudio: boolean | undefined;
  providerOptions: SharedV4ProviderOptions;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
};

export type VideoModelV4VideoData =
  | { type: 'url'; url: string; mediaType: string }
  | { type: 'base64'; data: string; mediaType: string }
  | { type: 'binary'; data: Uint8Array; mediaType: string };

export interface ResponseInfo {
  timestamp: Date;
  modelId: string;
  headers: Record<string, string> | undefined;
}

export type VideoModelV4Result = {
  videos: VideoModelV4VideoData[];
  warnings: SharedV4Warning[];
  providerMetadata?: SharedV4ProviderMetadata;
  response: ResponseInfo;
};

export type VideoModelV4OperationStartResult = {
  /** JSON the caller may store and hand to `doStatus` from any process. */
  operation: JSONValue;
  warnings: SharedV4Warning[];
  providerMetadata?: SharedV4ProviderMetadata;
  response: ResponseInfo;
};

export type VideoModelV4OperationStatusResult =
  | {
      status: 'pending';
      warnings?: SharedV4Warning[];
      providerMetadata?: SharedV4ProviderMetadata;
      response: ResponseInfo;
    }
  | {
      status: 'completed';
      videos: VideoModelV4VideoData[];
      warnings: SharedV4Warning[];
      providerMetadata?: SharedV4ProviderMetadata;
      response: ResponseInfo;
    }
  | { status: 'error'; error: string; providerMetadata?: SharedV4ProviderMetadata; response: ResponseInfo };

export type VideoModelV4OperationWebhook<TBody = JSONValue> = {
  headers: Record<string, string>;
  body: TBody;
};

type MaxPerCall =
  | number
  | undefined
  | ((options: { modelId: string }) => PromiseLike<number | undefined> | number | undefined);

export type VideoModelV4 = {
  readonly specificationVersion: 'v4';
  readonly provider: string;
  readonly modelId: string;
  readonly maxVideosPerCall: MaxPerCall;
  doGenerate?(options: VideoModelV4CallOptions): PromiseLike<VideoModelV4Result>;
  /** Present only when the provider can call back: the SDK then creates a webhook endpoint. */
  handleWebhookOption?: (options: {
    webhook: () => PromiseLike<{ url: string; received: PromiseLike<VideoModelV4OperationWebhook> }>;
  }) => PromiseLike<{ webhookUrl: string; received: PromiseLike<VideoModelV4OperationWebhook> }>;
  doStart?(
    options: VideoModelV4CallOptions & { webhookUrl?: string },
  ): PromiseLike<VideoModelV4OperationStartResult>;
  doStatus?(options: {
    operation: JSONValue;
    abortSignal?: AbortSignal;
    headers?: Record<string, string | undefined>;
  }): PromiseLike<VideoModelV4OperationStatusResult>;
};

export type ImageModelV4File =
  | { type: 'file'; mediaType: string; data: string | Uint8Array; providerOptions?: SharedV4ProviderMetadata }
  | { type: 'url'; url: string; providerOptions?: SharedV4ProviderMetadata };

export type ImageModelV4CallOptions = {
  prompt: string | undefined;
  n: number;
  size: `${number}x${number}` | undefined;
  aspectRatio: `${number}:${number}` | undefined;
  seed: number | undefined;
  files: ImageModelV4File[] | undefined;
  mask: ImageModelV4File | undefined;
  providerOptions: SharedV4ProviderOptions;
  abortSignal?: AbortSignal;
  headers?: Record<string, string | undefined>;
};

export type ImageModelV4ProviderMetadata = Record<string, { images: JSONArray } & JSONValue>;

export type ImageModelV4Result = {
  images: string[] | Uint8Array[];
  warnings: SharedV4Warning[];
  providerMetadata?: ImageModelV4ProviderMetadata;
  response: ResponseInfo;
  usage?: {
    inputTokens: number | undefined;
    outputTokens: number | undefined;
    totalTokens: number | undefined;
  };
};

export type ImageModelV4 = {
  readonly specificationVersion: 'v4';
  readonly provider: string;
  readonly modelId: string;
  readonly maxImagesPerCall: MaxPerCall;
  doGenerate(options: ImageModelV4CallOptions): PromiseLike<ImageModelV4Result>;
};
