/**
 * A message body's JSON. Throws on anything else: such a message can never succeed, so its
 * processor's failure gets it dead-lettered. `kind` names the message in the error.
 */
export function parseMessageJson(body: string, kind: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    throw new Error(`${kind} is not JSON: ${body.slice(0, 100)}`);
  }
}
