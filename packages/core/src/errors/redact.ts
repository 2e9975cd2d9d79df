// Secrets registered here are scrubbed from every error message and log line wankit produces.
const secrets = new Set<string>();

/** Registers a secret (an API key, a callback token) so that it never appears in messages. */
export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 4) secrets.add(secret);
}

const bearer = /(bearer\s+)[^\s"',;]+/gi;

/** Replaces registered secrets and anything shaped like a bearer token with `[redacted]`. */
export function redactSecrets(text: string): string {
  let out = text.replace(bearer, '$1[redacted]');
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
