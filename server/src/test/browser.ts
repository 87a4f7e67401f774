/**
 * Test support: the few things a browser does in a redirect-based sign-in, over real HTTP — keeping
 * cookies (by name and path), and stepping through redirects one at a time so tests can look at each.
 */
export class TestBrowser {
  private readonly cookies = new Map<string, { value: string; path: string }>();

  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookie = this.cookieHeader(target.pathname);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) this.store(line);
    return response;
  }

  /** GET, following redirects while they stay on `origin`; answers the first redirect that leaves it. */
  async navigate(url: string | URL, origin: string): Promise<{ response: Response; location: URL | null }> {
    let current = new URL(url);
    for (let hops = 0; hops < 10; hops++) {
      const response = await this.fetch(current);
      const header = response.headers.get('location');
      if (!header || response.status < 300 || response.status >= 400) return { response, location: null };
      const next = new URL(header, current);
      if (next.origin !== origin || next.pathname === '/login') return { response, location: next };
      current = next;
    }
    throw new Error('too many redirects');
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  private cookieHeader(path: string): string {
    return [...this.cookies]
      .filter(([, c]) => path === c.path || path.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
      .map(([name, c]) => `${name}=${c.value}`)
      .join('; ');
  }

  private store(line: string): void {
    const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const attr = new Map(
      attributes.map((a) => {
        const i = a.indexOf('=');
        return i === -1 ? [a.toLowerCase(), ''] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
      }),
    );
    const expires = attr.get('expires');
    const expired =
      attr.get('max-age') === '0' || (expires !== undefined && new Date(expires).getTime() <= Date.now());
    if (!value || expired) this.cookies.delete(name);
    else this.cookies.set(name, { value, path: attr.get('path') || '/' });
  }
}
