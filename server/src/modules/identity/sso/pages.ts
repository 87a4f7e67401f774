/**
 * The few HTML pages the provider itself renders (errors, sign-out confirmation), in Chinese with
 * English below. Everything else a user sees is the web app's sign-in page.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const STYLE = `
  body{margin:0;font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f6fb;color:#1f2d3d}
  main{max-width:480px;margin:64px auto;padding:32px 36px;background:#fff;border-radius:12px;
    box-shadow:0 4px 20px rgba(15,42,87,.08)}
  h1{margin:0 0 4px;font-size:20px}h1+p{margin:0 0 20px;color:#5a6b82}
  pre{white-space:pre-wrap;word-break:break-word;background:#f6f8fa;padding:10px 12px;border-radius:6px;font-size:13px}
  button{display:block;width:100%;margin-top:10px;padding:10px;border:0;border-radius:6px;font-size:15px;cursor:pointer}
  .primary{background:#1f4e9c;color:#fff}.secondary{background:#e8edf5;color:#1f2d3d}`;

export function page(title: string, subtitle: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - 通办 Tongban</title><style>${STYLE}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(subtitle)}</p>${body}</main></body>
</html>`;
}

/** An authorization request that cannot be redirected back (unknown or disabled client, bad redirect_uri …). */
export function errorPage(out: object): string {
  const details = Object.entries(out)
    .map(([key, value]) => `<pre><strong>${escapeHtml(key)}</strong>: ${escapeHtml(value)}</pre>`)
    .join('');
  return page('登录请求无法处理', 'The sign-in request cannot be processed', details);
}

/** RP-initiated logout: the user confirms signing out of the provider session. */
export function logoutPage(form: string, clientName: string | undefined): string {
  const from = clientName ? `「${escapeHtml(clientName)}」请求退出统一身份认证` : '应用请求退出统一身份认证';
  return page(
    '退出登录',
    'Sign out',
    `<p>${from}。Do you want to sign out?</p>${form}
<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">退出 Sign out</button>
<button class="secondary" type="submit" form="op.logoutForm">取消 Stay signed in</button>`,
  );
}

export function logoutSuccessPage(): string {
  return page('已退出登录', 'You are signed out', '<p>您已退出统一身份认证。You can close this window.</p>');
}
