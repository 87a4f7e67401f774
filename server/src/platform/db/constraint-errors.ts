/** PostgreSQL constraint violations, recognised by SQLSTATE (the same on PGlite and PostgreSQL). */
function violation(error: unknown, sqlState: string): string | null {
  const { code, constraint } = (error ?? {}) as { code?: string; constraint?: string };
  return code === sqlState ? (constraint ?? '') : null;
}

/** The violated unique constraint's name ('' when the driver does not say), or null. */
export function uniqueViolation(error: unknown): string | null {
  return violation(error, '23505');
}

/** The violated foreign key's name ('' when the driver does not say), or null: a row is still referenced. */
export function foreignKeyViolation(error: unknown): string | null {
  return violation(error, '23503');
}
