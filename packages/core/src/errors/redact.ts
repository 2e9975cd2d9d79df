// Secrets registered here are scrubbed from every error message and log line wankit produces.
const secrets = new Set<string>();

/** Registers a secret (an API key, a callback token) so that it never appears in messages. */
export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 4) secrets.add(secret);
}

// Token-shaped only (16+ token characters), so prose such as "the flag bearer walks" in a prompt is left alone;
// registered secrets are caught whatever their shape.
const bearer = /(bearer\s+)[A-Za-z0-9._~+/=-]{16,}/gi;

// Callback URLs carry a per-task token in their query (`wankit_token=…`); it is a credential too.
const callbackToken = /(wankit_token=)[^&\s"'\\]+/g;

// `scheme://user:password@host`: credentials in a URL's userinfo. Only right after `//`, so an e-mail address
// or an `@` in a path is left alone.
const urlCredentials = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/?#@\s"'<>]+@/gi;

/** Replaces registered secrets, bearer tokens, callback tokens and URL credentials with `[redacted]`. */
export function redactSecrets(text: string): string {
  let out = text
    .replace(bearer, '$1[redacted]')
    .replace(callbackToken, '$1[redacted]')
    .replace(urlCredentials, '$1[redacted]@');
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** Redacts header values that carry credentials. */
export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = /^(authorization|x-api-key|api-key|cookie|proxy-authorization)$/i.test(name)
      ? '[redacted]'
      : redactSecrets(value);
  }
  return out;
}

/** `redactSecrets` applied to every string inside a value (objects and arrays copied, depth bounded). */
export function redactDeep(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (typeof value !== 'object' || value === null || depth > 8) return value;
  if (Array.isArray(value)) return value.map((inner) => redactDeep(inner, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, redactDeep(inner, depth + 1)]));
}
