/** Compiles a resource pattern with `*` wildcards (e.g. `arn:aws:states:::dynamodb:*`) to a RegExp. */
export function globToRegExp(pattern: string): RegExp {
  const body = pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`);
}
