/** Deeper JSON than any request, config or task ref needs: refused before parsing, without recursion. */
export const maxJsonDepth = 32;

/** The deepest nesting of arrays and objects in JSON text (strings skipped), scanning without recursion. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text.charCodeAt(i);
    if (inString) {
      if (char === 0x5c)
        i++; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
      continue;
    }
    if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
  return deepest;
}

export type BoundedJson = { ok: true; value: unknown } | { ok: false; reason: string };

/** JSON.parse that refuses deep nesting (which would overflow the stack of anything walking the value). */
export function parseBoundedJson(text: string, maxDepth = maxJsonDepth): BoundedJson {
  const depth = jsonDepth(text);
  if (depth > maxDepth)
    return { ok: false, reason: `nested ${depth} levels deep; at most ${maxDepth} are allowed` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})` };
  }
}
