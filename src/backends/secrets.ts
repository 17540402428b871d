/**
 * The shortest signature that is masked in messages. A real UserSig runs to hundreds of characters;
 * masking a short test value ("sig", "loopback") would blank it out of every word and URL of the
 * message, and it protects nothing.
 */
export const MIN_MASKED_SECRET_LENGTH = 16;

/** `text` with every secret long enough to be a real signature replaced by `***`. */
export function maskSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  let masked = text;
  for (const secret of secrets) if (secret && secret.length >= MIN_MASKED_SECRET_LENGTH) masked = masked.replaceAll(secret, '***');
  return masked;
}
